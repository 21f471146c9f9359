import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import Database from 'better-sqlite3';
import { migrate, openDb } from '../src/core/db/open.js';
import { migrations } from '../src/core/db/migrations.js';
import { UserError } from '../src/core/errors.js';
import { ROOT, tempDir } from './helpers.js';

const GOLDEN = join(ROOT, 'test', 'schema.sql');

function schemaOf(path: string): string {
  const db = new Database(path, { readonly: true });
  try {
    const rows = db
      .prepare(`select sql from sqlite_master where sql is not null and name not like 'sqlite_%' order by type, name`)
      .pluck()
      .all() as string[];
    return `${rows.map((s) => `${s.replace(/[ \t]+$/gm, '')};`).join('\n\n')}\n`;
  } finally {
    db.close();
  }
}

describe('store database', () => {
  test('a blank database migrates to the golden schema, and once more is a no-op', () => {
    const path = join(tempDir(), 'shopflow.db');
    openDb(path).close();
    const schema = schemaOf(path);
    // To accept an intended schema change: UPDATE_SCHEMA=1 npx vitest run test/db.test.ts
    if (process.env.UPDATE_SCHEMA) writeFileSync(GOLDEN, schema);
    expect(schema).toBe(readFileSync(GOLDEN, 'utf8'));

    const db = openDb(path);
    expect(migrate(db)).toEqual([]);
    expect(db.prepare('select name from _migrations order by name').pluck().all()).toEqual(migrations.map((m) => m.name));
    db.close();
    expect(schemaOf(path)).toBe(schema);
  });

  test('WAL, busy timeout and foreign keys are on', () => {
    const db = openDb(join(tempDir(), 'shopflow.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  test('a failing migration leaves neither its tables nor its bookkeeping row', () => {
    const path = join(tempDir(), 'shopflow.db');
    const broken = [
      ...migrations,
      { name: '999_broken', up: (d: Database.Database) => d.exec('create table half (x); create tabel oops (y);') },
    ];
    expect(() => openDb(path, broken)).toThrow();
    const db = new Database(path);
    expect(db.prepare(`select count(*) from sqlite_master where name = 'half'`).pluck().get()).toBe(0);
    expect(db.prepare(`select count(*) from _migrations where name = '999_broken'`).pluck().get()).toBe(0);
    db.close();
  });

  test('a database from a newer shopflow is refused with a clear message', () => {
    const path = join(tempDir(), 'shopflow.db');
    const db = openDb(path);
    db.prepare(`insert into _migrations values ('050_future', 'x')`).run();
    db.close();
    expect(() => openDb(path)).toThrow(UserError);
    expect(() => openDb(path)).toThrow(/newer shopflow \(migration 050_future\)/);
  });

  test('a file that is not SQLite is refused, not overwritten', () => {
    const path = join(tempDir(), 'shopflow.db');
    writeFileSync(path, 'Handle,Title\nmug,Mug\n'.repeat(100));
    expect(() => openDb(path)).toThrow(/is not a shopflow database/);
    expect(readFileSync(path, 'utf8').startsWith('Handle,Title')).toBe(true);
  });
});

describe('WriteBatch: many small writes, few commits', () => {
  test('commit keeps the units since the last commit; rollback drops them, and the next unit starts afresh', async () => {
    const { WriteBatch } = await import('../src/core/db/write-batch.js');
    const db = new Database(':memory:');
    db.exec('create table t (x integer)');
    const batch = new WriteBatch(db as never, 1000, 60_000);
    batch.unit(() => db.prepare('insert into t values (1)').run());
    batch.commit();
    batch.unit(() => db.prepare('insert into t values (2)').run());
    batch.unit(() => db.prepare('insert into t values (3)').run());
    batch.rollback();
    batch.unit(() => db.prepare('insert into t values (4)').run());
    batch.commit();
    expect(db.prepare('select x from t order by x').pluck().all()).toEqual([1, 4]);
    db.close();
  });
});
