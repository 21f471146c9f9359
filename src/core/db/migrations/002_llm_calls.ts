import type { Migration } from '../migrations.js';

export const m002: Migration = {
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
};
