import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { UserError } from '../errors.js';
import { migrations as allMigrations, type Migration } from './migrations.js';

export type { Db };

/** Opens (creating if needed) the store database and brings its schema up to date. */
export function openDb(path: string, migrations: Migration[] = allMigrations): Db {
  let db: Db;
  try {
    db = new Database(path);
  } catch (err) {
    throw new UserError(`cannot open the store database ${path}: ${(err as Error).message}`);
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    // In WAL mode NORMAL cannot corrupt the database; a power cut may lose the last commits, a crash none.
    db.pragma('synchronous = NORMAL');
    // Imports touch many index pages at random (emails, keys): 64 MB of cache instead of 2 MB.
    db.pragma('cache_size = -65536');
    db.pragma('foreign_keys = ON');
    migrate(db, migrations);
  } catch (err) {
    db.close();
    if ((err as { code?: string }).code === 'SQLITE_NOTADB') {
      throw new UserError(`${path} is not a shopflow database (it is not SQLite)`);
    }
    throw err;
  }
  return db;
}

export function migrate(db: Db, migrations: Migration[] = allMigrations): string[] {
  db.exec('create table if not exists _migrations (name text primary key, applied_at text not null)');
  const done = new Set(db.prepare('select name from _migrations').pluck().all() as string[]);
  const known = new Set(migrations.map((m) => m.name));
  const unknown = [...done].filter((n) => !known.has(n));
  if (unknown.length > 0) {
    throw new UserError(
      `this store database was written by a newer shopflow (migration ${unknown[0]}); update shopflow to use it`,
    );
  }
  const applied: string[] = [];
  for (const m of migrations) {
    if (done.has(m.name)) continue;
    db.transaction(() => {
      m.up(db);
      db.prepare('insert into _migrations (name, applied_at) values (?, ?)').run(m.name, new Date().toISOString());
    })();
    applied.push(m.name);
  }
  return applied;
}
