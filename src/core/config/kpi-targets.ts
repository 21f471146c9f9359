/** The KPIs a store can set targets for in `kpi_targets:`, and how a target is written. */
export const KPI_NAMES = [
  // sales
  'orders',
  'revenue',
  'refunded',
  'net_revenue',
  'aov',
  'units',
  'discount_rate',
  // customers
  'new_customers',
  'returning_customers',
  'returning_customer_rate',
  'repeat_purchase_rate',
  // refunds
  'refund_rate',
  'refunded_share',
  // traffic
  'sessions',
  'conversion_rate',
  // email (all campaigns and flows together)
  'email_recipients',
  'email_delivered',
  'open_rate',
  'click_rate',
  'click_to_open',
  'unsubscribe_rate',
  'email_revenue_per_recipient',
  // feedback
  'reviews',
  'average_rating',
] as const;
export type KpiName = (typeof KPI_NAMES)[number];

/**
 * KPI targets from shopflow.yaml: `refund_rate: "< 5%"`, `aov: ">= 40"`, `orders: "> 100"`.
 * A percentage is a rate (5% = 0.05); a plain number is compared as it is.
 */
export interface ParsedTarget {
  op: '<' | '<=' | '>' | '>=';
  value: number;
}

const TARGET = /^\s*(<=|>=|<|>|≤|≥)\s*(-?\d+(?:\.\d+)?)\s*(%?)\s*$/;

export function parseTarget(text: string): ParsedTarget | undefined {
  const m = TARGET.exec(text);
  if (!m) return undefined;
  const op = m[1] === '≤' ? '<=' : m[1] === '≥' ? '>=' : (m[1] as ParsedTarget['op']);
  const n = Number(m[2]);
  return { op, value: m[3] ? n / 100 : n };
}

export const isKpiName = (s: string): s is KpiName => (KPI_NAMES as readonly string[]).includes(s);

/** Why a kpi_targets entry is wrong, or undefined when it is fine (used by the config schema). */
export function targetProblem(kpi: string, text: string): string | undefined {
  if (!isKpiName(kpi)) return `"${kpi}" is not a KPI; known: ${KPI_NAMES.join(', ')}`;
  if (!parseTarget(text)) return `"${text}" is not a target; write e.g. "< 5%", ">= 40" or "> 100"`;
  return undefined;
}
