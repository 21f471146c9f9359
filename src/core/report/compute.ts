import type { Db } from '../db/open.js';
import type { StoreConfig } from '../config/config.js';
import { deriveActions } from './actions.js';
import { moneyFor, type Money } from './currency.js';
import { customerCounts, type CustomerCounts } from './customers.js';
import { DEFINITIONS, definitionTexts } from './definitions.js';
import { emailSection, ratio, type EmailSection } from './email.js';
import { feedbackSection } from './feedback.js';
import { addDays, comparePeriod, makePeriod, type CompareMode } from './period.js';
import * as q from './queries.js';
import { checkTargets } from './targets.js';
import { KPI_NAMES, type DayPoint, type KpiName, type Period, type ProductRow, type Report } from './types.js';

export interface ReportInput {
  period: Period;
  compare: CompareMode;
  /** Notes from resolving the period ("today is left out"). */
  notes?: string[];
}

export interface ReportDeps {
  db: Db;
  config: StoreConfig;
  now: Date;
}

type Kpis = Record<KpiName, number | null>;

interface Measured {
  kpis: Kpis;
  daily: DayPoint[];
  email: EmailSection;
  reviews: q.ReviewRow[];
  traffic: boolean;
}

const ORDER_GROUPS = new Set(['sales', 'customers', 'refunds']);

const range = (p: Period): q.Range => ({ lo: p.since, hi: addDays(p.until, 1) });

function days(p: Period): string[] {
  return Array.from({ length: p.days }, (_, i) => addDays(p.since, i));
}

/** Sessions per day from one breakdown: the totals rows when there are any, else the first dimension. */
function sessionsByDay(rows: q.TrafficRow[]): Map<string, number> {
  const dims = [...new Set(rows.map((r) => r.dim))].sort();
  const dim = dims.includes('') ? '' : dims[0];
  return new Map(rows.filter((r) => r.dim === dim).map((r) => [r.date, r.sessions]));
}

interface PeriodInput {
  period: Period;
  days: q.DayRow[];
  units: number;
  customers: CustomerCounts;
}

function measure(db: Db, input: PeriodInput, money: Money): Measured {
  const { period: p, days: dayRows, customers: c } = input;
  const r = range(p);
  const total = (f: (s: q.DayRow) => number, convert: boolean): number =>
    dayRows.reduce((s, x) => s + f(x) * (convert ? money.rate(x.currency) : 1), 0);
  const orders = total((s) => s.orders, false);
  const revenue = total((s) => s.revenue, true);
  const refunded = total((s) => s.refunded, true);
  const traffic = sessionsByDay(q.trafficDaily(db, r));
  const daily = new Map(days(p).map((d) => [d, { date: d, orders: 0, revenue: 0, sessions: traffic.get(d) ?? null }]));
  for (const row of dayRows) {
    const point = daily.get(row.date);
    if (!point) continue;
    point.orders += row.orders;
    point.revenue += row.revenue * money.rate(row.currency);
  }
  const points = [...daily.values()];
  const withTraffic = points.filter((d) => d.sessions !== null);
  const sessions = withTraffic.length > 0 ? withTraffic.reduce((s, d) => s + d.sessions!, 0) : null;
  const email = emailSection(db, r, p);
  const reviews = q.reviews(db, r);
  const kpis: Kpis = {
    orders,
    revenue,
    refunded,
    net_revenue: revenue - refunded,
    aov: ratio(revenue, orders),
    units: input.units,
    discount_rate: ratio(total((s) => s.discounted, false), orders),
    new_customers: c.customers - c.returners,
    returning_customers: c.returners,
    returning_customer_rate: ratio(c.returners, c.customers),
    repeat_purchase_rate: ratio(c.repeaters, c.buyers),
    refund_rate: ratio(total((s) => s.refund_orders, false), orders),
    refunded_share: ratio(refunded, revenue),
    sessions,
    conversion_rate: ratio(withTraffic.reduce((s, d) => s + d.orders, 0), sessions),
    email_recipients: email.total?.recipients ?? null,
    email_delivered: email.total?.delivered ?? null,
    open_rate: email.total?.open_rate ?? null,
    click_rate: email.total?.click_rate ?? null,
    click_to_open: email.total?.click_to_open ?? null,
    unsubscribe_rate: email.total?.unsubscribe_rate ?? null,
    email_revenue_per_recipient: email.total?.revenue_per_recipient ?? null,
    reviews: reviews.length,
    average_rating: ratio(reviews.reduce((s, x) => s + x.rating, 0), reviews.length),
  };
  for (const d of points) d.revenue = cents(d.revenue)!;
  return { kpis: roundMoney(kpis), daily: points, email, reviews, traffic: withTraffic.length > 0 };
}

function topProducts(db: Db, rows: q.ProductSums[], r: q.Range, money: Money): Report['top_products'] {
  const byKey = new Map<string, ProductRow>();
  for (const x of rows) {
    const p = byKey.get(x.product) ?? { key: x.product, name: x.name, units: 0, revenue: 0 };
    p.units += x.units;
    p.revenue = cents(p.revenue + x.revenue * money.rate(x.currency))!;
    byKey.set(x.product, p);
  }
  const all = [...byKey.values()];
  const top = (f: (p: ProductRow) => number, list = all): ProductRow[] =>
    [...list].sort((a, b) => f(b) - f(a) || a.key.localeCompare(b.key)).slice(0, 5);
  const refunded = q.refundedProducts(db, r).map((x) => ({ ...(byKey.get(x.product) ?? { key: x.product, name: x.name, units: 0, revenue: 0 }), refunded_orders: x.orders }));
  return { by_revenue: top((p) => p.revenue), by_units: top((p) => p.units), most_refunded: top((p) => p.refunded_orders ?? 0, refunded) };
}

