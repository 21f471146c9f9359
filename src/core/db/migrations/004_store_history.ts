import type { Migration } from '../migrations.js';

export const m004: Migration = {
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
};
