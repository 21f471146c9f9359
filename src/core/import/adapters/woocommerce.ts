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
 * - total = `Net sales`: WooCommerce's net sales (after coupons and refunds, before shipping and
 *   taxes), NOT the amount the customer paid. subtotal, shipping, taxes are not in this download.
 * - A row with negative Net sales is a refund (WooCommerce lists refunds as their own rows, under
 *   the refund's own number, not the order's): it cannot be tied to its order, so it is skipped
 *   with a warning.
 * - Product(s) `2× Hoodie - Blue, M, 1× Cap` → lines with quantity and name; names may contain
 *   commas (variation attributes do), so items are split at `, ` followed by a number and `×`.
 *   No SKU or price in this file. An item that does not read as `N× name` is a row problem.
 * - Coupon(s) → discountCodes. Attribution (`Direct`, `Organic: Google`, `Web admin`) → source.
 * - Customer is a name, not an email: not imported (OrderRecord has no customer-name field), nor are
 *   Customer type, Payment method and Items sold.
 * - The file has no currency: the store currency from shopflow.yaml, when set.
 */
import type { ImportAdapter, ImportRecord, OrderLine, OrderRecord } from '../types.js';
import { id, list, stamp, text, ValueError } from '../values.js';
import { Columns, compact, platformScore, requireColumns } from './columns.js';
import { perRow } from './row-reader.js';

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
    yield* perRow(input, cols, (r, row) => {
      const number = r.need('Order #', id, 'the order number')?.replace(/^#/, '');
      const createdAt = r.need('Date', stamp, 'the order date');
      const total = r.money('Net sales');
      const lines = r.read('Product(s)', wooProducts) ?? [];
      const record = compact<OrderRecord>({
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
      if (r.failed) return undefined;
      if (total !== undefined && total < 0) {
        input.warn({
          file: input.file,
          line: row.line,
          column: r.label('Net sales'),
          message:
            `net sales of ${total}: this row is a refund, which WooCommerce lists as a row of its own under the refund's number ` +
            `(${number}), not the order's; it cannot be matched to its order, so it was not imported`,
        });
        return undefined;
      }
      return record;
    });
  },
};

export const wooAdapters: ImportAdapter[] = [wooOrders];
