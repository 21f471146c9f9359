/**
 * The SQL behind the report. Every query reads one period only, through an index on its date
 * (orders_report from migration 007 covers the order-level sums; traffic_date, reviews_created…),
 * never the whole history; the one exception, the customer counts, reads only the covering index
 * orders_email_created. Money is summed per currency; report/currency.ts converts.
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

export interface CustomerCounts {
  /** Customers with ≥ 1 and ≥ 2 orders created before the period end. */
  buyers: number;
  repeaters: number;
  /** Customers with an order in the period, and those of them who ordered before it. */
  customers: number;
  returners: number;
}

/**
 * Customer counts (by email; orders without one are not customers here) for a period and its
 * comparison period, in one pass over the covering index orders_email_created (email,
 * created_at; not cancelled). The repeat rate "as of the period end" needs every customer's
 * history, so this is the report's one read that grows with the history, not the period.
 */
export function customerCounts(db: Db, a: Range, b: Range): [CustomerCounts, CustomerCounts] {
  // Per customer: orders before each period's end (e) and start (p); e > p means an order in
  // the period. Four sums, not six: this scan is the report's largest read.
  const row = stmt(
    db,
    `select coalesce(sum(e1 >= 1), 0) as b1, coalesce(sum(e1 >= 2), 0) as r1, coalesce(sum(e1 > p1), 0) as c1,
       coalesce(sum(e1 > p1 and p1 > 0), 0) as ret1,
       coalesce(sum(e2 >= 1), 0) as b2, coalesce(sum(e2 >= 2), 0) as r2, coalesce(sum(e2 > p2), 0) as c2,
       coalesce(sum(e2 > p2 and p2 > 0), 0) as ret2
     from (select sum(created_at < @hi1) as e1, sum(created_at < @lo1) as p1, sum(created_at < @hi2) as e2, sum(created_at < @lo2) as p2
           from orders indexed by orders_email_created
           where email is not null and cancelled_at is null group by email)`,
  ).get({ lo1: a.lo, hi1: a.hi, lo2: b.lo, hi2: b.hi }) as Record<string, number>;
  const pick = (n: 1 | 2): CustomerCounts => ({
    buyers: row[`b${n}`]!,
    repeaters: row[`r${n}`]!,
    customers: row[`c${n}`]!,
    returners: row[`ret${n}`]!,
  });
  return [pick(1), pick(2)];
}

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
