import { DEFINITIONS } from './definitions.js';
import type { KpiName, Report } from './types.js';

/** Number formats every renderer shares, so text, Markdown, CSV and the actions agree. */
export const NA = 'n/a';

const group = (n: number, digits: number): string =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export function money(n: number | null, currency: string): string {
  return n === null ? NA : `${group(n, 2)} ${currency}`;
}

export const pct = (r: number | null): string => (r === null ? NA : `${(r * 100).toFixed(1)}%`);
export const count = (n: number | null): string => (n === null ? NA : group(n, Number.isInteger(n) ? 0 : 1));

export function kpiValue(report: Report, kpi: KpiName, value = report.kpis[kpi]): string {
  const unit = DEFINITIONS[kpi].unit;
  if (unit === 'money') return money(value, report.store.currency);
  if (unit === 'rate') return pct(value);
  if (unit === 'rating') return value === null ? NA : value.toFixed(2);
  return count(value);
}

/** "▲ 12.5%", "▼ 3.0%", "= 0.0%", or n/a when there is nothing to compare with. */
export function changeText(c: number | null | undefined): string {
  if (c === null || c === undefined) return NA;
  const p = `${Math.abs(c * 100).toFixed(1)}%`;
  return Math.abs(c) < 0.0005 ? `= ${p}` : c > 0 ? `▲ ${p}` : `▼ ${p}`;
}

/** true: good news, false: bad news, null: no change or nothing to compare. */
export function isGood(kpi: KpiName, c: number | null | undefined): boolean | null {
  if (c === null || c === undefined || Math.abs(c) < 0.0005) return null;
  return DEFINITIONS[kpi].lowerIsBetter ? c < 0 : c > 0;
}

const BARS = '▁▂▃▄▅▆▇█';

/** The widest sparkline: a month fits day by day; a longer period is drawn in as many buckets. */
export const SPARKLINE_WIDTH = 31;

/** A sparkline of the values (null: a space); over SPARKLINE_WIDTH values, each mark is a bucket's mean. */
export function sparkline(values: (number | null)[]): string {
  const points = values.length > SPARKLINE_WIDTH ? buckets(values, SPARKLINE_WIDTH) : values;
  const nums = points.filter((v): v is number => v !== null);
  if (nums.length === 0) return '';
  const lo = Math.min(...nums);
  const hi = Math.max(...nums);
  return points
    .map((v) => (v === null ? ' ' : BARS[hi === lo ? (hi === 0 ? 0 : 3) : Math.round(((v - lo) / (hi - lo)) * (BARS.length - 1))]))
    .join('');
}

/** `values` in `n` consecutive, nearly equal buckets, each the mean of its numbers (null when none). */
function buckets(values: (number | null)[], n: number): (number | null)[] {
  return Array.from({ length: n }, (_, i) => {
    const part = values.slice(Math.floor((i * values.length) / n), Math.floor(((i + 1) * values.length) / n));
    const nums = part.filter((v): v is number => v !== null);
    return nums.length === 0 ? null : nums.reduce((a, b) => a + b, 0) / nums.length;
  });
}

/** The KPIs a report shows: those with a value now or before (email KPIs only with email data…). */
export function shownKpis(report: Report): KpiName[] {
  return (Object.keys(DEFINITIONS) as KpiName[]).filter((k) => {
    const g = DEFINITIONS[k].group;
    if (g === 'traffic') return report.sources.traffic || report.compare.kpis?.sessions != null;
    if (g === 'email') return report.sources.email || report.compare.kpis?.email_delivered != null;
    if (g === 'feedback') return report.sources.reviews || (report.compare.kpis?.reviews ?? 0) > 0;
    // Without an order in either period, the sales rows would be a wall of zeros and n/a.
    return report.sources.orders || (report.compare.kpis?.orders ?? 0) > 0;
  });
}
