/**
 * Etsy order downloads (Shop Manager › Settings › Options › Download Data; formats README §11):
 * Sold Orders (`EtsySoldOrders<year>.csv`, one row per order) and Sold Order Items
 * (`EtsySoldOrderItems<year>.csv`, one row per item). Dates are US month first: `12/31/23` as
 * Etsy writes them, `12/31/2023` once Excel re-saved the file (often tab-delimited: the CSV reader
 * sniffs the delimiter). No offset: the times are wall times.
 *
 * Both files describe the same orders, with the same key (`Order ID`) and name (`#` + Order ID),
 * so importing both merges them: each fills what it knows, and the store keeps values a file
 * leaves empty. Which file fills what:
 *
 *   field               Sold Orders                      Sold Order Items
 *   createdAt           Sale Date                        Sale Date (first item)
 *   paidAt              —                                Date Paid
 *   fulfilledAt         Date Shipped                     Date Shipped
 *   customerId          Buyer User ID                    —
 *   currency            Currency                         Currency
 *   subtotal            Order Value                      —
 *   discounts           Discount Amount                  —
 *   shipping            Shipping                         Order Shipping (once per order)
 *   taxes               Sales Tax                        Order Sales Tax (once per order)
 *   total               Order Total                      —
 *   financialStatus     Status (see etsyStatus)          —
 *   discountCodes       Coupon Code                      Coupon Code
 *   source              Order Type (`online`, …)         Order Type
 *   lines               none ([]: keeps stored lines)    Item Name, Quantity, Price (unit), SKU
 *
 * Not imported: Number of Items, buyer names and addresses, fees and net amounts, the `Adjusted …`
 * columns, Shipping Discount, Listing ID and Transaction ID (OrderLine has no place for them),
 * Variations (the line name is the Item Name alone).
 *
 * An item row that cannot be read makes its whole order a problem: the order is skipped rather than
 * imported with a line missing.
 */
import type { ImportAdapter, ImportRecord, OrderLine, OrderRecord } from '../records.js';
import { count, id, list, stamp, text } from '../values.js';
import { Columns, compact, platformScore, requireColumns } from '../columns.js';
import { groupOrders, type PendingOrder, perRow } from '../row-reader.js';

const ORDERS_LAYOUT = 'Etsy sold orders download';
const ITEMS_LAYOUT = 'Etsy sold order items download';

const ORDERS_REQUIRED = ['Sale Date', 'Order ID', 'Number of Items', 'Order Value', 'Order Total'] as const;
const ORDERS_KNOWN = [
  'Buyer User ID', 'Full Name', 'First Name', 'Last Name', 'Payment Method', 'Date Shipped', 'Street 1', 'Street 2',
  'Ship City', 'Ship State', 'Ship Zipcode', 'Ship Country', 'Currency', 'Coupon Code', 'Coupon Details',
  'Discount Amount', 'Shipping Discount', 'Shipping', 'Sales Tax', 'Status', 'Card Processing Fees', 'Order Net',
  'Adjusted Order Total', 'Adjusted Card Processing Fees', 'Adjusted Net Order Amount', 'Buyer', 'Order Type',
  'Payment Type', 'InPerson Discount', 'InPerson Location', 'SKU',
] as const;

const ITEMS_REQUIRED = ['Sale Date', 'Order ID', 'Item Name', 'Quantity', 'Price'] as const;
const ITEMS_KNOWN = [
  'Buyer', 'Coupon Code', 'Coupon Details', 'Discount Amount', 'Shipping Discount', 'Order Shipping', 'Order Sales Tax',
  'Item Total', 'Currency', 'Transaction ID', 'Listing ID', 'Date Paid', 'Date Shipped', 'Ship Name', 'Ship Address1',
  'Ship Address2', 'Ship City', 'Ship State', 'Ship Zipcode', 'Ship Country', 'Variations', 'Order Type',
  'Listings Type', 'Payment Type', 'InPerson Discount', 'InPerson Location', 'VAT Paid by Buyer', 'SKU',
] as const;

/**
 * Etsy's order Status (values not verified on a real file): `Completed`/`Paid` → paid,
 * `Canceled` → voided, `Fully refunded`/`Refunded` → refunded, `Partially refunded` →
 * partially_refunded; any other value is kept lower-cased with `_` for spaces.
 */
