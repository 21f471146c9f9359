import type { Migration } from '../migrations.js';

export const m010: Migration = {
  name: '010_report_customers',
  // Each customer's first and second order time (by email, cancelled orders left out), so the
  // report's "repeat purchase rate as of the period end" counts index entries instead of reading
  // every order. Derived data: report/customers.ts rebuilds it after any import (stamp = the last
  // imports.id it was built from).
  up: (db) =>
    db.exec(`
        create table report_customers (email text primary key, first_at text not null, second_at text) without rowid;
        create index report_customers_first on report_customers (first_at);
        create index report_customers_second on report_customers (second_at) where second_at is not null;
        create table report_cache (name text primary key, stamp integer not null);
      `),
};
