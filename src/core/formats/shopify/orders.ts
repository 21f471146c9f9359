/**
 * Shopify orders export (README §2) and abandoned checkouts export (§5): the same layout, one row
 * per line item, order-level columns filled only on an order's first row.
 *
 * Decisions:
 * - Rows are grouped by `Name`, buffering only the current order (shopify-grouping.ts: an order
 *   whose rows are apart is yielded again, complete, after the others, with a warning).
 * - Order-level values are taken from the first row of the order that has them (the first row in
 *   real files); `Email` too (follow-up rows sometimes repeat it, sometimes not).
 * - Unreadable values: `Created at` is required — the order is skipped with a row problem. An
 *   unreadable or missing line quantity drops that line (problem). Any other unreadable value
 *   (an amount, Paid at, a line price…) is reported and left empty; the order is kept.
 * - Columns: `Name` and `Created at` are required (InputError otherwise); lines are read when
 *   `Lineitem name` and `Lineitem quantity` exist. `Id` (the order id) has no place in OrderRecord:
 *   the key is the Name. `Accepts Marketing` is ignored (the customers export has consent).
 * - Checkouts: key = `Id` (the checkout id, on the first row only), else `Name`. An `Id` Excel
 *   turned into `3.65794E+13` falls back to the Name, with one warning. The export has no recovery
 *   or completion column: `recovered` and `completedAt` stay undefined.
 */
import type { CsvRow } from '../../csv/types.js';
import { InputError } from '../../errors.js';
import type { CheckoutRecord, ImportAdapter, ImportInput, OrderLine, OrderRecord, Probe } from '../records.js';
import { count, excelDamaged, list, money, stamp, text } from '../values.js';
import { Columns, type Col } from '../columns.js';
import { cell, ExcelDamage, FAIL, firstDataRow, nonEmpty, opt, read, type Fail, type Report } from './common.js';
import { grouped } from './grouping.js';

/** Columns both exports share (§2, §5). */
const LAYOUT = [
  'Name', 'Email', 'Financial Status', 'Paid at', 'Fulfillment Status', 'Fulfilled at', 'Currency', 'Subtotal',
  'Shipping', 'Taxes', 'Total', 'Discount Code', 'Discount Amount', 'Created at', 'Lineitem quantity', 'Lineitem name',
  'Lineitem price', 'Lineitem sku', 'Lineitem fulfillment status', 'Billing Name', 'Shipping Name', 'Cancelled at',
  'Refunded Amount', 'Vendor', 'Id', 'Tags', 'Source', 'Lineitem discount',
];
const SIGNATURE = ['Lineitem quantity', 'Lineitem name'];
/** In the orders export (2025), not in the checkouts export (2023). */
const ORDER_ONLY = [
  'Outstanding Balance', 'Employee', 'Location', 'Device ID', 'Duties', 'Payment ID', 'Payment Terms Name',
  'Next Payment Due At', 'Payment References',
];

/**
 * Both exports score on the shared layout. The header tells them apart first (§2 has
 * `Outstanding Balance`, `Payment ID`… that §5 lacks); as older orders exports may lack those too,
 * the first row's values settle it when there is one: a checkout's Name is `#` + its long id and
 * its Financial Status is empty, an order's Name is short (`#1001`) or its Financial Status filled.
 * The export the first row contradicts scores 0.
 */
function detectLineItems(probe: Probe): { orders: number; checkouts: number } {
  const cols = new Columns(probe.header, 'exact');
  const shared = cols.count(LAYOUT);
  // The line-item columns are the signature; a missing Name or Created at is then reported by
  // read() with its column, instead of "not recognised".
  if (!SIGNATURE.every((n) => cols.has(n)) || shared < 16) return { orders: 0, checkouts: 0 };
  const base = 30 + shared;
  const orderish = cols.count(ORDER_ONLY);
  const get = firstDataRow(probe);
  const name = get?.('Name') ?? '';
  if (name !== '') {
    const checkout = /^#?\d{11,}$/.test(name) && (get?.('Financial Status') ?? '') === '';
    return checkout
      ? { orders: 0, checkouts: base + 30 + (orderish === 0 ? 20 : 0) }
      : { orders: base + 10 + 4 * orderish, checkouts: 0 };
  }
  // A header without rows: the header alone.
  return orderish > 0 ? { orders: base + 4 * orderish, checkouts: 0 } : { orders: base - 10, checkouts: base + 10 };
}

