import { DEFINITIONS } from './definitions.js';
import { count, kpiValue, pct } from './format.js';
import type { KpiName, Report } from './types.js';

/**
 * Findings in plain words, derived only from the report's own numbers: each rule fires on a
 * threshold and quotes the figures it fired on. Most important first.
 */
const times = (r: number): string | undefined => (r >= 2.9 ? 'tripled' : r >= 1.9 ? 'doubled' : r <= 0.55 ? 'halved' : undefined);

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
  if (report.sources.orders === false) out.push('No orders in the period.');
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

const signed = (c: number): string => `${c >= 0 ? '+' : '−'}${Math.abs(c * 100).toFixed(0)}%`;
