import type { Migration } from '../migrations.js';

export const m005: Migration = {
  name: '005_import_settings',
  // The store settings an import read with (number format, currency): an identical file read
  // with other settings is read again, not skipped as unchanged.
  up: (db) => db.exec('alter table imports add column settings text'),
};
