import type { Migration } from '../migrations.js';

export const m006: Migration = {
  name: '006_record_cells',
  // The fingerprint of the cells a record was last read from (with the import's settings): a
  // re-import finds an unchanged order without reading its values. Null (read them) for hashes
  // stored before, and for records whose reading met a problem, so it is listed again.
  up: (db) => db.exec('alter table record_hashes add column cells text'),
};
