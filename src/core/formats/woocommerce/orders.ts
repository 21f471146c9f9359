/**
 * WooCommerce orders, from Analytics › Orders › Download (core WooCommerce has no orders CSV on
 * the Orders screen). Header (formats README §9; labels of the visible table columns, users can
 * hide all but Date, Order # and Net sales):
 *   Date,Order #,Status,Customer,Customer type,Payment method,Product(s),Items sold,Coupon(s),Net sales,Attribution
 * The emailed export of large reports has `N. Revenue (formatted)` and `Net Sales`: same reader.
 *
 * Decisions:
 * - key = `Order #` (without a leading `#`); name = `#` + it, as the WooCommerce admin shows it.
 * - createdAt = `Date`: site-local wall time, no offset (offset and utc null). It is the date the
 *   store's Analytics settings pick (date created, date paid — WooCommerce's default — or date
 *   completed), so for paid-date stores it is the payment time.
 * - Status (the slug: `completed`, `processing`, …) → financialStatus / fulfillmentStatus:
 *     completed  → paid, fulfilled         processing → paid, unfulfilled
 *     on-hold, pending, checkout-draft → pending
 *     refunded   → refunded                cancelled  → voided       failed → failed
 *     any other (a plugin's status) → financialStatus = the slug as written, lower-cased.
 *   A cancelled order gets no cancelledAt: the file has no cancel time.
 * - total = `Net sales` of the order's row: WooCommerce's net sales (after coupons, before refunds,
 *   shipping and taxes), NOT the amount the customer paid. subtotal, shipping, taxes are not here.
 * - A row with negative Net sales is a refund. WooCommerce lists each refund as a row of its own,
 *   dated when it was made, under its PARENT order's number (the Analytics REST controllers'
 *   get_order_number returns the parent's number for a `shop_order_refund`). So refunded = the sum
 *   of the refund rows of that number, as a positive amount, on the order's record. The whole file
 *   is read before records are yielded (refunds come after their order, rows are not adjacent);
 *   the value is the sum in this file, not added to the stored one, so a re-import is unchanged.
 *   A refund whose order row is not in the file (the order is older than the file's first day)
 *   is not recorded: adding it to the stored order's amount would add it again at each re-import
 *   (the store keeps no refund of its own to recognise it by). It is skipped with a warning that
 *   says so.
 * - Product(s) `2× Hoodie - Blue, M, 1× Cap` → lines with quantity and name; names may contain
 *   commas (variation attributes do), so items are split at `, ` followed by a number and `×`.
 *   No SKU or price in this file. An item that does not read as `N× name` is a row problem.
 * - Coupon(s) → discountCodes. Attribution (`Direct`, `Organic: Google`, `Web admin`) → source.
 * - Customer is a name, not an email: not imported (OrderRecord has no customer-name field), nor are
 *   Customer type, Payment method and Items sold.
 * - The file has no currency: the store currency from shopflow.yaml, when set.
 */
import type { CsvRow } from '../../csv/types.js';
import type { ImportAdapter, ImportInput, ImportRecord, OrderLine, OrderRecord } from '../records.js';
import { cents, id, list, stamp, text, ValueError } from '../values.js';
import { Columns, compact, platformScore, requireColumns } from '../columns.js';
import { perRow, type RowReader } from '../row-reader.js';

const LAYOUT = 'WooCommerce Analytics orders download';
const REQUIRED = ['Date', 'Order #', 'Net sales'] as const;
const KNOWN = [
  'Status', 'Customer', 'Customer type', 'Payment method', 'Product(s)', 'Items sold', 'Coupon(s)', 'Attribution',
  'N. Revenue (formatted)',
] as const;

const STATUS: Record<string, { financialStatus: string; fulfillmentStatus?: string }> = {
  completed: { financialStatus: 'paid', fulfillmentStatus: 'fulfilled' },
  processing: { financialStatus: 'paid', fulfillmentStatus: 'unfulfilled' },
  'on-hold': { financialStatus: 'pending' },
  pending: { financialStatus: 'pending' },
  'checkout-draft': { financialStatus: 'pending' },
  refunded: { financialStatus: 'refunded' },
  cancelled: { financialStatus: 'voided' },
  failed: { financialStatus: 'failed' },
};

