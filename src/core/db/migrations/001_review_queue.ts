import type { Migration } from '../migrations.js';

export const m001: Migration = {
  name: '001_review_queue',
  up: (db) =>
    db.exec(`
        create table items (
          id integer primary key,
          kind text not null,
          product_handle text,
          title text not null,
          template text not null,
          template_hash text not null,
          provider text not null,
          input_hash text not null,
          source_file text,
          source_snapshot text not null,
          fields text not null,
          drafted_fields text not null,
          checks text not null,
          status text not null default 'pending'
            check (status in ('pending', 'approved', 'rejected', 'superseded')),
          created_at text not null,
          decided_at text,
          reason text
        );
        create index items_status on items (status, id);
        create index items_product on items (product_handle, template, id);
        create index items_input on items (input_hash);

        create table item_events (
          id integer primary key,
          item_id integer not null references items (id),
          at text not null,
          action text not null
            check (action in ('drafted', 'edited', 'approved', 'rejected', 'superseded', 'exported')),
          detail text
        );
        create index item_events_item on item_events (item_id, id);
      `),
};
