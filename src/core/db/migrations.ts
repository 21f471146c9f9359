import type { Database } from 'better-sqlite3';
import { m001 } from './migrations/001_review_queue.js';
import { m002 } from './migrations/002_llm_calls.js';
import { m003 } from './migrations/003_exports.js';
import { m004 } from './migrations/004_store_history.js';
import { m005 } from './migrations/005_import_settings.js';
import { m006 } from './migrations/006_record_cells.js';
import { m007 } from './migrations/007_report_indexes.js';
import { m008 } from './migrations/008_claims.js';
import { m009 } from './migrations/009_llm_calls_retries_and_batches.js';
import { m010 } from './migrations/010_report_customers.js';
import { m011 } from './migrations/011_drop_unused_indexes.js';
import { m012 } from './migrations/012_one_email_index.js';
import { m013 } from './migrations/013_queue_kinds.js';
import { m014 } from './migrations/014_llm_output_modes.js';

export interface Migration {
  name: string;
  up: (db: Database) => void;
}

/**
 * Append-only: never edit or reorder a shipped entry, not even the indentation of its SQL (SQLite
 * keeps the text; test/schema.sql holds it); add a new one, in a file of its own in migrations/
 * named like the migration. Each runs in one transaction together with its `_migrations` row, so
 * a crash leaves either both or neither.
 */
export const migrations: Migration[] = [m001, m002, m003, m004, m005, m006, m007, m008, m009, m010, m011, m012, m013, m014];
