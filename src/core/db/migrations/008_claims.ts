import type { Migration } from '../migrations.js';

export const m008: Migration = {
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
};