export function etsyStatus(raw: string | undefined): string | undefined {
  const t = text(raw);
  if (t === undefined) return undefined;
  const s = t.toLowerCase().replace(/[\s-]+/g, '_');
  if (s === 'completed' || s === 'complete' || s === 'paid') return 'paid';
  if (s === 'canceled' || s === 'cancelled') return 'voided';
  if (s === 'refunded' || s === 'fully_refunded') return 'refunded';
  if (s === 'partially_refunded' || s === 'partial_refund') return 'partially_refunded';
  return s;
}

const orderId = (raw: string | undefined): string | undefined => id(raw)?.replace(/^#/, '');

const etsyOrders: ImportAdapter = {
  kind: 'orders',
  platform: 'etsy',
  layout: ORDERS_LAYOUT,
  detect: (probe) => platformScore(probe, { required: ORDERS_REQUIRED, known: ORDERS_KNOWN }),
  read: async function* (input): AsyncIterable<ImportRecord> {
    const cols = new Columns(input.header, 'compact');
    requireColumns(input, cols, ['Order ID', 'Sale Date'], ORDERS_LAYOUT);
    yield* perRow(input, cols, (r, row) => {
      const key = r.need('Order ID', orderId, 'the order id');
      return compact<OrderRecord>({
        kind: 'orders',
        key: key!,
        line: row.line,
        name: `#${key}`,
        customerId: r.read('Buyer User ID', id),
        createdAt: r.need('Sale Date', stamp, 'the sale date')!,
        fulfilledAt: r.read('Date Shipped', stamp),
        currency: r.read('Currency', text)?.toUpperCase(),
        subtotal: r.money('Order Value'),
        discounts: r.money('Discount Amount'),
        shipping: r.money('Shipping'),
        taxes: r.money('Sales Tax'),
        total: r.money('Order Total'),
        financialStatus: etsyStatus(r.raw('Status')),
        discountCodes: cols.has('Coupon Code') ? list(r.raw('Coupon Code')) : undefined,
        source: r.read('Order Type', text),
        lines: [],
      });
    });
  },
};

const etsyItems: ImportAdapter = {
  kind: 'orders',
  platform: 'etsy',
  layout: ITEMS_LAYOUT,
  detect: (probe) => platformScore(probe, { required: ITEMS_REQUIRED, known: ITEMS_KNOWN }),
  read: async function* (input): AsyncIterable<ImportRecord> {
    const cols = new Columns(input.header, 'compact');
    requireColumns(input, cols, ITEMS_REQUIRED, ITEMS_LAYOUT);
    // Items of one order are usually adjacent, but nothing promises it: group over the whole file.
    const orders = await groupOrders(
      input,
      cols,
      (r) => r.need('Order ID', orderId, 'the order id'),
      (key, line): PendingOrder => ({ record: { kind: 'orders', key, line, name: `#${key}`, lines: [] }, failed: false }),
      (r, _row, order) => {
        const o = order.record;
        // Order-level values repeat on every item row: the first non-empty one counts.
        const fill = <K extends keyof PendingOrder['record']>(field: K, value: PendingOrder['record'][K] | undefined): void => {
          if (o[field] === undefined && value !== undefined) o[field] = value;
        };
        fill('createdAt', r.need('Sale Date', stamp, 'the sale date'));
        fill('paidAt', r.read('Date Paid', stamp));
        fill('fulfilledAt', r.read('Date Shipped', stamp));
        fill('currency', r.read('Currency', text)?.toUpperCase());
        fill('shipping', r.money('Order Shipping'));
        fill('taxes', r.money('Order Sales Tax'));
        const codes = list(r.raw('Coupon Code'));
        fill('discountCodes', codes.length > 0 ? codes : undefined);
        fill('source', r.read('Order Type', text));
        const line = compact<OrderLine>({
          sku: r.read('SKU', text),
          name: r.need('Item Name', text, 'the item name')!,
          quantity: r.need('Quantity', count, 'the quantity')!,
          price: r.money('Price'),
        });
        if (!r.failed) o.lines.push(line);
      },
    );
    for (const { record, failed } of orders) {
      if (failed || !record.createdAt) continue;
      if (cols.has('Coupon Code') && !record.discountCodes) record.discountCodes = [];
      yield compact(record as OrderRecord);
    }
  },
};

export const etsyAdapters: ImportAdapter[] = [etsyOrders, etsyItems];
