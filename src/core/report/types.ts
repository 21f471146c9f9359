/**
 * The weekly report as data. `computeReport` (report/compute.ts) builds it from the store history;
 * every renderer (text, markdown, html, csv) and `--json` read only this shape, never the database.
 * Money is a plain number in `store.currency`; rates are fractions (0.042 = 4.2 %); a value that
 * cannot be computed (no orders, no sessions, no email data) is `null` and renders as "n/a".
 */

// The KPI names live with the config that names them in kpi_targets.
export { KPI_NAMES, type KpiName } from '../config/kpi-targets.js';
import type { KpiName } from '../config/kpi-targets.js';

export type KpiUnit = 'count' | 'money' | 'rate' | 'rating';

export type KpiGroup = 'sales' | 'customers' | 'refunds' | 'traffic' | 'email' | 'feedback';

/** How a KPI is shown and explained; one entry per KPI name, shipped in report/definitions.ts. */
export interface KpiDefinition {
  label: string;
  group: KpiGroup;
  unit: KpiUnit;
  /** The formula with its denominator, in plain words: "orders with a refund ÷ orders". */
  formula: string;
  /** True when a rise is bad news (refund_rate, unsubscribe_rate): renderers colour it red. */
  lowerIsBetter?: boolean;
}

/** Inclusive local dates in the store's timezone. */
export interface Period {
  since: string; // YYYY-MM-DD
  until: string; // YYYY-MM-DD, inclusive
  days: number;
  /** "last week (ISO week 47)", "1–30 Nov 2026" */
  label: string;
}

export interface DayPoint {
  date: string; // YYYY-MM-DD local
  orders: number;
  revenue: number;
  /** null when there is no traffic data for that day. */
  sessions: number | null;
}

export interface ProductRow {
  /** SKU when known, else the line item name. */
  key: string;
  name: string;
  units: number;
  revenue: number;
  /** Only in `most_refunded`: orders with a refund that contain this product. */
  refunded_orders?: number;
}

export interface EmailRow {
  kind: 'campaign' | 'flow' | 'total';
  platform: string;
  name: string;
  /** Campaign send date or flow period (YYYY-MM or YYYY-MM-DD). */
  date: string | null;
  recipients: number | null;
  delivered: number | null;
  open_rate: number | null;
  click_rate: number | null;
  click_to_open: number | null;
  unsubscribe_rate: number | null;
  revenue: number | null;
  revenue_per_recipient: number | null;
}

export interface Theme {
  /** A phrase found in several 1–2 star reviews: "too small", "arrived broken". */
  phrase: string;
  count: number;
  /** Up to three short quotes from those reviews, as written. */
  quotes: string[];
}

export interface Target {
  kpi: KpiName;
  /** As written in shopflow.yaml: "< 5%", ">= 40", "> 1200". */
  target: string;
  value: number | null;
  /** false when missed; a null value (n/a) counts as missed. */
  met: boolean;
}

export interface Report {
  store: { name: string | null; currency: string; timezone: string };
  /** ISO 8601 with offset, when the report was made. */
  generated_at: string;
  period: Period;
  compare: {
    mode: 'previous' | 'last-year' | 'none';
    period: Period | null;
    /** The same KPIs over the comparison period (null with mode none). */
    kpis: Record<KpiName, number | null> | null;
    /** Relative change (value − previous) ÷ previous; null when either is null or previous is 0. */
    change: Record<KpiName, number | null> | null;
  };
  kpis: Record<KpiName, number | null>;
  /** KPI name → formula with its denominator (the footnotes). */
  definitions: Record<KpiName, string>;
  /** The local days of the first and last order in the whole store history (null: no orders at all). */
  history: { orders_from: string; orders_until: string } | null;
  /** Which data the store history holds for the period; renderers leave out empty sections. */
  sources: { orders: boolean; traffic: boolean; email: boolean; reviews: boolean; messages: boolean };
  /** One point per day of the period, in order, and the same number of days of the comparison period. */
  daily: DayPoint[];
  daily_previous: DayPoint[] | null;
  top_products: { by_revenue: ProductRow[]; by_units: ProductRow[]; most_refunded: ProductRow[] };
  email: { campaigns: EmailRow[]; flows: EmailRow[]; total: EmailRow | null };
  feedback: {
    /** Reviews per star rating: index 0 is 1 star … index 4 is 5 stars. */
    distribution: [number, number, number, number, number];
    previous_average: number | null;
    themes: Theme[];
    /** Customer-message categories from `respond` when present (null before respond exists). */
    message_categories: { category: string; count: number }[] | null;
  };
  /** Plain-word findings derived from the numbers, most important first. Never invented. */
  actions: string[];
  targets: Target[];
  /** Caveats printed under the report: "Today (27 Nov) is not finished and is left out". */
  notes: string[];
}
