CREATE INDEX checkouts_created on checkouts (created_at);

CREATE INDEX customers_email on customers (email);

CREATE INDEX email_campaigns_sent on email_campaigns (sent_at);

CREATE INDEX item_events_item on item_events (item_id, id);

CREATE INDEX items_input on items (input_hash);

CREATE INDEX items_status on items (status, id);

CREATE INDEX items_subject on items (subject, template, id);

CREATE INDEX llm_batch_requests_input on llm_batch_requests (input_hash);

CREATE INDEX llm_calls_at on llm_calls (at);

CREATE INDEX orders_email on orders (email, cancelled_at, created_at);

CREATE INDEX orders_report on orders (created_at, currency, total, refunded, discounts, discount_codes)
          where cancelled_at is null;

CREATE INDEX report_customers_first on report_customers (first_at);

CREATE INDEX report_customers_second on report_customers (second_at) where second_at is not null;

CREATE INDEX reviews_created on reviews (created_at);

CREATE INDEX template_examples_template on template_examples (template);

CREATE INDEX traffic_date on traffic (date);

CREATE INDEX variants_sku on variants (sku);

CREATE TABLE _migrations (name text primary key, applied_at text not null);

CREATE TABLE checkouts (
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

CREATE TABLE customers (
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

CREATE TABLE email_campaigns (
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

CREATE TABLE email_flows (
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

CREATE TABLE export_items (
          export_id integer not null references exports (id),
          item_id integer not null references items (id),
          primary key (export_id, item_id)
        );

CREATE TABLE exports (
          id integer primary key,
          at text not null,
          format text not null,
          out_path text not null,
          source_file text,
          item_count integer not null
        );

CREATE TABLE imports (
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
        , settings text);

CREATE TABLE inventory_levels (
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

CREATE TABLE item_events (
          id integer primary key,
          item_id integer not null references items (id),
          at text not null,
          action text not null
            check (action in ('drafted', 'edited', 'approved', 'rejected', 'superseded', 'exported')),
          detail text
        );

CREATE TABLE items (
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
        , claims text not null default '[]', subject text not null default '');

CREATE TABLE llm_batch_requests (
          batch_id integer not null references llm_batches (id),
          custom_id text not null,
          handle text not null,
          input_hash text not null,
          system text not null,
          prompt text not null,
          source_snapshot text not null,
          primary key (batch_id, custom_id)
        ) without rowid;

CREATE TABLE llm_batches (
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

CREATE TABLE llm_calls (
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
        , retries integer not null default 0);

CREATE TABLE llm_output_modes (
          base_url text not null,
          model text not null,
          mode text not null check (mode in ('json_schema', 'json_object', 'prompt')),
          decided_at text not null,
          primary key (base_url, model)
        ) without rowid;

CREATE TABLE order_lines (
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

CREATE TABLE orders (
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

CREATE TABLE products (
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

CREATE TABLE record_hashes (
          kind text not null,
          platform text not null,
          key text not null,
          layout text not null,
          hash text not null, cells text,
          primary key (kind, platform, key, layout)
        ) without rowid;

CREATE TABLE report_cache (name text primary key, stamp integer not null);

CREATE TABLE report_customers (email text primary key, first_at text not null, second_at text) without rowid;

CREATE TABLE reviews (
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

CREATE TABLE template_examples (
          id integer primary key,
          template text not null,
          item_id integer not null references items (id),
          field text not null,
          before text not null,
          after text not null,
          created_at text not null,
          unique (item_id, field)
        );

CREATE TABLE traffic (
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

CREATE TABLE variants (
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

CREATE TRIGGER export_items_approved_only before insert on export_items
        when (select status from items where id = new.item_id) is not 'approved'
        begin
          select raise(abort, 'only approved items can be exported');
        end;
