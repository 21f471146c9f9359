// A first import fills empty tables with their secondary indexes left out and built at the end:
// the database must come out with every index, and a failure must leave it as it was.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { openDb } from '../src/core/db/open.js';
import { count, fixture, query, runCli, tempDir } from './helpers.js';

const WEEK1 = fixture('import', 'cli-orders-week1.csv');
const WEEK2 = fixture('import', 'cli-orders-week2.csv');
const schema = (db: string) => query(db, `select type, name, tbl_name, sql from sqlite_master order by name`);

describe('sync import into empty tables', () => {
  test('a first import leaves every index in place, and they answer', async () => {
    const dir = tempDir();
    const db = join(dir, 'shopflow.db');
    await runCli(['init', '.'], { cwd: dir });
    openDb(db).close(); // a blank, migrated database (looking, e.g. sync history, no longer makes one)
    const blank = schema(db);
    expect(blank.map((s) => (s as { name: string }).name)).toEqual(expect.arrayContaining(['orders_email', 'orders_report', 'customers_email']));
    const r = await runCli(['sync', 'import', WEEK1, WEEK2], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(schema(db)).toEqual(blank);
    // A first import hashes its file on another thread: the hash it keeps is the file's SHA-256,
    // which lets the same file, imported again, be known without reading its rows.
    const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
    expect(query(db, `select file_hash from imports order by id`)).toEqual([{ file_hash: sha256(WEEK1) }, { file_hash: sha256(WEEK2) }]);
    const again = await runCli(['sync', 'import', WEEK2, '--json'], { cwd: dir });
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)[0].warnings).toEqual([]);
    expect(query(db, `select file_hash, new, changed from imports order by id desc limit 1`)).toEqual([{ file_hash: sha256(WEEK2), new: 0, changed: 0 }]);
    const plan = query<{ detail: string }>(db, `explain query plan select name from orders where email = 'customer43789@example.com'`);
    expect(plan.map((p) => p.detail).join(' ')).toContain('orders_email');
    expect(query(db, `select name from orders where email = 'customer43789@example.com'`)).toEqual([{ name: '#1001' }]);
  });

  test('a first import that fails leaves the database byte for byte, indexes included', async () => {
    const dir = tempDir();
    const db = join(dir, 'shopflow.db');
    await runCli(['sync', 'import', fixture('import', 'shopify-customers-2024.csv')], { cwd: dir });
    const before = readFileSync(db);
    const text = readFileSync(WEEK1, 'utf8');
    writeFileSync(join(dir, 'cut.csv'), text.slice(0, text.lastIndexOf('\n', text.length - 2) + 40));
    const r = await runCli(['sync', 'import', 'cut.csv'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(readFileSync(db).equals(before)).toBe(true);
    expect(count(db, 'orders')).toBe(0);
    const dry = await runCli(['sync', 'import', WEEK1, '--dry-run'], { cwd: dir });
    expect(dry.code, dry.stderr).toBe(0);
    expect(readFileSync(db).equals(before)).toBe(true);
  });
});
