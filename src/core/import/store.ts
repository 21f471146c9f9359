import type { Db } from '../db/open.js';
import { stmt } from '../db/statements.js';
import { fingerprint, sameFingerprint } from '../hash.js';
import { detached } from '../text.js';
import type { Statement } from 'better-sqlite3';
import { matchCampaign, mergeCampaigns } from './campaign-match.js';
import type { ImportRecord, Kind, Stamp } from './types.js';

type Value = string | number | null;
type Of<K extends Kind> = Extract<ImportRecord, { kind: K }>;

interface Spec<K extends Kind> {
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

const SPECS: { [K in Kind]: Spec<K> } = {
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

/**
 * Rows for one table, inserted BATCH at a time by one multi-row INSERT: measured about a third
 * cheaper per row than one statement each, on a million order lines. Only a first import into
 * empty tables fills it (see RecordWriter); every other write goes straight to the table.
 */
class InsertBuffer {
  static readonly BATCH = 32;
  private values: Value[] = [];
  private rows = 0;
  constructor(
    private readonly db: Db,
    /** `insert … into table (columns)` */
    private readonly head: string,
    private readonly width: number,
    private readonly batch: number,
  ) {}

  /** Adds a row: `lead` (when given) then `row`. */
  add(row: Value[], lead?: Value): void {
    if (lead !== undefined) this.values.push(lead);
    for (const v of row) this.values.push(v);
    if (++this.rows >= this.batch) this.flush();
  }

  flush(): void {
    if (this.rows === 0) return;
    const statement = this.rows === this.batch ? (this.full ??= this.statement(this.rows)) : this.statement(this.rows);
    statement.run(this.values);
    this.values = [];
    this.rows = 0;
  }

  private full: Statement | undefined;
  private statement(rows: number): Statement {
    const one = `(${'?, '.repeat(this.width - 1)}?)`;
    return stmt(this.db, `${this.head} values ${`${one}, `.repeat(rows - 1)}${one}`);
  }
}

function num(s: string | undefined): number | null {
  if (s === undefined || s === '') return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

const OUTCOMES = ['new', 'changed', 'unchanged'] as const;
export type Outcome = (typeof OUTCOMES)[number];

interface Queries {
  spec: Spec<Kind>;
  names: string[];
  hash: Statement;
  existing: Statement;
  insert: Statement;
  update: Statement;
  cells: Statement;
  saveHash: Statement;
  /** saveHash's rows, batched into a first import's empty tables. */
  hashes: InsertBuffer;
  /** The child rows, batched the same way, and the statement that drops a record's old ones. */
  childRows?: InsertBuffer;
  deleteChildren?: Statement;
  saveCells: Statement;
  /** Nothing of this kind and platform was stored when the file began. */
  empty: boolean;
}

/** A record of each kind with every field set, to learn each table's column list once. */
const STAMP = { local: '', offset: null, utc: null };
const SAMPLE: { [K in Kind]: Of<K> } = {
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
    /** A note about the store after the file (a campaign left apart). */
    private readonly note: (message: string) => void = () => {},
  ) {}

  /** What this file did to the store, each key counted once. */
  readonly counts: Record<Outcome, number> = { new: 0, changed: 0, unchanged: 0 };
  /** Records that repeated the key of an earlier one in the file. */
  repeats = 0;
  /**
   * The keys of this file so far: what counts for each and whether its row was written (a small
   * number each: a million-row file has half a million keys), and the hash stored before this
   * import for written keys that had one.
   */
  private readonly keys = new Map<string, number>();
  private readonly before = new Map<string, string>();

  private mark(key: string, outcome: Outcome, written: boolean, before?: string): void {
    // Kept for the whole file: detached from the text it was read from.
    const k = detached(key);
    this.keys.set(k, OUTCOMES.indexOf(outcome) * 2 + (written ? 1 : 0));
    if (written && before !== undefined) this.before.set(k, before);
  }

  /**
   * Writes one record of the file (or finds it unchanged). A key the file gave before (an order
   * whose rows are apart, yielded again complete; a repeated row) counts once: the last record
   * wins, and its outcome is decided against what was stored before this import, so the same file
   * read again row by row is all unchanged. `cells`: the fingerprint of the cells the record was
   * read from (see sameCells), kept beside its hash.
   */
  write(r: ImportRecord, cells?: string): void {
    // The line is where the record sits in this week's file, not what it says: it stays out.
    const { line: _line, ...content } = r as ImportRecord & { line: number };
    // Adapters build records in a fixed property order, so plain JSON is a stable fingerprint.
    const json = JSON.stringify(content);
    const hash = fingerprint(json);
    const q = this.queries(r.kind);
    const code = this.keys.get(r.key);
    if (code !== undefined) {
      this.flush(); // what follows reads and replaces rows this file wrote
      this.repeats++;
      const seen = { outcome: OUTCOMES[code >> 1]!, written: (code & 1) === 1 };
      const before = seen.written ? this.before.get(r.key) : this.storedHash(q, r);
      const outcome = seen.outcome === 'new' ? 'new' : sameFingerprint(before, json, hash) ? 'unchanged' : 'changed';
      // Neither the first record nor this one differ from the store: nothing to write.
      if (!seen.written && outcome === 'unchanged') return;
      this.store(q, r, this.existing(q, r));
      // No cells: this record is not the cells of one run of rows; the next import reads it again.
      q.saveHash.run(r.kind, this.platform, r.key, this.layout, hash, null);
      this.counts[seen.outcome]--;
      this.counts[outcome]++;
      this.mark(r.key, outcome, true, before);
      return;
    }
    // Into an empty table, a key's first occurrence in the file can have no row and no hash yet.
    const before = q.empty ? undefined : this.storedHash(q, r);
    if (sameFingerprint(before, json, hash)) {
      // Read from other cells to the same record (a re-exported file): those cells are known now too.
      if (cells !== undefined) q.saveCells.run(cells, r.kind, this.platform, r.key, this.layout);
      this.counted(r.key, 'unchanged');
      return;
    }
    const existing = q.empty ? undefined : this.existing(q, r);
    this.store(q, r, existing);
    q.hashes.add([r.kind, this.platform, r.key, this.layout, hash, cells ?? null]);
    const outcome = existing === undefined ? 'new' : 'changed';
    this.counts[outcome]++;
    this.mark(r.key, outcome, true, before);
  }

  /**
   * Whether this layout last stored the record with this key from cells with this fingerprint:
   * then reading them again would give the same record, so it is counted unchanged here. A key
   * this file already gave is never skipped this way (its records are compared as they come).
   */
  sameCells(kind: Kind, key: string, cells: string): boolean {
    const q = this.queries(kind);
    if (q.empty || this.keys.has(key) || q.cells.get(kind, this.platform, key, this.layout) !== cells) return false;
    this.counted(key, 'unchanged');
    return true;
  }

  private counted(key: string, outcome: Outcome): void {
    this.counts[outcome]++;
    this.mark(key, outcome, false);
  }

  private storedHash(q: Queries, r: ImportRecord): string | undefined {
    return q.hash.get(r.kind, this.platform, r.key, this.layout) as string | undefined;
  }

  /** The row of the record's key; for a Mailchimp report without a campaign id, its campaign's row (campaign-match.ts). */
  private existing(q: Queries, r: ImportRecord): number | undefined {
    const id = q.existing.get(this.platform, r.key) as number | undefined;
    return id ?? (r.kind === 'email_campaigns' ? matchCampaign(this.db, this.platform, r) : undefined);
  }

  /** Inserts the row, or updates it keeping values this file leaves empty; then its child rows. */
  private store(q: Queries, r: ImportRecord, existing: number | undefined): void {
    const cols = q.spec.columns(r as never);
    let id: number;
    if (existing === undefined) {
      const values: Value[] = [this.platform, r.key, this.importId()];
      for (const n of q.names) values.push(cols[n] ?? null);
      id = Number(q.insert.run(values).lastInsertRowid);
    } else {
      // A flag per column marks "given": an undefined value keeps the stored one.
      q.update.run(this.importId(), ...q.names.flatMap((n) => [cols[n] === undefined ? 0 : 1, cols[n] ?? null]), existing);
      id = existing;
    }
    const children = q.spec.children?.rows(r as never);
    if (children) {
      if (existing !== undefined) q.deleteChildren!.run(id);
      for (const row of children) q.childRows!.add(row, id);
    }
  }

  /** Writes the rows waiting in the insert buffers. */
  private flush(): void {
    for (const q of this.prepared.values()) {
      q.hashes.flush();
      q.childRows?.flush();
    }
  }

  /**
   * Call after the last record. Indexes left out while filling empty tables are built again here
   * (an error before rolls the transaction back, and them with it).
   */
  finish(): void {
    this.flush();
    // Index builds sort their keys: SQLite's sorter may use a second thread for it.
    if (this.deferred.length > 0) this.db.pragma('threads = 2');
    for (const sql of this.deferred) this.db.exec(sql);
    this.deferred = [];
    if (this.prepared.has('email_campaigns')) {
      const { merged, notes } = mergeCampaigns(this.db, this.platform, this.importId());
      // A campaign new under its id but merged with the row its report made earlier: a change.
      for (const key of merged) if (this.keys.get(key) !== undefined && this.keys.get(key)! >> 1 === 0) this.recount(key, 'changed');
      notes.forEach(this.note);
    }
  }

  private recount(key: string, outcome: Outcome): void {
    const code = this.keys.get(key)!;
    this.counts[OUTCOMES[code >> 1]!]--;
    this.counts[outcome]++;
    this.keys.set(key, OUTCOMES.indexOf(outcome) * 2 + (code & 1));
  }

  private deferred: string[] = [];

  /**
   * Into a table with no row at all, the secondary indexes (emails, times) are built once at
   * the end, from sorted keys, instead of row by row: a quarter of the SQLite time of a first import.
   */
  private deferIndexes(spec: Spec<Kind>): void {
    if (this.db.prepare(`select 1 from ${spec.table} limit 1`).get() !== undefined) return;
    const tables = [spec.table, spec.childTable ?? spec.table];
    const indexes = this.db
      .prepare(`select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (?, ?)`)
      .all(...tables) as { name: string; sql: string }[];
    for (const i of indexes) {
      this.db.exec(`drop index "${i.name}"`);
      this.deferred.push(i.sql);
    }
  }

  private readonly prepared = new Map<Kind, Queries>();

  private queries(kind: Kind): Queries {
    let q = this.prepared.get(kind);
    if (!q) {
      const spec = SPECS[kind] as Spec<Kind>;
      const names = Object.keys(spec.columns(SAMPLE[kind] as never));
      const t = spec.table;
      const empty =
        this.db.prepare('select 1 from record_hashes where kind = ? and platform = ? limit 1').get(kind, this.platform) === undefined &&
        this.db.prepare(`select 1 from ${t} where platform = ? limit 1`).get(this.platform) === undefined;
      const batch = empty ? InsertBuffer.BATCH : 1;
      const c = spec.children;
      q = {
        spec,
        names,
        hash: this.db.prepare('select hash from record_hashes where kind = ? and platform = ? and key = ? and layout = ?').pluck(),
        existing: this.db.prepare(`select id from ${t} where platform = ? and key = ?`).pluck(),
        insert: this.db.prepare(`insert into ${t} (platform, key, import_id, ${names.join(', ')}) values (?, ?, ?, ${names.map(() => '?').join(', ')})`),
        update: this.db.prepare(`update ${t} set import_id = ?, ${names.map((n) => `${n} = case when ? then ? else ${n} end`).join(', ')} where id = ?`),
        cells: this.db.prepare('select cells from record_hashes where kind = ? and platform = ? and key = ? and layout = ?').pluck(),
        saveHash: this.db.prepare('insert or replace into record_hashes (kind, platform, key, layout, hash, cells) values (?, ?, ?, ?, ?, ?)'),
        hashes: new InsertBuffer(this.db, 'insert or replace into record_hashes (kind, platform, key, layout, hash, cells)', 6, batch),
        saveCells: this.db.prepare('update record_hashes set cells = ? where kind = ? and platform = ? and key = ? and layout = ?'),
        empty,
      };
      if (c) {
        q.childRows = new InsertBuffer(this.db, `insert into ${spec.childTable} (${c.parent}, ${c.columns.join(', ')})`, c.columns.length + 1, batch);
        q.deleteChildren = this.db.prepare(`delete from ${spec.childTable} where ${c.parent} = ?`);
      }
      if (empty) this.deferIndexes(spec);
      this.prepared.set(kind, q);
    }
    return q;
  }
}