interface LineCols {
  name: Col;
  created: Col;
  email?: Col | undefined;
  id?: Col | undefined;
  qty?: Col | undefined;
  lname?: Col | undefined;
  lprice?: Col | undefined;
  lsku?: Col | undefined;
  ldiscount?: Col | undefined;
  vendor?: Col | undefined;
  currency?: Col | undefined;
  total?: Col | undefined;
}

function requireCols(input: ImportInput, cols: Columns, what: string): LineCols {
  for (const n of ['Name', 'Created at']) {
    if (!cols.has(n)) throw new InputError({ file: input.file, line: 1, column: n }, `no "${n}" column, so this is not a Shopify ${what} export as Shopify writes it`);
  }
  const lines = cols.has('Lineitem quantity') && cols.has('Lineitem name');
  return {
    name: cols.col('Name')!,
    created: cols.col('Created at')!,
    email: cols.col('Email'),
    id: cols.col('Id'),
    qty: lines ? cols.col('Lineitem quantity') : undefined,
    lname: lines ? cols.col('Lineitem name') : undefined,
    lprice: cols.col('Lineitem price'),
    lsku: cols.col('Lineitem sku'),
    ldiscount: cols.col('Lineitem discount'),
    vendor: cols.col('Vendor'),
    currency: cols.col('Currency'),
    total: cols.col('Total'),
  };
}

const blank = (raw: string | undefined): boolean => text(raw) === undefined;

/** The first row of a group with a value in `col`, read there; undefined when none has one. */
function first<T>(report: Report, rows: CsvRow[], col: Col | undefined, fn: (raw: string | undefined) => T, then?: string): T | Fail | undefined {
  if (!col) return undefined;
  const row = rows.find((r) => !blank(cell(r, col)));
  return row ? read(report, row, col, fn, then) : undefined;
}

const firstText = (rows: CsvRow[], col: Col | undefined): string | undefined => {
  if (!col) return undefined;
  for (const r of rows) {
    const t = text(cell(r, col));
    if (t !== undefined) return t;
  }
  return undefined;
};

function readLine(c: LineCols, row: CsvRow, report: Report, dec: boolean | undefined): OrderLine | undefined {
  if (!c.qty || !c.lname) return undefined;
  const name = text(cell(row, c.lname));
  const sku = text(cell(row, c.lsku));
  if (name === undefined && sku === undefined && blank(cell(row, c.qty))) return undefined;
  const quantity = read(report, row, c.qty, count, 'line left out');
  if (quantity === FAIL) return undefined;
  if (quantity === undefined) {
    report({ line: row.line, column: c.qty.label, message: 'no Lineitem quantity; line left out' });
    return undefined;
  }
  const line: OrderLine = { name: name ?? sku ?? '', quantity };
  if (sku !== undefined) line.sku = sku;
  const price = opt(read(report, row, c.lprice, (r) => money(r, { decimalComma: dec })));
  if (price !== undefined) line.price = price;
  const discount = opt(read(report, row, c.ldiscount, (r) => money(r, { decimalComma: dec })));
  if (discount !== undefined) line.discount = discount;
  const vendor = text(cell(row, c.vendor));
  if (vendor !== undefined) line.vendor = vendor;
  return line;
}

/** What both record kinds share: line, Created at (required), Email, Currency, lines. */
function common(c: LineCols, input: ImportInput, rows: CsvRow[], report: Report, what: string) {
  const head = rows[0]!;
  const dec = input.settings.decimalComma;
  const created = first(report, rows, c.created, stamp, `${what} skipped`);
  if (created === FAIL) return undefined;
  if (created === undefined) {
    report({ line: head.line, column: c.created.label, message: `no Created at; ${what} skipped` });
    return undefined;
  }
  return {
    name: text(cell(head, c.name))!,
    line: head.line,
    createdAt: created,
    email: firstText(rows, c.email),
    currency: firstText(rows, c.currency) ?? input.settings.currency,
    /** Read last, so that the problems of a group come in row order as far as they can. */
    lines: (): OrderLine[] => {
      const lines: OrderLine[] = [];
      for (const row of rows) {
        const l = readLine(c, row, report, dec);
        if (l) lines.push(l);
      }
      return lines;
    },
    money: (col: Col | undefined) => opt(first(report, rows, col, (r) => money(r, { decimalComma: dec }))),
    stamp: (col: Col | undefined) => opt(first(report, rows, col, stamp)),
  };
}

