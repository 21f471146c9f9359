import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'csv-parse/sync';
import { count, example, fixture, query, runCli, tempDir } from './helpers.js';

const WEEK1 = fixture('import', 'cli-orders-week1.csv');
const WEEK2 = fixture('import', 'cli-orders-week2.csv');

/** Orders and their totals straight from the file, by the export's own rule: fields on an order's first row. */
function ordersInFile(path: string): Map<string, number> {
  const [header, ...rows] = parse(readFileSync(path)) as string[][];
  const name = header!.indexOf('Name');
  const total = header!.indexOf('Total');
  const out = new Map<string, number>();
  for (const r of rows) if (!out.has(r[name]!)) out.set(r[name]!, Number(r[total]));
  return out;
}

describe('shopflow sync import', () => {
  test('imports an orders export once; the same file again changes nothing and says so', async () => {
    const dir = tempDir();
    const r = await runCli(['sync', 'import', WEEK1, '--json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const [f] = JSON.parse(r.stdout);
    expect(Object.keys(f).sort()).toEqual(['changed', 'errors', 'file', 'kind', 'layout', 'new', 'platform', 'unchanged', 'warnings']);
    expect(f).toMatchObject({ kind: 'orders', platform: 'shopify', new: 6, changed: 0, unchanged: 0, errors: [] });

    const db = join(dir, 'shopflow.db');
    const expected = ordersInFile(WEEK1);
    const stored = query<{ name: string; total: number }>(db, 'select name, total from orders order by name');
    expect(stored.map((o) => [o.name, o.total])).toEqual([...expected].sort());
    const lines = parse(readFileSync(WEEK1)).length - 1;
    expect(count(db, 'order_lines')).toBe(lines);

    const again = await runCli(['sync', 'import', WEEK1], { cwd: dir });
    expect(again.stdout).toBe(`${WEEK1}: Shopify orders export — 0 new, 0 changed, 6 unchanged\n`);
  });

  test('overlapping weekly exports merge by order number: new ones added, changed ones updated', async () => {
    const dir = tempDir();
    await runCli(['sync', 'import', WEEK1], { cwd: dir });
    const r = JSON.parse((await runCli(['sync', 'import', WEEK2, '--json'], { cwd: dir })).stdout);
    expect(r[0]).toMatchObject({ new: 1, changed: 1, unchanged: 2 });
    const db = join(dir, 'shopflow.db');
    expect(count(db, 'orders')).toBe(7);
    expect(query(db, `select financial_status from orders where name = '#1005'`)).toEqual([{ financial_status: 'refunded' }]);
    const history = JSON.parse((await runCli(['sync', 'history', '--json'], { cwd: dir })).stdout);
    expect(history.map((h: { new: number; changed: number }) => [h.new, h.changed])).toEqual([[1, 1], [6, 0]]);
    expect(history[0].fileHash).toMatch(/^[0-9a-f]{64}$/);
  });

  test('the same orders in another file, in another order, are unchanged row by row', async () => {
    const dir = tempDir();
    await runCli(['sync', 'import', WEEK1], { cwd: dir });
    // Next week's export lists the same orders newest first: other lines, other file hash.
    const [header, ...rows] = readFileSync(WEEK1, 'utf8').trimEnd().split('\n');
    const byOrder = new Map<string, string[]>();
    for (const r of rows) byOrder.set(r.split(',')[0]!, [...(byOrder.get(r.split(',')[0]!) ?? []), r]);
    writeFileSync(join(dir, 'reordered.csv'), `${[header, ...[...byOrder.values()].reverse().flat()].join('\n')}\n`);
    const r = JSON.parse((await runCli(['sync', 'import', 'reordered.csv', '--json'], { cwd: dir })).stdout);
    expect(r[0]).toMatchObject({ new: 0, changed: 0, unchanged: 6 });
    // Importing week 1 after week 2 is read row by row too (week 2 came since): #1005 goes back to paid.
    await runCli(['sync', 'import', WEEK2], { cwd: dir });
    const back = JSON.parse((await runCli(['sync', 'import', WEEK1, '--json'], { cwd: dir })).stdout);
    expect(back[0]).toMatchObject({ new: 0, changed: 1, unchanged: 5 });
  });

  test('times keep their UTC offset; the local day is the one the export printed', async () => {
    const dir = tempDir();
    await runCli(['sync', 'import', WEEK1], { cwd: dir });
    const [o] = query<{ created_at: string; created_offset: string }>(join(dir, 'shopflow.db'),
      `select created_at, created_offset from orders where name = '#1001'`);
    expect(o).toEqual({ created_at: '2025-01-01T07:19:32', created_offset: '-05:00' });
  });

  test('--dry-run shows the counts and writes nothing (not even a database)', async () => {
    const dir = tempDir();
    const r = await runCli(['sync', 'import', WEEK1, '--dry-run'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('6 new, 0 changed, 0 unchanged');
    expect(r.stdout).toContain('Dry run: nothing was written.');
    expect(existsSync(join(dir, 'shopflow.db'))).toBe(false);
    await runCli(['sync', 'import', WEEK1], { cwd: dir });
    const dry = await runCli(['sync', 'import', WEEK2, '--dry-run', '--json'], { cwd: dir });
    expect(JSON.parse(dry.stdout)[0]).toMatchObject({ new: 1, changed: 1 });
    expect(count(join(dir, 'shopflow.db'), 'orders')).toBe(6);
    expect(count(join(dir, 'shopflow.db'), 'imports')).toBe(1);
  });

  test('a broken file among good ones imports nothing and leaves the database byte for byte', async () => {
    const dir = tempDir();
    await runCli(['sync', 'import', WEEK1], { cwd: dir });
    const db = join(dir, 'shopflow.db');
    const before = readFileSync(db);
    writeFileSync(join(dir, 'broken.csv'), `${readFileSync(WEEK2, 'utf8').split('\n').slice(0, 3).join('\n')}\n#1099,"never closed\n`);
    const r = await runCli(['sync', 'import', WEEK2, 'broken.csv'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: broken\.csv line 4, column "Email": /);
    expect(r.stderr).toContain('Nothing was imported: fix this file, then import them all again.');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(db).equals(before)).toBe(true);
    expect(count(db, 'orders')).toBe(6);
  });

  test('a binary file or a missing key column: exit 1 naming file, line and column; database untouched', async () => {
    const dir = tempDir();
    await runCli(['sync', 'import', WEEK1], { cwd: dir });
    const db = join(dir, 'shopflow.db');
    const before = readFileSync(db);
    writeFileSync(join(dir, 'photo.csv'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]));
    const bin = await runCli(['sync', 'import', 'photo.csv'], { cwd: dir });
    expect(bin.code).toBe(1);
    expect(bin.stderr).toMatch(/photo\.csv: .*binary/);
    // The orders export with its Name column deleted (as a spreadsheet edit might).
    const rows = parse(readFileSync(WEEK2)) as string[][];
    writeFileSync(join(dir, 'no-name.csv'), rows.map((r) => r.slice(1).map((c) => JSON.stringify(c)).join(',')).join('\n'));
    const noName = await runCli(['sync', 'import', 'no-name.csv', '--kind', 'orders'], { cwd: dir });
    expect(noName.code).toBe(1);
    expect(noName.stderr).toMatch(/^error: no-name\.csv line 1, column "Name": /);
    expect(readFileSync(db).equals(before)).toBe(true);
  });

  test('a file cut off mid-row, or with another export pasted under it, imports nothing', async () => {
    const dir = tempDir();
    const text = readFileSync(WEEK1, 'utf8');
    writeFileSync(join(dir, 'cut.csv'), text.slice(0, text.lastIndexOf('\n', text.length - 2) + 40));
    const cut = await runCli(['sync', 'import', 'cut.csv'], { cwd: dir });
    expect(cut.code).toBe(1);
    expect(cut.stderr).toMatch(/^error: cut\.csv line 14: expected 79 cells as in the header, found \d+; the file may be cut off/);
    writeFileSync(join(dir, 'mixed.csv'), `${text}Customer ID,First Name,Last Name,Email\n'7985351721238,Ada,Lovelace,ada@example.com\n`);
    const mixed = await runCli(['sync', 'import', 'mixed.csv'], { cwd: dir });
    expect(mixed.code).toBe(1);
    expect(mixed.stderr).toContain('mixed.csv line 15: expected 79 cells as in the header, found 4');
    expect(existsSync(join(dir, 'shopflow.db')) ? count(join(dir, 'shopflow.db'), 'orders') : 0).toBe(0);
  });

  test('--report writes every skipped row with its line and reason; the good rows import', async () => {
    const dir = tempDir();
    const text = readFileSync(WEEK1, 'utf8').replace('2025-01-01 07:19:32 -0500,1,', 'yesterday,1,');
    writeFileSync(join(dir, 'orders.csv'), text);
    const r = await runCli(['sync', 'import', 'orders.csv', '--report', 'problems.csv', '--json'], { cwd: dir });
    expect(r.code).toBe(0);
    const [f] = JSON.parse(r.stdout);
    expect(f.new).toBe(5);
    expect(f.errors).toEqual([expect.stringMatching(/^orders\.csv line 2, column "Created at": "yesterday" is not a date/)]);
    const report = parse(readFileSync(join(dir, 'problems.csv'))) as string[][];
    expect(report[0]).toEqual(['file', 'line', 'column', 'value', 'reason']);
    expect(report.slice(1).map((x) => x.slice(0, 4))).toEqual([['orders.csv', '2', 'Created at', 'yesterday']]);
    expect(r.stderr).toContain('problems.csv: 1 row problem');
    // The identical file again, with --report: read again, so the report lists the row again.
    const again = await runCli(['sync', 'import', 'orders.csv', '--report', 'again.csv', '--json'], { cwd: dir });
    expect(JSON.parse(again.stdout)[0]).toMatchObject({ new: 0, changed: 0, unchanged: 5 });
    expect((parse(readFileSync(join(dir, 'again.csv'))) as string[][]).length).toBe(2);
    const badPath = await runCli(['sync', 'import', 'orders.csv', '--report', 'no/such/folder/r.csv'], { cwd: dir });
    expect(badPath.code).toBe(2);
    expect(badPath.stderr).toContain('nothing was imported');
  });

  test('a file of no known kind names its columns; --kind narrows detection', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'mystery.csv'), 'Foo,Bar,Baz\n1,2,3\n');
    const r = await runCli(['sync', 'import', 'mystery.csv'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('mystery.csv line 1: shopflow does not recognise this export (found columns: Foo, Bar, Baz)');
    const k = await runCli(['sync', 'import', WEEK1, '--kind', 'customers'], { cwd: dir });
    expect(k.code).toBe(1);
    expect(k.stderr).toContain('this is not a customers export shopflow knows');
    const bad = await runCli(['sync', 'import', WEEK1, '--kind', 'sales'], { cwd: dir });
    expect(bad.code).toBe(2);
  });

  test("amounts follow the store's number format: decimal_comma in shopflow.yaml", async () => {
    const csv = 'order_id,created_at,email,total,currency\n5001,2025-06-01 10:00,a@example.com,"1,751",EUR\n5002,2025-06-01 11:00,b@example.com,"1.234,50",EUR\n';
    const plain = tempDir();
    writeFileSync(join(plain, 'orders.csv'), csv);
    await runCli(['sync', 'import', 'orders.csv', '--kind', 'orders'], { cwd: plain });
    expect(query(join(plain, 'shopflow.db'), 'select total from orders order by key')).toEqual([{ total: 1751 }, { total: 1234.5 }]);
    const euro = tempDir();
    await runCli(['init', '.'], { cwd: euro });
    writeFileSync(join(euro, 'shopflow.yaml'), readFileSync(join(euro, 'shopflow.yaml'), 'utf8').replace('decimal_comma: false', 'decimal_comma: true'));
    writeFileSync(join(euro, 'orders.csv'), csv);
    const r = await runCli(['sync', 'import', 'orders.csv', '--kind', 'orders'], { cwd: euro });
    expect(r.code, r.stderr).toBe(0);
    expect(query(join(euro, 'shopflow.db'), 'select total from orders order by key')).toEqual([{ total: 1.751 }, { total: 1234.5 }]);
    // The owner fixes the setting: the same file is read again with it, not skipped as unchanged.
    writeFileSync(join(plain, 'shopflow.yaml'), 'store:\n  decimal_comma: true\n');
    const again = JSON.parse((await runCli(['sync', 'import', 'orders.csv', '--kind', 'orders', '--json'], { cwd: plain })).stdout);
    expect(again[0]).toMatchObject({ changed: 1, unchanged: 1 });
    expect(query(join(plain, 'shopflow.db'), 'select total from orders order by key')).toEqual([{ total: 1.751 }, { total: 1234.5 }]);
  });

  test("a customer is one customer in every export generation, even after Excel destroyed the id", async () => {
    const dir = tempDir();
    const clean = fixture('import', 'shopify-customers-2024.csv');
    const first = JSON.parse((await runCli(['sync', 'import', clean, '--json'], { cwd: dir })).stdout)[0];
    writeFileSync(join(dir, 'excel-copy.csv'), readFileSync(clean, 'utf8').replace(/'7985000000001/g, '7.985E+12'));
    const copy = JSON.parse((await runCli(['sync', 'import', 'excel-copy.csv', '--json'], { cwd: dir })).stdout)[0];
    expect(copy).toMatchObject({ new: 0 });
    expect(count(join(dir, 'shopflow.db'), 'customers')).toBe(first.new);
  });

  test('product exports import one product per handle, with variants', async () => {
    const dir = tempDir();
    const r = JSON.parse((await runCli(['sync', 'import', example('products.csv'), '--json'], { cwd: dir })).stdout);
    expect(r[0]).toMatchObject({ kind: 'products', platform: 'shopify', new: 8 });
    const db = join(dir, 'shopflow.db');
    expect(count(db, 'variants')).toBe(17);
    const again = JSON.parse((await runCli(['sync', 'import', example('products.csv'), '--json'], { cwd: dir })).stdout);
    expect(again[0]).toMatchObject({ new: 0, changed: 0, unchanged: 8 });
  });
});
