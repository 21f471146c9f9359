/**
 * The generic orders form (see generic.ts for its columns): one row per order or per line item,
 * rows with the same order_id being one order.
 */
import type { ImportAdapter, ImportRecord, OrderLine, OrderRecord, Probe } from '../records.js';
import { count, id, stamp, text } from '../values.js';
import { Columns, compact, requireColumns, sheetScore } from '../columns.js';
import { groupOrders, type PendingOrder } from '../row-reader.js';

export const ORDER_REQUIRED = ['order_id', 'created_at', 'email', 'total', 'currency'] as const;
export const ORDER_OPTIONAL = ['subtotal', 'discounts', 'shipping', 'taxes', 'refunded', 'status', 'sku', 'product', 'quantity', 'price'] as const;

/**
 * Detection for a generic form: 0 unless every required column is present AND at least a third of
 * the file's columns belong to the form (so a platform export that happens to have an `Email`
 * column is not taken for a generic customers file); then 2..5 by that share.
 */
export const genericScore = (probe: Probe, required: readonly string[], optional: readonly string[]): number =>
  sheetScore(probe.header, { required, optional }, { matching: 'compact', minShare: 1 / 3, blankHeaders: 'count' });

interface GenericOrder extends PendingOrder {
  /** Line where each order-level value was first given, for conflict messages. */
  firstSeen: Map<string, { value: string; line: number }>;
}

/** The column an order field comes from, where the names differ. */
const COLUMN_OF: Partial<Record<keyof OrderRecord, string>> = { createdAt: 'created_at', financialStatus: 'status' };

export const genericOrders: ImportAdapter = {
  kind: 'orders',
  platform: 'generic',
  layout: 'generic orders CSV',
  detect: (probe) => genericScore(probe, ORDER_REQUIRED, ORDER_OPTIONAL),
  read: async function* (input): AsyncIterable<ImportRecord> {
    const cols = new Columns(input.header, 'compact');
    requireColumns(input, cols, ORDER_REQUIRED, 'generic orders file');
    const orders = await groupOrders(
      input,
      cols,
      (r) => r.need('order_id', id, 'the order id'),
      (key, line): GenericOrder => ({ record: { kind: 'orders', key, line, name: key, lines: [] }, failed: false, firstSeen: new Map() }),
      (r, row, o, key) => {
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
      },
    );
    for (const { record, failed } of orders) {
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
