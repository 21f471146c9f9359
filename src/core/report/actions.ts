import { DEFINITIONS } from './definitions.js';
import { count, kpiValue, pct } from './format.js';
import { addDays, makePeriod } from './period.js';
import type { KpiName, Report } from './types.js';

/**
 * Findings in plain words, derived only from the report's own numbers: each rule fires on a
 * threshold and quotes the figures it fired on. Most important first.
 */
/** "doubled" only near 2×, "halved" only near ½: a fall to zero or a tenfold rise is said in per cent. */
const times = (r: number): string | undefined =>
  r >= 2.9 && r < 3.4 ? 'tripled' : r >= 1.9 && r < 2.3 ? 'doubled' : r > 0.45 && r <= 0.55 ? 'halved' : undefined;

function moved(report: Report, kpi: KpiName, threshold: number): string | undefined {
  const before = report.compare.kpis?.[kpi] ?? null;
  const now = report.kpis[kpi];
  const c = report.compare.change?.[kpi] ?? null;
  if (before === null || now === null || c === null || Math.abs(c) < threshold) return undefined;
  const label = DEFINITIONS[kpi].label;
  const verb = times(now / before) ?? `${c > 0 ? 'rose' : 'fell'} ${Math.abs(c * 100).toFixed(0)}%`;
  return `${label} ${verb} (${kpiValue(report, kpi, before)} → ${kpiValue(report, kpi, now)})`;
}

export function deriveActions(report: Report): string[] {
  const out: string[] = [];
  const k = report.kpis;
  const refundOrders = Math.round((k.refund_rate ?? 0) * (k.orders ?? 0));
  for (const t of report.targets.filter((x) => !x.met)) {
    out.push(`${DEFINITIONS[t.kpi].label} missed its target ${t.target}: ${kpiValue(report, t.kpi, t.value)}.`);
  }
  if (report.sources.orders === false) out.push(noOrders(report));
  const refunds = moved(report, 'refund_rate', 0.25);
  if (refunds && (report.compare.change?.refund_rate ?? 0) > 0 && refundOrders >= 2) {
    const top = report.top_products.most_refunded[0];
    const driver =
      top?.refunded_orders && top.refunded_orders * 2 >= refundOrders
        ? `, driven by ${top.name}: ${top.refunded_orders} of ${refundOrders} refunds`
        : '';
    out.push(`${refunds}${driver}.`);
  }
  const revenue = moved(report, 'revenue', 0.2);
  if (revenue) {
    const parts = (['orders', 'aov'] as const)
      .map((x) => (report.compare.change?.[x] != null ? `${DEFINITIONS[x].label.toLowerCase()} ${signed(report.compare.change[x]!)}` : ''))
      .filter(Boolean);
    out.push(`${revenue}${parts.length ? `: ${parts.join(', ')}` : ''}.`);
  }
  const conv = moved(report, 'conversion_rate', 0.2);
  if (conv) {
    const s = report.compare.change?.sessions;
    out.push(`${conv}${s != null ? ` while sessions ${s >= 0 ? 'rose' : 'fell'} ${Math.abs(s * 100).toFixed(0)}%` : ''}.`);
  }
  const theme = report.feedback.themes[0];
  const low = report.feedback.distribution[0] + report.feedback.distribution[1];
  if (theme) out.push(`"${theme.phrase}" comes up in ${theme.count} of ${low} one- and two-star reviews.`);
  const rating = report.feedback.previous_average;
  if (rating !== null && k.average_rating !== null && k.average_rating <= rating - 0.3) {
    out.push(`Average rating fell from ${rating.toFixed(2)} to ${k.average_rating.toFixed(2)} over ${count(k.reviews)} reviews.`);
  }
  const unsub = moved(report, 'unsubscribe_rate', 0.5);
  if (unsub && (report.compare.change?.unsubscribe_rate ?? 0) > 0) out.push(`${unsub}.`);
  if (k.open_rate !== null && k.click_rate !== null && k.open_rate >= 0.3 && k.click_rate < 0.01) {
    out.push(`Emails are opened (${pct(k.open_rate)}, inflated by Apple Mail) but rarely clicked (${pct(k.click_rate)}).`);
  }
  return out;
}

/**
 * Says where the orders are when the period has none: the history's last order day and the last
 * complete ISO week that has data, as options to copy.
 */
function noOrders(report: Report): string {
  const h = report.history;
  if (!h) return 'No orders in the period, and none in the store history: import an orders export (shopflow sync import FILE, or report --orders FILE).';
  const day = (d: string): string => makePeriod(d, d).label;
  const span = h.orders_from === h.orders_until ? `on ${day(h.orders_from)}` : `from ${day(h.orders_from)} to ${day(h.orders_until)}`;
  if (report.period.since > h.orders_from && report.period.until < h.orders_until) return `No orders in the period (the store history has orders ${span}).`;
  const [since, until] = lastWeekWithData(h.orders_from, h.orders_until);
  const newer = report.period.since > h.orders_until ? ' Import a newer orders export, or' : '';
  return `No orders in the period: the store history has orders ${span}.${newer}${newer ? ' try' : ' Try'} --since ${since} --until ${until}.`;
}

/** The last complete ISO week (Monday–Sunday) up to the last order day; the whole span when no such week has orders. */
function lastWeekWithData(from: string, until: string): [string, string] {
  const dow = new Date(`${until}T00:00:00Z`).getUTCDay(); // Sunday 0
  const sunday = dow === 0 ? until : addDays(until, -dow);
  const monday = addDays(sunday, -6);
  return sunday < from ? [from, until] : [monday, sunday];
}

const signed = (c: number): string => `${c >= 0 ? '+' : '−'}${Math.abs(c * 100).toFixed(0)}%`;
