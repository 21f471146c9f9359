import type { Migration } from '../migrations.js';

export const m014: Migration = {
  name: '014_llm_output_modes',
  // How each OpenAI-compatible server (base URL, model) takes a request for JSON: json_schema,
  // json_object, or the schema in the prompt. Found by the first real call, then remembered.
  up: (db) =>
    db.exec(`
        create table llm_output_modes (
          base_url text not null,
          model text not null,
          mode text not null check (mode in ('json_schema', 'json_object', 'prompt')),
          decided_at text not null,
          primary key (base_url, model)
        ) without rowid;
      `),
};
