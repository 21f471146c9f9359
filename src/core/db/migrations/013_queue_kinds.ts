import type { Migration } from '../migrations.js';

export const m013: Migration = {
  name: '013_queue_kinds',
  // The review queue holds items of every kind (product copy today; replies and flow messages
  // next), so an item is keyed by a subject of its kind, not by a product handle: `subject` is the
  // key a newer item of the same template supersedes (a product's handle for product copy).
  // `product_handle` stays for what it says, the product an item is about, null when none.
  // SQLite adds a not-null column only with a default; every row then gets its own value below.
  up: (db) =>
    db.exec(`
        alter table items add column subject text not null default '';
        update items set subject = coalesce(product_handle, '');
        drop index if exists items_product;
        create index items_subject on items (subject, template, id);
      `),
};