/** Not a generator itself: handing grouped()'s on as it is spares each order one more `yield*`. */
function readOrders(input: ImportInput): AsyncGenerator<OrderRecord> {
  const cols = new Columns(input.header, 'exact');
  const c = requireCols(input, cols, 'orders');
  const o = {
    financial: cols.col('Financial Status'),
    paid: cols.col('Paid at'),
    fulfillment: cols.col('Fulfillment Status'),
    fulfilled: cols.col('Fulfilled at'),
    cancelled: cols.col('Cancelled at'),
    subtotal: cols.col('Subtotal'),
    shipping: cols.col('Shipping'),
    taxes: cols.col('Taxes'),
    discountAmount: cols.col('Discount Amount'),
    discountCode: cols.col('Discount Code'),
    refunded: cols.col('Refunded Amount'),
    tags: cols.col('Tags'),
    source: cols.col('Source'),
  };
  return grouped(input, c.name, 'order', (rows, report) => {
    const g = common(c, input, rows, report, 'order');
    if (!g) return undefined;
    const rec: OrderRecord = {
      kind: 'orders',
      key: g.name,
      line: g.line,
      name: g.name,
      email: g.email,
      createdAt: g.createdAt,
      paidAt: g.stamp(o.paid),
      fulfilledAt: g.stamp(o.fulfilled),
      cancelledAt: g.stamp(o.cancelled),
      currency: g.currency,
      subtotal: g.money(o.subtotal),
      discounts: g.money(o.discountAmount),
      shipping: g.money(o.shipping),
      taxes: g.money(o.taxes),
      total: g.money(c.total),
      refunded: g.money(o.refunded),
      financialStatus: firstText(rows, o.financial),
      fulfillmentStatus: firstText(rows, o.fulfillment),
      discountCodes: nonEmpty(list(firstText(rows, o.discountCode))),
      source: firstText(rows, o.source),
      tags: nonEmpty(list(firstText(rows, o.tags))),
      lines: g.lines(),
    };
    return rec;
  }, true);
}

async function* readCheckouts(input: ImportInput): AsyncGenerator<CheckoutRecord> {
  const cols = new Columns(input.header, 'exact');
  const c = requireCols(input, cols, 'abandoned checkouts');
  const damage = new ExcelDamage();
  yield* grouped(input, c.name, 'checkout', (rows, report) => {
    const g = common(c, input, rows, report, 'checkout');
    if (!g) return undefined;
    let key = g.name;
    const idRow = c.id ? rows.find((r) => !blank(cell(r, c.id))) : undefined;
    if (idRow && c.id) {
      const raw = text(cell(idRow, c.id))!;
      if (excelDamaged(raw)) damage.note(c.id.label, idRow.line, raw);
      else key = raw;
    }
    const rec: CheckoutRecord = {
      kind: 'checkouts',
      key,
      line: g.line,
      email: g.email,
      createdAt: g.createdAt,
      currency: g.currency,
      total: g.money(c.total),
      items: g.lines(),
    };
    return rec;
  });
  damage.flush(input, 'those checkouts were keyed by their Name instead');
}

export const shopifyOrders: ImportAdapter = {
  kind: 'orders',
  platform: 'shopify',
  layout: 'Shopify orders export',
  detect: (probe) => detectLineItems(probe).orders,
  read: readOrders,
};

export const shopifyCheckouts: ImportAdapter = {
  kind: 'checkouts',
  platform: 'shopify',
  layout: 'Shopify abandoned checkouts export',
  detect: (probe) => detectLineItems(probe).checkouts,
  read: readCheckouts,
};
