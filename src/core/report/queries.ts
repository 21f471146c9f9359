/**
 * The SQL behind the report. Every query reads one period only, through an index on its date
 * (orders_report from migration 007 covers the order-level sums; traffic_date, reviews_created…),
 * never the whole history (the customer counts are in report/customers.ts). Money is summed per currency; report/currency.ts converts.
 *
 * `lo`/`hi`: the first local date of the period and the day after its last one. Stored times are
 * the local text the export printed (`2025-05-11T09:55:16`), so text comparison is date comparison.
 */
import type { Db } from '../db/open.js';
import { stmt } from '../db/statements.js';

export interface Range {
  lo: string;
  hi: string;
}

const LIVE = `created_at >= @lo and created_at < @hi and cancelled_at is null`;

export interface DayRow {
  date: string;
  currency: string | null;
  orders: number;
  revenue: number;
  refunded: number;
  refund_orders: number;
  discounted: number;
}

/** Orders per local day and currency, from the covering index orders_report alone. */
export const ordersByDay = (db: Db, r: Range): DayRow[] =>
  stmt(
    db,
    `select substr(created_at, 1, 10) as date, currency, count(*) as orders, coalesce(sum(total), 0) as revenue,
       coalesce(sum(refunded), 0) as refunded, coalesce(sum(coalesce(refunded, 0) > 0), 0) as refund_orders,
       coalesce(sum(coalesce(discounts, 0) > 0 or coalesce(discount_codes, '') <> ''), 0) as discounted
     from orders indexed by orders_report where ${LIVE} group by date, currency order by date`,
  ).all(r) as DayRow[];

export const units = (db: Db, r: Range): number =>
  (
    stmt(
      db,
      `select coalesce(sum(l.quantity), 0) as n from orders o indexed by orders_report join order_lines l on l.order_id = o.id
       where o.created_at >= @lo and o.created_at < @hi and o.cancelled_at is null`,
    ).get(r) as { n: number }
  ).n;

export interface ProductSums {
  product: string;
  name: string;
  currency: string | null;
  units: number;
  revenue: number;
}

/** Per product (SKU, else line name) and currency: units and line revenue (quantity × price − line discount). */
export const productSums = (db: Db, r: Range): ProductSums[] =>
  stmt(
    db,
    `select coalesce(nullif(l.sku, ''), l.name) as product, min(l.name) as name, o.currency as currency,
       sum(l.quantity) as units, coalesce(sum(l.quantity * l.price - coalesce(l.discount, 0)), 0) as revenue
     from orders o indexed by orders_report join order_lines l on l.order_id = o.id
     where o.created_at >= @lo and o.created_at < @hi and o.cancelled_at is null
     group by product, o.currency`,
  ).all(r) as ProductSums[];

/** Per product: the orders with a refund that contain it (only refunded orders are joined). */
export const refundedProducts = (db: Db, r: Range): { product: string; name: string; orders: number }[] =>
  stmt(
    db,
    `select coalesce(nullif(l.sku, ''), l.name) as product, min(l.name) as name, count(distinct o.id) as orders
     from orders o indexed by orders_report join order_lines l on l.order_id = o.id
     where o.created_at >= @lo and o.created_at < @hi and o.cancelled_at is null and o.refunded > 0
     group by product`,
  ).all(r) as { product: string; name: string; orders: number }[];

export interface TrafficRow {
  date: string;
  dim: string;
  sessions: number;
}

export const trafficDaily = (db: Db, r: Range): TrafficRow[] =>
  stmt(
    db,
    `select date, coalesce(dimension, '') as dim, sum(sessions) as sessions from traffic
     where date >= @lo and date < @hi and sessions is not null group by date, dim order by date`,
  ).all(r) as TrafficRow[];

/** The counts an email platform reports, as stored (null: not in the export). */
export interface EmailCounts {
  recipients: number | null;
  delivered: number | null;
  unique_opens: number | null;
  unique_clicks: number | null;
  unsubscribes: number | null;
  revenue: number | null;
}

export interface CampaignRow extends EmailCounts {
  platform: string;
  name: string;
  sent_at: string | null;
}

export const campaigns = (db: Db, r: Range): CampaignRow[] =>
  stmt(
    db,
    `select platform, name, sent_at, recipients, delivered, unique_opens, unique_clicks, unsubscribes, revenue
     from email_campaigns where sent_at >= @lo and sent_at < @hi order by sent_at, name`,
  ).all(r) as CampaignRow[];

export interface FlowRow extends Omit<EmailCounts, 'recipients'> {
  platform: string;
  flow_name: string;
  period: string;
}

/** Flow rows whose period (a day or a month) may fall in the range; report/email.ts keeps the covered ones. */
export const flows = (db: Db, r: Range): FlowRow[] =>
  stmt(
    db,
    `select platform, flow_name, period, delivered, unique_opens, unique_clicks, unsubscribes, revenue
     from email_flows where period >= substr(@lo, 1, 7) and period < @hi order by flow_name, period`,
  ).all(r) as FlowRow[];

export interface ReviewRow {
  rating: number;
  title: string | null;
  body: string | null;
}

export const reviews = (db: Db, r: Range): ReviewRow[] =>
  stmt(db, `select rating, title, body from reviews where created_at >= @lo and created_at < @hi order by created_at`).all(r) as ReviewRow[];

/** Any currency the orders use (for a store without store.currency and without orders in the period). */
export const anyCurrency = (db: Db): string | undefined =>
  (stmt(db, `select currency from orders where currency is not null limit 1`).get() as { currency: string } | undefined)?.currency;

/** The local days of the first and last live order in the whole history (two index seeks), or null without orders. */
export function orderSpan(db: Db): { from: string; until: string } | null {
  const day = (agg: 'min' | 'max'): string | undefined =>
    (stmt(db, `select substr(${agg}(created_at), 1, 10) as d from orders where cancelled_at is null`).get() as { d: string | null }).d ?? undefined;
  const from = day('min');
  const until = day('max');
  return from && until ? { from, until } : null;
}

/** The local time and UTC offset of the period's last order (one index seek and one row), or undefined. */
export const lastOrderOffset = (db: Db, r: Range): { created_at: string; offset: string } | undefined =>
  stmt(
    db,
    `select created_at, created_offset as offset from orders indexed by orders_report
     where ${LIVE} and created_offset is not null order by created_at desc limit 1`,
  ).get(r) as { created_at: string; offset: string } | undefined;
