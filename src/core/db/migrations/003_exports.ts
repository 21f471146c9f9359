import type { Migration } from '../migrations.js';

export const m003: Migration = {
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
};
