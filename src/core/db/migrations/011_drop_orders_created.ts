import type { Migration } from '../migrations.js';

export const m011: Migration = {
  name: '011_drop_orders_created',
  // orders_report (007) starts with created_at, so it answers every query orders_created did; the
  // second copy only cost a first import of a million-row export its build and its pages.
  up: (db) => db.exec(`drop index orders_created;`),
};
