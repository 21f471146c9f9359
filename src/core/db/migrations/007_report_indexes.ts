import type { Migration } from '../migrations.js';

export const m007: Migration = {
  name: '007_report_indexes',
  // The weekly report reads only these two covering indexes of the orders: the period's orders
  // by local date (sales, daily trend) and each customer's order dates (new, returning, repeat).
  up: (db) =>
    db.exec(`
        create index orders_report on orders (created_at, currency, total, refunded, discounts, discount_codes)
          where cancelled_at is null;
        create index orders_email_created on orders (email, created_at) where cancelled_at is null;
      `),
};
