/**
 * Generic forms: CSV files a store owner on another platform (or with a spreadsheet) writes by hand.
 *
 * ## Generic CSV forms
 *
 * Column names are matched case-insensitively; spaces and underscores are ignored, so `order_id`,
 * `Order ID` and `OrderId` are the same column. Column order does not matter and other columns are
 * ignored. Columns in [brackets] are optional. A file is recognised as a generic form only when all
 * its required columns are present and at least a third of its columns are ones of the form;
 * otherwise name the kind with `--kind`.
 *
 * **Orders** — `order_id, created_at, email, total, currency[, subtotal, discounts, shipping, taxes,
 * refunded, status, sku, product, quantity, price]`
 * - One row per order, or one row per line item: rows with the same `order_id` are one order.
 *   Order columns may be repeated on every row or given once (the first non-empty value counts);
 *   two different non-empty values for the same order are a problem, and that order is skipped.
 * - A row with `product` or `sku` adds a line item: `quantity` (1 when empty), unit `price`.
 * - `created_at`: `2025-03-02 10:12:00`, `2025-03-02T10:12:00-04:00`, `2025-03-02`, `3/2/2025` (month first).
 * - `total`, `subtotal`, `discounts`, `shipping`, `taxes`, `refunded`: amounts (`1234.50`, `$12`, `12,50`).
 * - `currency`: a code (`EUR`); when empty, the store currency from shopflow.yaml.
 * - `status`: kept as written, lower-cased (use `paid`, `pending`, `refunded`, `partially_refunded`, `voided`).
 *
 * **Customers** — `email[, customer_id, first_name, last_name, accepts_email, total_spent, total_orders, tags]`
 * - One row per customer; the email (lower-cased) identifies the customer, so every row needs one.
 * - `accepts_email`: yes/no, true/false, 1/0. `tags`: a comma list in one cell.
 *
 * **Inventory** — `sku, location, available[, handle, title]`
 * - One row per SKU and location. `available`: a whole number (negative when oversold) or `not stocked`.
 *
 * **Abandoned checkouts** — `checkout_id, created_at, email, total[, currency, recovered]`
 * - One row per checkout. `recovered`: yes/no.
 *
 * **Reviews** — `product, rating, created_at[, title, body, author, email]`
 * - One row per review. `product`: the product's name as the shop shows it. `rating`: 1 to 5.
 * - There is no review id: a review is identified by product, email, date and title.
 *
 * The rest of this file is also the column machinery the other adapters in this folder share
 * (reviews, WooCommerce, Etsy): columns found by name, never by position; cells read with the
 * value readers, a ValueError becoming a row problem that names line, column and cell.
 */
import { createHash } from 'node:crypto';
import type { CsvRow } from '../../csv/types.js';
import { InputError } from '../../errors.js';
import type {
  CheckoutRecord,
  CustomerRecord,
  ImportAdapter,
  ImportInput,
  ImportRecord,
  InventoryRecord,
  OrderLine,
  OrderRecord,
  Probe,
  ReviewRecord,
} from '../types.js';
import { bool, count, id, list, money, quantity, stamp, text, ValueError } from '../values.js';

// ---------------------------------------------------------------------------------------------
// Shared column machinery
// ---------------------------------------------------------------------------------------------

/** A column name as compared: BOM, case, spaces and underscores ignored (`Order ID` = `order_id`). */
export const columnKey = (name: string): string => name.replace(/^\uFEFF/, '').toLowerCase().replace(/[\s_]+/g, '');

/** The header of a file, looked up by name. */
export class Columns {
  private readonly byKey = new Map<string, number>();
  /** Header cells as written, trimmed (for messages). */
  readonly labels: string[];

  constructor(header: readonly string[]) {
    this.labels = header.map((h) => h.replace(/^\uFEFF/, '').trim());
    this.labels.forEach((label, i) => {
      const key = columnKey(label);
      if (!this.byKey.has(key)) this.byKey.set(key, i);
    });
  }

  index(name: string): number | undefined {
    return this.byKey.get(columnKey(name));
  }

