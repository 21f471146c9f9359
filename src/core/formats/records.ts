import type { CsvRow } from '../csv/types.js';
import type { InputWarning } from '../errors.js';
import type { Product } from './types.js';

/** What a file holds. The names are the ones users type with --kind. */
export const KINDS = [
  'products',
  'orders',
  'customers',
  'inventory',
  'checkouts',
  'reviews',
  'email_campaigns',
  'email_flows',
  'traffic',
] as const;
export type Kind = (typeof KINDS)[number];

/**
 * A time as the export printed it. `local` is the wall time ('2025-05-11T09:55:16'), `offset` the
 * UTC offset the file gave ('-04:00') or null when it gave none (Mailchimp, Klaviyo: account time),
 * `utc` the instant when the offset is known, else null. Reports count days by `local`.
 */
export interface Stamp {
  local: string;
  offset: string | null;
  utc: string | null;
}

interface Base {
  /** The natural key within (kind, platform): the same thing in next week's export has the same key. */
  key: string;
  /** 1-based line of the record's first row, for messages. */
  line: number;
}

export interface OrderLine {
  sku?: string;
  name: string;
  quantity: number;
  /** Unit price. */
  price?: number;
  discount?: number;
  vendor?: string;
}

export interface OrderRecord extends Base {
  kind: 'orders';
  /** As the shop shows it: '#1001'. */
  name: string;
  email?: string;
  customerId?: string;
  createdAt: Stamp;
  paidAt?: Stamp;
  fulfilledAt?: Stamp;
  cancelledAt?: Stamp;
  currency?: string;
  subtotal?: number;
  discounts?: number;
  shipping?: number;
  taxes?: number;
  total?: number;
  refunded?: number;
  financialStatus?: string;
  fulfillmentStatus?: string;
  discountCodes?: string[];
  source?: string;
  tags?: string[];
  lines: OrderLine[];
}

export interface CustomerRecord extends Base {
  kind: 'customers';
  customerId?: string;
  email?: string;
  firstName?: string;
  lastName?: string;
  acceptsEmail?: boolean;
  acceptsSms?: boolean;
  totalSpent?: number;
  totalOrders?: number;
  tags?: string[];
  city?: string;
  country?: string;
}

export interface InventoryRecord extends Base {
  kind: 'inventory';
  handle?: string;
  sku?: string;
  title?: string;
  /** Option values joined with ' / ' ('Blue / M'), empty for a single-variant product. */
  variant?: string;
  location: string;
  /** null: 'not stocked' at this location. Negative: oversold. */
  available: number | null;
  onHand?: number | null;
  committed?: number | null;
  incoming?: number | null;
  unavailable?: number | null;
}

export interface CheckoutRecord extends Base {
  kind: 'checkouts';
  email?: string;
  createdAt: Stamp;
  completedAt?: Stamp;
  currency?: string;
  total?: number;
  items: OrderLine[];
  recovered?: boolean;
}

export interface ReviewRecord extends Base {
  kind: 'reviews';
  productHandle?: string;
  productId?: string;
  productName?: string;
  /** 1–5. */
  rating: number;
  title?: string;
  body?: string;
  author?: string;
  email?: string;
  createdAt?: Stamp;
  published?: boolean;
}

/** What an email platform counts for a campaign or a flow message. */
export interface EmailCounts {
  delivered?: number;
  uniqueOpens?: number;
  uniqueClicks?: number;
  unsubscribes?: number;
  bounces?: number;
  orders?: number;
  revenue?: number;
}

export interface EmailCampaignRecord extends Base, EmailCounts {
  kind: 'email_campaigns';
  name: string;
  subject?: string;
  list?: string;
  channel?: string;
  sentAt?: Stamp;
  recipients?: number;
}

export interface EmailFlowRecord extends Base, EmailCounts {
  kind: 'email_flows';
  flowId?: string;
  flowName: string;
  messageId?: string;
  messageName?: string;
  /** The period the row covers: 'YYYY-MM' for monthly exports, 'YYYY-MM-DD' for daily ones. */
  period: string;
  status?: string;
}

export interface TrafficRecord extends Base {
  kind: 'traffic';
  /** 'YYYY-MM-DD' when the row is one day; null for a row that covers the whole period. */
  date: string | null;
  periodStart?: string;
  periodEnd?: string;
  /** The breakdown ('Session default channel group') and its value ('Direct'); empty for totals. */
  dimension?: string;
  dimensionValue?: string;
  sessions?: number;
  users?: number;
  conversions?: number;
  revenue?: number;
}

export interface ProductRecord extends Base {
  kind: 'products';
  product: Product;
}

export type ImportRecord =
  | OrderRecord
  | CustomerRecord
  | InventoryRecord
  | CheckoutRecord
  | ReviewRecord
  | EmailCampaignRecord
  | EmailFlowRecord
  | TrafficRecord
  | ProductRecord;

/** A row the importer skipped or read with a doubt; listed in the summary and in --report. */
export interface RowProblem {
  line: number;
  column?: string;
  value?: string;
  message: string;
}

import type { Probe } from '../csv/types.js';
export type { Probe };

export interface ImportSettings {
  /** Store currency from shopflow.yaml, used when a file names none. */
  currency?: string | undefined;
  /** `1.234,56` style money (store locale); otherwise a lone comma is still read as a decimal comma. */
  decimalComma?: boolean | undefined;
}

export interface ImportInput {
  file: string;
  settings: ImportSettings;
  /** Header cells (as in Probe). */
  header: string[];
  /** Data rows, streamed, with their 1-based start lines. Plain tables only. */
  rows: () => AsyncIterable<CsvRow>;
  /** The whole decoded text, for small files with a preamble or several tables (GA4, Mailchimp reports). */
  text: () => Promise<string>;
  problem: (p: RowProblem) => void;
  warn: (w: InputWarning) => void;
  /**
   * The cheap change check, for adapters whose record is its rows and nothing else (Shopify
   * orders: key = Name): called with the key and the record's rows before they are read. `true`:
   * an import with the same settings stored this key from exactly these cells, so the record is
   * counted as unchanged and the adapter skips it. Absent when adapters are tested alone.
   */
  unchanged?: (key: string, rows: readonly CsvRow[]) => boolean;
}

export interface ImportAdapter {
  kind: Kind;
  platform: string;
  /** A human label: 'Shopify orders export'. */
  layout: string;
  /** 0 when the file is not this format; higher is a better match (the highest wins). */
  detect: (probe: Probe) => number;
  /** Yields records in file order. A structural problem throws InputError (nothing is imported). */
  read: (input: ImportInput) => AsyncIterable<ImportRecord>;
}
