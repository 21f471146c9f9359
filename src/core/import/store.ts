import type { Db } from '../db/open.js';
import { stmt } from '../db/statements.js';
import { sha256, stableJson } from '../hash.js';
import type { ImportRecord, Kind, Stamp } from './types.js';

type Value = string | number | null;
type Of<K extends Kind> = Extract<ImportRecord, { kind: K }>;

interface Spec<K extends Kind> {
  table: string;
  /** Column values for a record; undefined values keep what an earlier import stored. */
  columns: (r: Of<K>) => Record<string, Value | undefined>;
  /** Child rows (order lines, variants), replaced when the record carries any. */
  children?: (db: Db, id: number, r: Of<K>) => void;
}

const at = (s: Stamp | undefined): Value | undefined => s?.local;
const off = (s: Stamp | undefined): Value | undefined => (s ? s.offset : undefined);
const json = (v: unknown[] | undefined): Value | undefined => (v && v.length > 0 ? JSON.stringify(v) : undefined);
const flag = (b: boolean | undefined): Value | undefined => (b === undefined ? undefined : b ? 1 : 0);

const SPECS: { [K in Kind]: Spec<K> } = {
  orders: {
    table: 'orders',
    columns: (r) => ({
      name: r.name, email: r.email?.toLowerCase(), customer_id: r.customerId,
      created_at: at(r.createdAt), created_offset: off(r.createdAt), paid_at: at(r.paidAt), paid_offset: off(r.paidAt),
      fulfilled_at: at(r.fulfilledAt), fulfilled_offset: off(r.fulfilledAt),
      cancelled_at: at(r.cancelledAt), cancelled_offset: off(r.cancelledAt),
      currency: r.currency, subtotal: r.subtotal, discounts: r.discounts, shipping: r.shipping, taxes: r.taxes,
      total: r.total, refunded: r.refunded, financial_status: r.financialStatus, fulfillment_status: r.fulfillmentStatus,
      discount_codes: json(r.discountCodes), source: r.source, tags: json(r.tags),
    }),
    children: (db, id, r) => {
      if (r.lines.length === 0) return;
      stmt(db, 'delete from order_lines where order_id = ?').run(id);
      const ins = stmt(db, 'insert into order_lines (order_id, position, sku, name, quantity, price, discount, vendor) values (?, ?, ?, ?, ?, ?, ?, ?)');
      r.lines.forEach((l, i) => ins.run(id, i + 1, l.sku ?? null, l.name, l.quantity, l.price ?? null, l.discount ?? null, l.vendor ?? null));
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
    columns: ({ product: p }) => ({
      title: p.title, vendor: p.vendor, type: p.type, category: p.category, status: p.status,
      tags: json(p.tags), description: p.description, data: JSON.stringify(p),
    }),
    children: (db, id, { product: p }) => {
      stmt(db, 'delete from variants where product_id = ?').run(id);
      const ins = stmt(db, 'insert into variants (product_id, position, sku, options, price, compare_at_price, barcode, inventory_qty) values (?, ?, ?, ?, ?, ?, ?, ?)');
      p.variants.forEach((v, i) =>
        ins.run(id, i + 1, v.sku ?? null, JSON.stringify(v.options), num(v.price), num(v.compareAtPrice), v.barcode ?? null, v.inventoryQty ?? null),
      );
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

export type Outcome = 'new' | 'changed' | 'unchanged';

/**
 * Writes records into the store history. A record whose content this file layout already wrote is
 * skipped after one primary-key lookup; a changed one updates its row, keeping values that this
 * file leaves empty (another layout may have filled them: Etsy orders + order items).
 */
export class RecordWriter {
  constructor(
    private readonly db: Db,
    private readonly platform: string,
    private readonly layout: string,
    private readonly importId: () => number,
  ) {}

  /**
   * `repeat`: the file already gave this key (a later, fuller copy of the record): write it over the
   * row without a change check and keep the hash of the key's first occurrence, which is what the
   * next import of the same file compares against.
   */
  write(r: ImportRecord, repeat = false): Outcome {
    const { line: _line, ...content } = r as ImportRecord & { line: number };
    const hash = sha256(stableJson(content)).slice(0, 32);
    const prev = stmt(this.db, 'select hash from record_hashes where kind = ? and platform = ? and key = ? and layout = ?')
      .pluck()
      .get(r.kind, this.platform, r.key, this.layout) as string | undefined;
    if (prev === hash && !repeat) return 'unchanged';
    const spec = SPECS[r.kind] as Spec<Kind>;
    const cols = spec.columns(r as never);
    const names = Object.keys(cols);
    const existing = stmt(this.db, `select id from ${spec.table} where platform = ? and key = ?`).pluck().get(this.platform, r.key) as
      | number
      | undefined;
    let id: number;
    if (existing === undefined) {
      const sql = `insert into ${spec.table} (platform, key, import_id, ${names.join(', ')}) values (?, ?, ?, ${names.map(() => '?').join(', ')})`;
      id = Number(stmt(this.db, sql).run(this.platform, r.key, this.importId(), ...names.map((n) => cols[n] ?? null)).lastInsertRowid);
    } else {
      // `?` marks "given": an undefined value keeps the stored one.
      const sets = names.map((n) => `${n} = case when ? then ? else ${n} end`).join(', ');
      const args = names.flatMap((n) => [cols[n] === undefined ? 0 : 1, cols[n] ?? null]);
      stmt(this.db, `update ${spec.table} set import_id = ?, ${sets} where id = ?`).run(this.importId(), ...args, existing);
      id = existing;
    }
    spec.children?.(this.db, id, r as never);
    if (!repeat) stmt(this.db, 'insert or replace into record_hashes (kind, platform, key, layout, hash) values (?, ?, ?, ?, ?)').run(
      r.kind, this.platform, r.key, this.layout, hash,
    );
    return existing === undefined ? 'new' : 'changed';
  }
}