  has(name: string): boolean {
    return this.byKey.has(columnKey(name));
  }

  /** The first of `names` present, as written in the file. */
  first(...names: string[]): string | undefined {
    const i = names.map((n) => this.index(n)).find((x) => x !== undefined);
    return i === undefined ? undefined : this.labels[i];
  }

  /** How many header columns are among `names`. */
  known(names: readonly string[]): number {
    const keys = new Set(names.map(columnKey));
    return this.labels.filter((l) => keys.has(columnKey(l))).length;
  }

  label(name: string): string {
    const i = this.index(name);
    return i === undefined ? name : (this.labels[i] ?? name);
  }
}

/** A structural problem: a column the format cannot do without. Thrown before anything is yielded. */
export function requireColumns(input: ImportInput, cols: Columns, names: readonly string[], layout: string): void {
  for (const name of names) {
    if (!cols.has(name)) {
      throw new InputError(
        { file: input.file, line: 1, column: name },
        `this column is missing, and a ${layout} cannot be read without it (columns are matched by name, in any order)`,
      );
    }
  }
}

/** Like requireColumns, for a group of which any one column will do. */
export function requireOneOf(input: ImportInput, cols: Columns, group: readonly string[], layout: string): void {
  if (group.some((n) => cols.has(n))) return;
  const names = group.map((n) => `"${n}"`).join(', ');
  throw new InputError(
    { file: input.file, line: 1, column: group[0] },
    `a ${layout} needs one of the columns ${names}, and none of them is in this file`,
  );
}

/**
 * Reads the cells of one row at a time. Every unreadable cell of the row is reported (not only the
 * first), and `failed` tells the adapter to skip the record.
 */
export class RowReader {
  row: CsvRow = { line: 0, cells: [] };
  failed = false;

  constructor(
    private readonly input: ImportInput,
    private readonly cols: Columns,
  ) {}

  start(row: CsvRow): this {
    this.row = row;
    this.failed = false;
    return this;
  }

  /** The column's header cell as written (for messages). */
  label(name: string): string {
    return this.cols.label(name);
  }

  /** The raw cell; undefined when the column is absent. */
  raw(name: string): string | undefined {
    const i = this.cols.index(name);
    return i === undefined ? undefined : this.row.cells[i];
  }

  /** A row problem about this row (the record is skipped). */
  problem(name: string | undefined, message: string, value?: string): void {
    this.failed = true;
    this.input.problem({
      line: this.row.line,
      ...(name === undefined ? {} : { column: this.cols.label(name) }),
      ...(value === undefined ? {} : { value }),
      message,
    });
  }

  /** A cell through a value reader; an unreadable cell is a row problem and gives undefined. */
  read<T>(name: string, fn: (raw: string | undefined) => T): T | undefined {
    const raw = this.raw(name);
    try {
      return fn(raw);
    } catch (err) {
      if (!(err instanceof ValueError)) throw err;
      this.problem(name, err.message, (raw ?? '').trim());
      return undefined;
    }
  }

  /** Like read, but an empty cell is a row problem too: `what` names the value ('the order date'). */
  need<T>(name: string, fn: (raw: string | undefined) => T, what: string): Exclude<T, undefined> | undefined {
    const raw = this.raw(name);
    let v: T;
    try {
      v = fn(raw);
    } catch (err) {
      if (!(err instanceof ValueError)) throw err;
      this.problem(name, err.message, (raw ?? '').trim());
      return undefined;
    }
    if (v === undefined) {
      this.problem(name, `${what} is empty`, (raw ?? '').trim());
      return undefined;
    }
    return v as Exclude<T, undefined>;
  }

  money(name: string): number | undefined {
    return this.read(name, (raw) => money(raw, { decimalComma: this.input.settings.decimalComma }));
  }
}

/** First 16 hex digits of the sha256 of the parts joined with `|`: a key for rows without an id. */
export function hashKey(parts: readonly (string | undefined)[]): string {
  return createHash('sha256').update(parts.map((p) => p ?? '').join('|')).digest('hex').slice(0, 16);
}

