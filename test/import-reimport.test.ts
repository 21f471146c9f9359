// Re-imports read row by row. The cheap change check: an order whose cells (and the store settings)
// are those it was last stored from is counted unchanged without reading its values; these tests
// reach into record_hashes to tell that path from the full read, which counts the same. And an
// order whose rows are apart in the file counts as what it is in the end, not as its first part.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, test } from 'vitest';
import { count, fixture, query, runCli, tempDir } from './helpers.js';

const WEEK1 = fixture('import', 'cli-orders-week1.csv');

async function importJson(dir: string, ...args: string[]) {
  const r = await runCli(['sync', 'import', ...args, '--json'], { cwd: dir });
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout)[0] as { new: number; changed: number; unchanged: number; errors: string[] };
}

function exec(path: string, sql: string): void {
  const db = new Database(path, { fileMustExist: true });
  db.exec(sql);
  db.close();
}

/** Forgets the stored fingerprints of the records' values: only the cells can still say "unchanged". */
const forgetValueHashes = (db: string) => exec(db, `update record_hashes set hash = 'forgotten'`);

describe('sync import: re-imports read row by row', () => {
  test('a row-by-row re-import skips orders by their cells; a changed cell is still a change', async () => {
    const dir = tempDir();
    const db = join(dir, 'shopflow.db');
    writeFileSync(join(dir, 'orders.csv'), readFileSync(WEEK1));
    expect(await importJson(dir, 'orders.csv')).toMatchObject({ new: 6, changed: 0, unchanged: 0 });
    forgetValueHashes(db);
    // --report reads the file row by row even though it is the identical file.
    expect(await importJson(dir, 'orders.csv', '--report', 'r.csv')).toMatchObject({ new: 0, changed: 0, unchanged: 6 });

    // One cell of #1002 changes (its Total): that order is read, and only it.
    writeFileSync(join(dir, 'orders.csv'), readFileSync(WEEK1, 'utf8').replace(',54.99,,0.00,Standard,', ',59.99,,0.00,Standard,'));
    expect(await importJson(dir, 'orders.csv')).toMatchObject({ new: 0, changed: 1, unchanged: 5 });
    expect(query(db, `select total from orders where name = '#1002'`)).toEqual([{ total: 59.99 }]);
  });

  test('another number format in shopflow.yaml reads every order again', async () => {
    const dir = tempDir();
    const db = join(dir, 'shopflow.db');
    await importJson(dir, WEEK1);
    forgetValueHashes(db);
    writeFileSync(join(dir, 'shopflow.yaml'), 'store:\n  decimal_comma: true\n');
    // The amounts read the same either way, but the cells were stored under the other setting:
    // the values are read, and their hash (forgotten above) no longer matches.
    expect(await importJson(dir, WEEK1)).toMatchObject({ new: 0, changed: 6, unchanged: 0 });
  });

  test('an order read with a problem is read again next time, so the problem is listed again', async () => {
    const dir = tempDir();
    const db = join(dir, 'shopflow.db');
    // #1001's line price is unreadable: the order is kept, the price left empty, the row listed.
    writeFileSync(join(dir, 'orders.csv'), readFileSync(WEEK1, 'utf8').replace('Woven Planter 280,11.99,', 'Woven Planter 280,eleven,'));
    const first = await importJson(dir, 'orders.csv');
    expect(first).toMatchObject({ new: 6, changed: 0, unchanged: 0 });
    expect(first.errors).toEqual([expect.stringMatching(/^orders\.csv line 2, column "Lineitem price": "eleven" is not an amount/)]);
    expect(count(db, 'record_hashes', 'cells is null')).toBe(1);
    const again = await importJson(dir, 'orders.csv', '--report', 'r.csv');
    expect(again).toMatchObject({ new: 0, changed: 0, unchanged: 6 });
    expect(again.errors).toEqual(first.errors);
  });

  test('hashes stored before the cells were kept (no cells yet) gain them on the next import', async () => {
    const dir = tempDir();
    const db = join(dir, 'shopflow.db');
    await importJson(dir, WEEK1);
    exec(db, 'update record_hashes set cells = null');
    expect(await importJson(dir, WEEK1, '--report', 'r.csv')).toMatchObject({ new: 0, changed: 0, unchanged: 6 });
    expect(count(db, 'record_hashes', 'cells is not null')).toBe(6);
    forgetValueHashes(db);
    expect(await importJson(dir, WEEK1, '--report', 'r.csv')).toMatchObject({ new: 0, changed: 0, unchanged: 6 });
  });

  test('an order whose rows are apart is unchanged when imported again, from that file or a sorted one', async () => {
    const dir = tempDir();
    const db = join(dir, 'shopflow.db');
    // #1003's second row moved to the end of the file.
    const [header, ...rows] = readFileSync(WEEK1, 'utf8').trimEnd().split('\n');
    const second = rows.findIndex((r, i) => i > 0 && r.startsWith('#1003,') && rows[i - 1]!.startsWith('#1003,'));
    const apart = [header, ...rows.filter((_, i) => i !== second), rows[second]].join('\n') + '\n';
    writeFileSync(join(dir, 'apart.csv'), apart);
    const first = await importJson(dir, 'apart.csv');
    expect(first).toMatchObject({ new: 6, changed: 0, unchanged: 0 });
    const lines = () => query<{ name: string }>(db, `select l.name from order_lines l join orders o on o.id = l.order_id where o.name = '#1003' order by position`);
    expect(lines()).toEqual([{ name: 'Matte Tea Towel 387' }, { name: 'Beeswax Bowl 250' }]);

    expect(await importJson(dir, 'apart.csv', '--report', 'r.csv')).toMatchObject({ new: 0, changed: 0, unchanged: 6 });
    expect(await importJson(dir, WEEK1)).toMatchObject({ new: 0, changed: 0, unchanged: 6 });
    expect(await importJson(dir, 'apart.csv')).toMatchObject({ new: 0, changed: 0, unchanged: 6 });
    expect(lines()).toEqual([{ name: 'Matte Tea Towel 387' }, { name: 'Beeswax Bowl 250' }]);

    // The row that is apart changes: that order is changed, and its lines are the new ones.
    writeFileSync(join(dir, 'apart.csv'), apart.replace(',1,Beeswax Bowl 250,', ',2,Beeswax Bowl 250,'));
    expect(await importJson(dir, 'apart.csv')).toMatchObject({ new: 0, changed: 1, unchanged: 5 });
    expect(query(db, `select quantity from order_lines l join orders o on o.id = l.order_id where o.name = '#1003' order by position`)).toEqual([
      { quantity: 3 },
      { quantity: 2 },
    ]);
  });
});
