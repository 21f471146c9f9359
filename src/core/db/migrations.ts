import type { Database } from 'better-sqlite3';

export interface Migration {
  name: string;
  up: (db: Database) => void;
}

/**
 * Append-only: never edit or reorder a shipped entry; add a new one. Each runs in one transaction
 * together with its `_migrations` row, so a crash leaves either both or neither.
 */
export const migrations: Migration[] = [
  {
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
  },
  {
    name: '002_llm_calls',
    up: (db) =>
      db.exec(`
        create table llm_calls (
          id integer primary key,
          at text not null,
          provider text not null,
          model text not null,
          template text not null,
          system text not null,
          prompt text not null,
          response text,
          input_tokens integer not null default 0,
          output_tokens integer not null default 0,
          cost_usd real not null default 0,
          latency_ms integer not null,
          status text not null check (status in ('ok', 'error')),
          error text,
          item_id integer references items (id)
        );
        create index llm_calls_at on llm_calls (at);
      `),
  },
  {
    name: '003_exports',
    up: (db) =>
      db.exec(`
        create table exports (
          id integer primary key,
          at text not null,
          format text not null,
          out_path text not null,
          source_file text,
          item_count integer not null
        );
        create table export_items (
          export_id integer not null references exports (id),
          item_id integer not null references items (id),
          primary key (export_id, item_id)
        );
        -- The store layer, not only the UI, refuses to export what the owner has not approved.
        create trigger export_items_approved_only before insert on export_items
        when (select status from items where id = new.item_id) is not 'approved'
        begin
          select raise(abort, 'only approved items can be exported');
        end;
      `),
  },
];