/** The object without its undefined properties (records carry only what the file said). */
export function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/**
 * Detection for a platform layout: 0 unless every required column (and one of each `oneOf` group) is
 * present; then 20 + the number of the layout's known columns present, so a layout that explains
 * more of the file wins. Platform scores start at 21; generic ones stay at 5 or below.
 */
export function platformScore(probe: Probe, spec: { required: readonly string[]; oneOf?: readonly (readonly string[])[]; known: readonly string[] }): number {
  const cols = new Columns(probe.header);
  if (!spec.required.every((n) => cols.has(n))) return 0;
  if (!(spec.oneOf ?? []).every((group) => group.some((n) => cols.has(n)))) return 0;
  return 20 + cols.known([...spec.required, ...spec.known]);
}

/**
 * Detection for a generic form: 0 unless every required column is present AND at least a third of
 * the file's columns belong to the form (so a platform export that happens to have an `Email`
 * column is not taken for a generic customers file); then 2..5 by that share.
 */
export function genericScore(probe: Probe, required: readonly string[], optional: readonly string[]): number {
  const cols = new Columns(probe.header);
  if (cols.labels.length === 0 || !required.every((n) => cols.has(n))) return 0;
  const share = cols.known([...required, ...optional]) / cols.labels.length;
  return share < 1 / 3 ? 0 : 1 + Math.round(4 * share);
}

// ---------------------------------------------------------------------------------------------
// Generic adapters
// ---------------------------------------------------------------------------------------------

const ORDER_REQUIRED = ['order_id', 'created_at', 'email', 'total', 'currency'] as const;
const ORDER_OPTIONAL = ['subtotal', 'discounts', 'shipping', 'taxes', 'refunded', 'status', 'sku', 'product', 'quantity', 'price'] as const;
const CUSTOMER_REQUIRED = ['email'] as const;
const CUSTOMER_OPTIONAL = ['customer_id', 'first_name', 'last_name', 'accepts_email', 'total_spent', 'total_orders', 'tags'] as const;
const INVENTORY_REQUIRED = ['sku', 'location', 'available'] as const;
const INVENTORY_OPTIONAL = ['handle', 'title'] as const;
const CHECKOUT_REQUIRED = ['checkout_id', 'created_at', 'email', 'total'] as const;
const CHECKOUT_OPTIONAL = ['currency', 'recovered'] as const;
const REVIEW_REQUIRED = ['product', 'rating', 'created_at'] as const;
const REVIEW_OPTIONAL = ['title', 'body', 'author', 'email'] as const;

/** The generic column lists, for the README and `--help`. */
export const GENERIC_COLUMNS = {
  orders: { required: ORDER_REQUIRED, optional: ORDER_OPTIONAL },
  customers: { required: CUSTOMER_REQUIRED, optional: CUSTOMER_OPTIONAL },
  inventory: { required: INVENTORY_REQUIRED, optional: INVENTORY_OPTIONAL },
  checkouts: { required: CHECKOUT_REQUIRED, optional: CHECKOUT_OPTIONAL },
  reviews: { required: REVIEW_REQUIRED, optional: REVIEW_OPTIONAL },
} as const;

/** A rating from 1 to 5 (`4`, `4.0`, `4.5`); anything else is a ValueError. */
export function rating(raw: string | undefined): number | undefined {
  const t = text(raw);
  if (t === undefined) return undefined;
  const n = /^\d+(?:[.,]\d+)?$/.test(t) ? Number(t.replace(',', '.')) : NaN;
  if (!Number.isFinite(n)) throw new ValueError(`"${t}" is not a star rating`);
  if (n < 1 || n > 5) throw new ValueError(`"${t}" is not a rating from 1 to 5`);
  return n;
}

/** The key of a review without an id: product, email (lower-cased), time and title. */
export function reviewKey(product: string | undefined, email: string | undefined, at: ReturnType<typeof stamp>, title: string | undefined): string {
  return hashKey([product, email?.toLowerCase(), at ? (at.utc ?? at.local) : undefined, title]);
}

