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
 * The column machinery is in columns.ts and row-reader.ts; the orders form, which groups rows, is
 * in generic-orders.ts.
 */
import type { CsvRow } from '../../csv/types.js';
import type { CheckoutRecord, CustomerRecord, ImportAdapter, ImportInput, ImportRecord, InventoryRecord, Kind, ReviewRecord } from '../records.js';
import { bool, count, id, list, quantity, stamp, text } from '../values.js';
import { Columns, compact, requireColumns } from '../columns.js';
import { genericOrders, genericScore, ORDER_OPTIONAL, ORDER_REQUIRED } from './orders.js';
import { rating, reviewKey } from '../reviews.js';
import { perRow, type RowReader } from '../row-reader.js';

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

/** A generic form of one record per row; `file` names it in the missing-column error. */
function rowForm(
  kind: Kind,
  layout: string,
  file: string,
  form: { required: readonly string[]; optional: readonly string[] },
  build: (r: RowReader, row: CsvRow, input: ImportInput, cols: Columns) => ImportRecord,
): ImportAdapter {
  return {
    kind,
    platform: 'generic',
    layout,
    detect: (probe) => genericScore(probe, form.required, form.optional),
    read: async function* (input): AsyncIterable<ImportRecord> {
      const cols = new Columns(input.header, 'compact');
      requireColumns(input, cols, form.required, file);
      yield* perRow(input, cols, (r, row) => build(r, row, input, cols));
    },
  };
}

const genericCustomers = rowForm('customers', 'generic customers CSV', 'generic customers file', GENERIC_COLUMNS.customers, (r, row, _input, cols) => {
  const email = r.need('email', text, 'the email');
  return compact<CustomerRecord>({
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
});

const genericInventory = rowForm('inventory', 'generic inventory CSV', 'generic inventory file', GENERIC_COLUMNS.inventory, (r, row) => {
  const sku = r.need('sku', text, 'the sku');
  const location = r.need('location', text, 'the location');
  const available = r.need('available', quantity, 'the available quantity');
  return compact<InventoryRecord>({
    kind: 'inventory',
    key: `${sku}|${location}`,
    line: row.line,
    handle: r.read('handle', text),
    sku,
    title: r.read('title', text),
    location: location!,
    available: available!,
  });
});

const genericCheckouts = rowForm('checkouts', 'generic abandoned checkouts CSV', 'generic checkouts file', GENERIC_COLUMNS.checkouts, (r, row, input) =>
  compact<CheckoutRecord>({
    kind: 'checkouts',
    key: r.need('checkout_id', id, 'the checkout id')!,
    line: row.line,
    email: r.read('email', text),
    createdAt: r.need('created_at', stamp, 'the date')!,
    currency: r.read('currency', text)?.toUpperCase() ?? input.settings.currency,
    total: r.money('total'),
    items: [],
    recovered: r.read('recovered', bool),
  }),
);

const genericReviews = rowForm('reviews', 'generic reviews CSV', 'generic reviews file', GENERIC_COLUMNS.reviews, (r, row) => {
  const product = r.need('product', text, 'the product');
  const email = r.read('email', text);
  const createdAt = r.need('created_at', stamp, 'the date');
  const title = r.read('title', text);
  return compact<ReviewRecord>({
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
});

export const genericAdapters: ImportAdapter[] = [genericOrders, genericCustomers, genericInventory, genericCheckouts, genericReviews];
