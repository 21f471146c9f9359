// What the store history's tables hold of each kind of import record: the columns of a record's
// row, its child rows (order lines, variants), and a sample record of each kind from which the
// column lists are learned once. store.ts writes with these.
import type { ImportRecord, Kind, Stamp } from '../formats/records.js';

export type Value = string | number | null;
export type Of<K extends Kind> = Extract<ImportRecord, { kind: K }>;

export interface Spec<K extends Kind> {
  table: string;
  /** The table `children` fills. */
  childTable?: string;
  /** Column values for a record; undefined values keep what an earlier import stored. */
  columns: (r: Of<K>) => Record<string, Value | undefined>;
  /**
   * Child rows (order lines, variants): `parent` is the column holding the record's id, `columns`
   * the others, `rows` their values, or undefined to keep the rows stored (a record without any).
   */
  children?: { parent: string; columns: string[]; rows: (r: Of<K>) => Value[][] | undefined };
}

const at = (s: Stamp | undefined): Value | undefined => s?.local;
const off = (s: Stamp | undefined): Value | undefined => (s ? s.offset : undefined);
const json = (v: unknown[] | undefined): Value | undefined => (v && v.length > 0 ? JSON.stringify(v) : undefined);
const flag = (b: boolean | undefined): Value | undefined => (b === undefined ? undefined : b ? 1 : 0);

export const SPECS: { [K in Kind]: Spec<K> } = {
  orders: {
    table: 'orders',
    childTable: 'order_lines',
    columns: (r) => ({
      name: r.name, email: r.email?.toLowerCase(), customer_id: r.customerId,
      created_at: at(r.createdAt), created_offset: off(r.createdAt), paid_at: at(r.paidAt), paid_offset: off(r.paidAt),
      fulfilled_at: at(r.fulfilledAt), fulfilled_offset: off(r.fulfilledAt),
      cancelled_at: at(r.cancelledAt), cancelled_offset: off(r.cancelledAt),
      currency: r.currency, subtotal: r.subtotal, discounts: r.discounts, shipping: r.shipping, taxes: r.taxes,
      total: r.total, refunded: r.refunded, financial_status: r.financialStatus, fulfillment_status: r.fulfillmentStatus,
      discount_codes: json(r.discountCodes), source: r.source, tags: json(r.tags),
    }),
    children: {
      parent: 'order_id',
      columns: ['position', 'sku', 'name', 'quantity', 'price', 'discount', 'vendor'],
      rows: (r) =>
        r.lines.length === 0
          ? undefined
          : r.lines.map((l, i) => [i + 1, l.sku ?? null, l.name, l.quantity, l.price ?? null, l.discount ?? null, l.vendor ?? null]),
    },
  },
  customers: {
    table: 'customers',
    columns: (r) => ({
      customer_id: r.customerId, email: r.email?.toLowerCase(), first_name: r.firstName, last_name: r.lastName,
      accepts_email: flag(r.acceptsEmail), accepts_sms: flag(r.acceptsSms), total_spent: r.totalSpent,
      total_orders: r.totalOrders, tags: json(r.tags), city: r.city, country: r.country,
    }),
  },
  products: {
    table: 'products',
    childTable: 'variants',
    columns: ({ product: p }) => ({
      title: p.title, vendor: p.vendor, type: p.type, category: p.category, status: p.status,
      tags: json(p.tags), description: p.description, data: JSON.stringify(p),
    }),
    children: {
      parent: 'product_id',
      columns: ['position', 'sku', 'options', 'price', 'compare_at_price', 'barcode', 'inventory_qty'],
      rows: ({ product: p }) =>
        p.variants.map((v, i) => [i + 1, v.sku ?? null, JSON.stringify(v.options), num(v.price), num(v.compareAtPrice), v.barcode ?? null, v.inventoryQty ?? null]),
    },
  },
  inventory: {
    table: 'inventory_levels',
    columns: (r) => ({
      handle: r.handle, sku: r.sku, title: r.title, variant: r.variant, location: r.location,
      // null is a value here ("not stocked"): write it as is.
      available: r.available, on_hand: r.onHand, committed: r.committed, incoming: r.incoming, unavailable: r.unavailable,
    }),
  },
  checkouts: {
    table: 'checkouts',
    columns: (r) => ({
      email: r.email?.toLowerCase(), created_at: at(r.createdAt), created_offset: off(r.createdAt),
      completed_at: at(r.completedAt), completed_offset: off(r.completedAt), currency: r.currency, total: r.total,
      recovered: flag(r.recovered), items: JSON.stringify(r.items),
    }),
  },
  reviews: {
    table: 'reviews',
    columns: (r) => ({
      product_handle: r.productHandle, product_id: r.productId, product_name: r.productName, rating: r.rating,
      title: r.title, body: r.body, author: r.author, email: r.email?.toLowerCase(),
      created_at: at(r.createdAt), created_offset: off(r.createdAt), published: flag(r.published),
    }),
  },
  email_campaigns: {
    table: 'email_campaigns',
    columns: (r) => ({
      name: r.name, subject: r.subject, list: r.list, channel: r.channel, sent_at: at(r.sentAt), sent_offset: off(r.sentAt),
      recipients: r.recipients, delivered: r.delivered, unique_opens: r.uniqueOpens, unique_clicks: r.uniqueClicks,
      unsubscribes: r.unsubscribes, bounces: r.bounces, orders: r.orders, revenue: r.revenue,
    }),
  },
  email_flows: {
    table: 'email_flows',
    columns: (r) => ({
      flow_id: r.flowId, flow_name: r.flowName, message_id: r.messageId, message_name: r.messageName, period: r.period,
      status: r.status, delivered: r.delivered, unique_opens: r.uniqueOpens, unique_clicks: r.uniqueClicks,
      unsubscribes: r.unsubscribes, bounces: r.bounces, orders: r.orders, revenue: r.revenue,
    }),
  },
  traffic: {
    table: 'traffic',
    columns: (r) => ({
      date: r.date, period_start: r.periodStart, period_end: r.periodEnd, dimension: r.dimension,
      dimension_value: r.dimensionValue, sessions: r.sessions, users: r.users, conversions: r.conversions, revenue: r.revenue,
    }),
  },
};

function num(s: string | undefined): number | null {
  if (s === undefined || s === '') return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/** A record of each kind with every field set, to learn each table's column list once. */
const STAMP = { local: '', offset: null, utc: null };
export const SAMPLE: { [K in Kind]: Of<K> } = {
  orders: { kind: 'orders', key: '', line: 0, name: '', createdAt: STAMP, lines: [] },
  customers: { kind: 'customers', key: '', line: 0 },
  products: { kind: 'products', key: '', line: 0, product: { handle: '', title: '', description: '', tags: [], materials: [], options: [], variants: [], facts: {}, source: { file: '', platform: 'generic', line: 0 } } },
  inventory: { kind: 'inventory', key: '', line: 0, location: '', available: 0 },
  checkouts: { kind: 'checkouts', key: '', line: 0, createdAt: STAMP, items: [] },
  reviews: { kind: 'reviews', key: '', line: 0, rating: 5 },
  email_campaigns: { kind: 'email_campaigns', key: '', line: 0, name: '' },
  email_flows: { kind: 'email_flows', key: '', line: 0, flowName: '', period: '' },
  traffic: { kind: 'traffic', key: '', line: 0, date: null },
};