interface PendingOrder {
  record: Omit<OrderRecord, 'createdAt'> & { createdAt?: OrderRecord['createdAt'] };
  failed: boolean;
  /** Line where each order-level value was first given, for conflict messages. */
  firstSeen: Map<string, { value: string; line: number }>;
}

/** The column an order field comes from, where the names differ. */
const COLUMN_OF: Partial<Record<keyof OrderRecord, string>> = { createdAt: 'created_at', financialStatus: 'status' };

const genericOrders: ImportAdapter = {
  kind: 'orders',
  platform: 'generic',
  layout: 'generic orders CSV',
  detect: (probe) => genericScore(probe, ORDER_REQUIRED, ORDER_OPTIONAL),
  read: async function* (input): AsyncIterable<ImportRecord> {
    const cols = new Columns(input.header);
    requireColumns(input, cols, ORDER_REQUIRED, 'generic orders file');
    const r = new RowReader(input, cols);
    const orders = new Map<string, PendingOrder>();
    for await (const row of input.rows()) {
      r.start(row);
      const key = r.need('order_id', id, 'the order id');
      if (key === undefined) continue;
      let order = orders.get(key);
      if (!order) {
        order = { record: { kind: 'orders', key, line: row.line, name: key, lines: [] }, failed: false, firstSeen: new Map() };
        orders.set(key, order);
      }
      const o = order;
      const fields: Partial<OrderRecord> = {
        createdAt: r.read('created_at', stamp),
        email: r.read('email', text),
        total: r.money('total'),
        currency: r.read('currency', text)?.toUpperCase(),
        subtotal: r.money('subtotal'),
        discounts: r.money('discounts'),
        shipping: r.money('shipping'),
        taxes: r.money('taxes'),
        refunded: r.money('refunded'),
        financialStatus: r.read('status', text)?.toLowerCase(),
      };
      const product = r.read('product', text);
      const sku = r.read('sku', text);
      const qty = r.read('quantity', count);
      const price = r.money('price');
      if (!product && !sku && (qty !== undefined || price !== undefined)) {
        r.problem(cols.has('product') ? 'product' : 'sku', 'this row has a quantity or price but no product or sku');
      }
      // Order-level values: the first non-empty one counts; a different one later is a conflict.
      for (const [field, value] of Object.entries(fields) as [keyof OrderRecord, unknown][]) {
        if (value === undefined) continue;
        const shown = field === 'email' ? String(value).toLowerCase() : JSON.stringify(value);
        const seen = o.firstSeen.get(field);
        if (!seen) {
          o.firstSeen.set(field, { value: shown, line: row.line });
          (o.record as unknown as Record<string, unknown>)[field] = value;
        } else if (seen.value !== shown) {
          r.problem(
            COLUMN_OF[field] ?? field,
            `order ${key} has a different value on line ${seen.line}; the rows of one order must agree, so the order was skipped`,
            r.raw(COLUMN_OF[field] ?? field)?.trim(),
          );
        }
      }
      if (product || sku) o.record.lines.push(compact<OrderLine>({ sku, name: (product ?? sku)!, quantity: qty ?? 1, price }));
      if (r.failed) o.failed = true;
    }
    for (const { record, failed } of orders.values()) {
      if (failed) continue;
      if (!record.createdAt) {
        input.problem({ line: record.line, column: cols.label('created_at'), value: '', message: `order ${record.key} has no created_at on any of its rows` });
        continue;
      }
      if (record.currency === undefined && input.settings.currency) record.currency = input.settings.currency;
      yield compact(record as OrderRecord);
    }
  },
};

