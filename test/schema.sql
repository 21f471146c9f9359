CREATE INDEX item_events_item on item_events (item_id, id);

CREATE INDEX items_input on items (input_hash);

CREATE INDEX items_product on items (product_handle, template, id);

CREATE INDEX items_status on items (status, id);

CREATE INDEX llm_calls_at on llm_calls (at);

CREATE TABLE _migrations (name text primary key, applied_at text not null);

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
        );

CREATE TRIGGER export_items_approved_only before insert on export_items
        when (select status from items where id = new.item_id) is not 'approved'
        begin
          select raise(abort, 'only approved items can be exported');
        end;
