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
  {
    name: '004_store_history',
    up: (db) =>
      db.exec(`
        create table imports (
          id integer primary key,
          at text not null,
          file text not null,
          file_hash text not null,
          kind text not null,
          platform text not null,
          layout text not null,
          new integer not null,
          changed integer not null,
          unchanged integer not null,
          problems integer not null,
          warnings integer not null
        );

        -- What each file layout last said about each record, to skip unchanged rows cheaply and to
        -- count per file: two files about the same order (Etsy orders + order items) merge into one
        -- row below but keep their own hashes here.
        create table record_hashes (
          kind text not null,
          platform text not null,
          key text not null,
          layout text not null,
          hash text not null,
          primary key (kind, platform, key, layout)
        ) without rowid;

        create table orders (
          id integer primary key,
          platform text not null,
          key text not null,
          name text not null,
          email text,
          customer_id text,
          created_at text not null,
          created_offset text,
          paid_at text,
          paid_offset text,
          fulfilled_at text,
          fulfilled_offset text,
          cancelled_at text,
          cancelled_offset text,
          currency text,
          subtotal real,
          discounts real,
          shipping real,
          taxes real,
          total real,
          refunded real,
          financial_status text,
          fulfillment_status text,
          discount_codes text,
          source text,
          tags text,
          import_id integer references imports (id),
          unique (platform, key)
        );
        create index orders_created on orders (created_at);
        create index orders_email on orders (email);

        create table order_lines (
          order_id integer not null references orders (id) on delete cascade,
          position integer not null,
          sku text,
          name text not null,
          quantity integer not null,
          price real,
          discount real,
          vendor text,
          primary key (order_id, position)
        ) without rowid;
        create index order_lines_sku on order_lines (sku);

        create table customers (
          id integer primary key,
          platform text not null,
          key text not null,
          customer_id text,
          email text,
          first_name text,
          last_name text,
          accepts_email integer,
          accepts_sms integer,
          total_spent real,
          total_orders integer,
          tags text,
          city text,
          country text,
          import_id integer references imports (id),
          unique (platform, key)
        );
        create index customers_email on customers (email);

        create table products (
          id integer primary key,
          platform text not null,
          key text not null,
          title text not null,
          vendor text,
          type text,
          category text,
          status text,
          tags text,
          description text,
          data text not null,
          import_id integer references imports (id),
          unique (platform, key)
        );

        create table variants (
          product_id integer not null references products (id) on delete cascade,
          position integer not null,
          sku text,
          options text,
          price real,
          compare_at_price real,
          barcode text,
          inventory_qty integer,
          primary key (product_id, position)
        ) without rowid;
        create index variants_sku on variants (sku);

        create table inventory_levels (
          id integer primary key,
          platform text not null,
          key text not null,
          handle text,
          sku text,
          title text,
          variant text,
          location text not null,
          available integer,
          on_hand integer,
          committed integer,
          incoming integer,
          unavailable integer,
          import_id integer references imports (id),
          unique (platform, key)
        );

        create table checkouts (
          id integer primary key,
          platform text not null,
          key text not null,
          email text,
          created_at text not null,
          created_offset text,
          completed_at text,
          completed_offset text,
          currency text,
          total real,
          recovered integer,
          items text not null,
          import_id integer references imports (id),
          unique (platform, key)
        );
        create index checkouts_created on checkouts (created_at);

        create table reviews (
          id integer primary key,
          platform text not null,
          key text not null,
          product_handle text,
          product_id text,
          product_name text,
          rating integer not null check (rating between 1 and 5),
          title text,
          body text,
          author text,
          email text,
          created_at text,
          created_offset text,
          published integer,
          import_id integer references imports (id),
          unique (platform, key)
        );
        create index reviews_created on reviews (created_at);

        create table email_campaigns (
          id integer primary key,
          platform text not null,
          key text not null,
          name text not null,
          subject text,
          list text,
          channel text,
          sent_at text,
          sent_offset text,
          recipients integer,
          delivered integer,
          unique_opens integer,
          unique_clicks integer,
          unsubscribes integer,
          bounces integer,
          orders integer,
          revenue real,
          import_id integer references imports (id),
          unique (platform, key)
        );
        create index email_campaigns_sent on email_campaigns (sent_at);

        create table email_flows (
          id integer primary key,
          platform text not null,
          key text not null,
          flow_id text,
          flow_name text not null,
          message_id text,
          message_name text,
          period text not null,
          status text,
          delivered integer,
          unique_opens integer,
          unique_clicks integer,
          unsubscribes integer,
          bounces integer,
          orders integer,
          revenue real,
          import_id integer references imports (id),
          unique (platform, key)
        );

        create table traffic (
          id integer primary key,
          platform text not null,
          key text not null,
          date text,
          period_start text,
          period_end text,
          dimension text,
          dimension_value text,
          sessions integer,
          users integer,
          conversions integer,
          revenue real,
          import_id integer references imports (id),
          unique (platform, key)
        );
        create index traffic_date on traffic (date);
      `),
  },
  {
    name: '005_import_settings',
    // The store settings an import read with (number format, currency): an identical file read
    // with other settings is read again, not skipped as unchanged.
    up: (db) => db.exec('alter table imports add column settings text'),
  },
  {
    name: '006_record_cells',
    // The fingerprint of the cells a record was last read from (with the import's settings): a
    // re-import finds an unchanged order without reading its values. Null (read them) for hashes
    // stored before, and for records whose reading met a problem, so it is listed again.
    up: (db) => db.exec('alter table record_hashes add column cells text'),
  },
  {
    name: '007_report_indexes',
    // The weekly report reads only these two covering indexes of the orders: the period's orders
    // by local date (sales, daily trend) and each customer's order dates (new, returning, repeat).
    up: (db) =>
      db.exec(`
        create index orders_report on orders (created_at, currency, total, refunded, discounts, discount_codes)
          where cancelled_at is null;
        create index orders_email_created on orders (email, created_at) where cancelled_at is null;
      `),
  },
  {
    name: '008_claims',
    // The claims guard's verdicts stored with each item (like its checks), and the owner's edits
    // promoted to few-shot examples of a template.
    up: (db) =>
      db.exec(`
        alter table items add column claims text not null default '[]';
        create table template_examples (
          id integer primary key,
          template text not null,
          item_id integer not null references items (id),
          field text not null,
          before text not null,
          after text not null,
          created_at text not null,
          unique (item_id, field)
        );
        create index template_examples_template on template_examples (template);
      `),
  },
  {
    name: '009_llm_calls_retries_and_batches',
    // Retries per call (429, 5xx, timeouts; cost and tokens include every attempt), and the
    // OpenAI Batch API jobs `draft --batch` submitted, with what each request was for, so that
    // `batch collect` can store the drafts and nothing is submitted twice.
    up: (db) =>
      db.exec(`
        alter table llm_calls add column retries integer not null default 0;
        create table llm_batches (
          id integer primary key,
          remote_id text not null unique,
          at text not null,
          provider text not null,
          model text not null,
          template text not null,
          template_hash text not null,
          source_file text not null,
          requests integer not null,
          status text not null,
          collected_at text
        );
        create table llm_batch_requests (
          batch_id integer not null references llm_batches (id),
          custom_id text not null,
          handle text not null,
          input_hash text not null,
          system text not null,
          prompt text not null,
          source_snapshot text not null,
          primary key (batch_id, custom_id)
        ) without rowid;
        create index llm_batch_requests_input on llm_batch_requests (input_hash);
      `),
  },
  {
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
  },
];