const genericCustomers: ImportAdapter = {
  kind: 'customers',
  platform: 'generic',
  layout: 'generic customers CSV',
  detect: (probe) => genericScore(probe, CUSTOMER_REQUIRED, CUSTOMER_OPTIONAL),
  read: async function* (input): AsyncIterable<ImportRecord> {
    const cols = new Columns(input.header);
    requireColumns(input, cols, CUSTOMER_REQUIRED, 'generic customers file');
    const r = new RowReader(input, cols);
    for await (const row of input.rows()) {
      r.start(row);
      const email = r.need('email', text, 'the email');
      const record = compact<CustomerRecord>({
        kind: 'customers',
        key: email?.toLowerCase() ?? '',
        line: row.line,
        customerId: r.read('customer_id', id),
        email,
        firstName: r.read('first_name', text),
        lastName: r.read('last_name', text),
        acceptsEmail: r.read('accepts_email', bool),
        totalSpent: r.money('total_spent'),
        totalOrders: r.read('total_orders', count),
        tags: cols.has('tags') ? list(r.raw('tags')) : undefined,
      });
      if (!r.failed) yield record;
    }
  },
};

const genericInventory: ImportAdapter = {
  kind: 'inventory',
  platform: 'generic',
  layout: 'generic inventory CSV',
  detect: (probe) => genericScore(probe, INVENTORY_REQUIRED, INVENTORY_OPTIONAL),
  read: async function* (input): AsyncIterable<ImportRecord> {
    const cols = new Columns(input.header);
    requireColumns(input, cols, INVENTORY_REQUIRED, 'generic inventory file');
    const r = new RowReader(input, cols);
    for await (const row of input.rows()) {
      r.start(row);
      const sku = r.need('sku', text, 'the sku');
      const location = r.need('location', text, 'the location');
      const available = r.need('available', quantity, 'the available quantity');
      const record = compact<InventoryRecord>({
        kind: 'inventory',
        key: `${sku}|${location}`,
        line: row.line,
        handle: r.read('handle', text),
        sku,
        title: r.read('title', text),
        location: location!,
        available: available!,
      });
      if (!r.failed) yield record;
    }
  },
};

const genericCheckouts: ImportAdapter = {
  kind: 'checkouts',
  platform: 'generic',
  layout: 'generic abandoned checkouts CSV',
  detect: (probe) => genericScore(probe, CHECKOUT_REQUIRED, CHECKOUT_OPTIONAL),
  read: async function* (input): AsyncIterable<ImportRecord> {
    const cols = new Columns(input.header);
    requireColumns(input, cols, CHECKOUT_REQUIRED, 'generic checkouts file');
    const r = new RowReader(input, cols);
    for await (const row of input.rows()) {
      r.start(row);
      const record = compact<CheckoutRecord>({
        kind: 'checkouts',
        key: r.need('checkout_id', id, 'the checkout id')!,
        line: row.line,
        email: r.read('email', text),
        createdAt: r.need('created_at', stamp, 'the date')!,
        currency: r.read('currency', text)?.toUpperCase() ?? input.settings.currency,
        total: r.money('total'),
        items: [],
        recovered: r.read('recovered', bool),
      });
      if (!r.failed) yield record;
    }
  },
};

const genericReviews: ImportAdapter = {
  kind: 'reviews',
  platform: 'generic',
  layout: 'generic reviews CSV',
  detect: (probe) => genericScore(probe, REVIEW_REQUIRED, REVIEW_OPTIONAL),
  read: async function* (input): AsyncIterable<ImportRecord> {
    const cols = new Columns(input.header);
    requireColumns(input, cols, REVIEW_REQUIRED, 'generic reviews file');
    const r = new RowReader(input, cols);
    for await (const row of input.rows()) {
      r.start(row);
      const product = r.need('product', text, 'the product');
      const email = r.read('email', text);
      const createdAt = r.need('created_at', stamp, 'the date');
      const title = r.read('title', text);
      const record = compact<ReviewRecord>({
        kind: 'reviews',
        key: reviewKey(product, email, createdAt, title),
        line: row.line,
        productName: product,
        rating: r.need('rating', rating, 'the rating')!,
        title,
        body: r.read('body', text),
        author: r.read('author', text),
        email,
        createdAt,
      });
      if (!r.failed) yield record;
    }
  },
};

export const genericAdapters: ImportAdapter[] = [genericOrders, genericCustomers, genericInventory, genericCheckouts, genericReviews];