/** Money to the cent (per-recipient figures to a hundredth of a cent), so JSON shows 157.85, not 157.85000000000002. */
const cents = (v: number | null, digits = 2): number | null => (v === null ? null : Number(v.toFixed(digits)));

function roundMoney(k: Kpis): Kpis {
  for (const name of KPI_NAMES) {
    if (DEFINITIONS[name].unit === 'money') k[name] = cents(k[name], name === 'email_revenue_per_recipient' ? 4 : 2);
  }
  return k;
}

const change = (now: Kpis, before: Kpis): Record<KpiName, number | null> =>
  Object.fromEntries(
    KPI_NAMES.map((k) => {
      const a = now[k];
      const b = before[k];
      return [k, a === null || b === null || b === 0 ? null : (a - b) / Math.abs(b)];
    }),
  ) as Record<KpiName, number | null>;

/**
 * Days are the local dates the exports print; store.timezone decides only "today" and "last
 * week". When the orders carry another UTC offset than the store timezone has, the header's "days
 * in …" would be wrong: say so, with the setting to change.
 */
function zoneNote(last: { created_at: string; offset: string } | undefined, timeZone: string): string | undefined {
  if (!last) return undefined;
  const at = new Date(`${last.created_at}${last.offset}`);
  if (Number.isNaN(at.getTime())) return undefined;
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value;
  const zone = name === 'GMT' ? '+00:00' : name?.replace(/^GMT/, '');
  if (!zone || zone === last.offset) return undefined;
  return `The orders were exported at UTC${last.offset}, but store.timezone is ${timeZone} (UTC${zone}): days are the dates the export prints; set store.timezone in shopflow.yaml so that "last week" and "today" are your store's.`;
}

/** Builds the report from the store history: one period, its comparison, targets and findings. */
export function computeReport(input: ReportInput, deps: ReportDeps): Report {
  const { db, config } = deps;
  const { period } = input;
  // Read the indexes through a memory map: a cold run (cron) spends a third less time in read() calls.
  db.pragma('mmap_size = 1073741824');
  const prev = comparePeriod(period, input.compare);
  const days = q.ordersByDay(db, range(period));
  const daysPrev = prev ? q.ordersByDay(db, range(prev)) : [];
  const money = moneyFor(config.store.currency, config.store.currency_rates, [...days, ...daysPrev].map((s) => s.currency), () =>
    q.anyCurrency(db),
  );
  const [customers, customersPrev] = customerCounts(db, range(period), range(prev ?? period));
  const products = q.productSums(db, range(period));
  const cur = measure(db, { period, days, customers, units: products.reduce((s, p) => s + p.units, 0) }, money);
  const before = prev ? measure(db, { period: prev, days: daysPrev, customers: customersPrev, units: q.units(db, range(prev)) }, money) : null;
  const span = q.orderSpan(db);
  const notes = [...(input.notes ?? [])];
  const zone = zoneNote(q.lastOrderOffset(db, range(period)), config.store.timezone);
  if (zone) notes.push(zone);
  const prevBeforeHistory = before !== null && prev !== null && span !== null && prev.until < span.from;
  if (before && prevBeforeHistory) {
    // Before the first order the history holds, "0 orders" would be a claim, not a fact.
    for (const k of KPI_NAMES) if (ORDER_GROUPS.has(DEFINITIONS[k].group)) before.kpis[k] = null;
    notes.push(`The comparison period (${prev!.label}) is before the first order in the store history (${makePeriod(span.from, span.from).label}): its sales and customer figures are n/a.`);
  }
  if (cur.email.partialMonths > 0) {
    notes.push(`${cur.email.partialMonths} monthly flow row(s) cover more than the period and are left out of the email figures.`);
  }
  const report: Report = {
    store: { name: config.store.name ?? null, currency: money.currency, timezone: config.store.timezone },
    generated_at: deps.now.toISOString(),
    period,
    compare: {
      mode: input.compare,
      period: prev,
      kpis: before?.kpis ?? null,
      change: before ? change(cur.kpis, before.kpis) : null,
    },
    kpis: cur.kpis,
    definitions: definitionTexts(),
    history: span ? { orders_from: span.from, orders_until: span.until } : null,
    sources: {
      orders: days.length > 0,
      traffic: cur.traffic,
      email: cur.email.total !== null,
      reviews: cur.reviews.length > 0,
      messages: false,
    },
    daily: cur.daily,
    daily_previous: prevBeforeHistory ? null : (before?.daily ?? null),
    top_products: topProducts(db, products, range(period), money),
    email: { campaigns: cur.email.campaigns, flows: cur.email.flows, total: cur.email.total },
    feedback: feedbackSection(cur.reviews, before?.kpis.average_rating ?? null),
    actions: [],
    targets: checkTargets(config.kpi_targets, cur.kpis),
    notes,
  };
  report.actions = deriveActions(report);
  return report;
}
