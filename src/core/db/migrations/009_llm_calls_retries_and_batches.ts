import type { Migration } from '../migrations.js';

export const m009: Migration = {
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
};
