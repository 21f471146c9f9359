import type { Migration } from '../migrations.js';

export const m012: Migration = {
  name: '012_one_email_index',
  // One index of the orders by customer instead of two: orders_email (004) served lookups by
  // email, orders_email_created (007, cancelled orders left out) the report's customer counts.
  // With cancelled_at between email and created_at, one index answers both: `email = ?` is its
  // prefix, and `email = ? and cancelled_at is null order by created_at` a range read in order.
  // A first import of a million-row orders export builds one index fewer (about 0.7 s of 23 s).
  up: (db) =>
    db.exec(`
        drop index if exists orders_email;
        drop index if exists orders_email_created;
        create index orders_email on orders (email, cancelled_at, created_at);
      `),
};