/** A WooCommerce status slug (or its label: `On hold`) as financial and fulfillment status. */
export function wooStatus(raw: string | undefined): { financialStatus?: string; fulfillmentStatus?: string } {
  const t = text(raw);
  if (t === undefined) return {};
  const slug = t.toLowerCase().replace(/^wc-/, '').replace(/\s+/g, '-');
  return STATUS[slug] ?? { financialStatus: slug };
}

const ITEM = /^(\d+)\s*×\s*(\S[\s\S]*)$/;

/** `2× Hoodie - Blue, M, 1× Cap` → lines. A piece that is not `N× name` is a ValueError. */
export function wooProducts(raw: string | undefined): OrderLine[] {
  const t = text(raw);
  if (t === undefined) return [];
  return t.split(/,\s*(?=\d+\s*×)/).map((piece) => {
    const m = ITEM.exec(piece.trim());
    if (!m) throw new ValueError(`"${piece.trim()}" is not a product as WooCommerce lists them ("2× Hoodie")`);
    return { name: m[2]!.trim(), quantity: Number(m[1]) };
  });
}

const wooOrders: ImportAdapter = {
  kind: 'orders',
  platform: 'woocommerce',
  layout: LAYOUT,
  detect: (probe) => platformScore(probe, { required: REQUIRED, known: KNOWN }),
  read: async function* (input): AsyncIterable<ImportRecord> {
    const cols = new Columns(input.header, 'compact');
    requireColumns(input, cols, REQUIRED, LAYOUT);
    const orders = new Map<string, OrderRecord>();
    const refunds: Refund[] = [];
    for await (const row of perRow(input, cols, (r, row) => readRow(input, cols, r, row))) {
      // Kept until the file ends: a copy, cut loose from the file's text (see detached()).
      if ('kind' in row) orders.set(row.key, structuredClone(row));
      else refunds.push(row);
    }
    const refunded = new Map<string, number>();
    for (const refund of refunds) {
      if (orders.has(refund.key)) {
        refunded.set(refund.key, cents((refunded.get(refund.key) ?? 0) - refund.amount));
        continue;
      }
      input.warn({
        file: input.file,
        line: refund.line,
        column: refund.column,
        message:
          `net sales of ${refund.amount}: this row is a refund of order #${refund.key}, whose own row is not in this file ` +
          `(the order is older than the file's first day), so the refund was not recorded; ` +
          `download Analytics › Orders for a date range that includes the order's date to record it`,
      });
    }
    for (const order of orders.values()) {
      const amount = refunded.get(order.key);
      yield amount === undefined ? order : { ...order, refunded: amount };
    }
  },
};

/** A refund row: the amount is Net sales (negative), the key its parent order's number. */
interface Refund {
  key: string;
  line: number;
  column: string;
  amount: number;
}

function readRow(input: ImportInput, cols: Columns, r: RowReader, row: CsvRow): OrderRecord | Refund | undefined {
  const number = r.need('Order #', id, 'the order number')?.replace(/^#/, '');
  const createdAt = r.need('Date', stamp, 'the order date');
  const total = r.money('Net sales');
  const lines = r.read('Product(s)', wooProducts) ?? [];
  if (r.failed) return undefined;
  if (total !== undefined && total < 0) return { key: number!, line: row.line, column: r.label('Net sales'), amount: total };
  return compact<OrderRecord>({
    kind: 'orders',
    key: number!,
    line: row.line,
    name: `#${number}`,
    createdAt: createdAt!,
    currency: input.settings.currency,
    total,
    ...wooStatus(r.raw('Status')),
    discountCodes: cols.has('Coupon(s)') ? list(r.raw('Coupon(s)')) : undefined,
    source: r.read('Attribution', text),
    lines,
  });
}

export const wooAdapters: ImportAdapter[] = [wooOrders];
