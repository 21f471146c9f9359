import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'csv-parse/sync';
import Database from 'better-sqlite3';
import { count, example, fixture, query, runCli, tempDir } from './helpers.js';

const PRODUCTS = example('products.csv');
const rowsOf = (path: string): string[][] => parse(readFileSync(path), { bom: true, relax_column_count: false });

describe('shopflow sync export products', () => {
  test('approve → export --source: same header and rows; only the approved cells of approved products differ', async () => {
    const dir = tempDir();
    await runCli(['draft', PRODUCTS], { cwd: dir });
    await runCli(['draft', PRODUCTS, '--template', 'seo'], { cwd: dir });
    // 1 = mug description, 4 = walnut board description, 9 = mug SEO; the rest stay pending.
    expect((await runCli(['review', 'approve', '1', '4', '9'], { cwd: dir })).code).toBe(0);
    const out = join(dir, 'import.csv');
    const r = await runCli(['sync', 'export', 'products', '--format', 'shopify', '--source', PRODUCTS, '--out', out, '--json'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary).toMatchObject({ format: 'shopify', products: 2, items: 3, notFound: [] });

    const before = rowsOf(PRODUCTS);
    const after = rowsOf(out);
    expect(after[0]).toEqual(before[0]);
    expect(after).toHaveLength(before.length);
    const col = (name: string) => before[0]!.indexOf(name);
    const items = query<{ id: number; fields: string }>(join(dir, 'shopflow.db'), `select id, fields from items where id in (1, 4, 9)`);
    const fields = Object.fromEntries(items.map((i) => [i.id, JSON.parse(i.fields) as Record<string, string>]));
    const expected = before.map((row) => [...row]);
    const firstRow = (h: string) => before.findIndex((row) => row[0] === h);
    expected[firstRow('speckled-stoneware-mug')]![col('Body (HTML)')] = fields[1]!.body_html!;
    expected[firstRow('speckled-stoneware-mug')]![col('SEO Title')] = fields[9]!.seo_title!;
    expected[firstRow('speckled-stoneware-mug')]![col('SEO Description')] = fields[9]!.seo_description!;
    expected[firstRow('walnut-serving-board')]![col('Body (HTML)')] = fields[4]!.body_html!;
    expect(after).toEqual(expected);

    // Recorded: which items went where.
    const db = join(dir, 'shopflow.db');
    expect(query(db, `select item_id from export_items order by item_id`)).toEqual([{ item_id: 1 }, { item_id: 4 }, { item_id: 9 }]);
    expect(count(db, 'item_events', `action = 'exported'`)).toBe(3);
  });

  test('unapproved items are never exported, even by a direct write to the database', async () => {
    const dir = tempDir();
    await runCli(['draft', PRODUCTS], { cwd: dir });
    const r = await runCli(['sync', 'export', 'products', '--format', 'shopify', '--out', join(dir, 'x.csv')], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('nothing to export: no approved shopify copy yet');
    expect(existsSync(join(dir, 'x.csv'))).toBe(false);

    const db = new Database(join(dir, 'shopflow.db'));
    db.prepare(`insert into exports (at, format, out_path, item_count) values ('t', 'shopify', 'x', 1)`).run();
    expect(() => db.prepare(`insert into export_items (export_id, item_id) values (1, 1)`).run()).toThrow(
      'only approved items can be exported',
    );
    db.close();
  });

  test('without --source: a minimal WooCommerce update file of approved copy', async () => {
    const dir = tempDir();
    const drafted = JSON.parse((await runCli(['draft', fixture('products', 'woocommerce-products.csv'), '--json'], { cwd: dir })).stdout);
    const fox = drafted.items.find((i: { handle: string }) => i.handle === 'fox-tee').id;
    await runCli(['review', 'approve', String(fox)], { cwd: dir });
    const out = join(dir, 'woo.csv');
    const r = await runCli(['sync', 'export', 'products', '--format', 'woocommerce', '--out', out], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Wrote ${out}: 1 product (1 approved item)`);
    const rows = rowsOf(out);
    expect(rows[0]).toEqual(['ID', 'SKU', 'Name', 'Description']);
    expect(rows[1]!.slice(0, 3)).toEqual(['', 'fox-tee', 'Fox T-Shirt']);
    expect(rows).toHaveLength(2);
  });

  test("copy drafted from one platform's export never goes into another's file", async () => {
    const dir = tempDir();
    await runCli(['draft', PRODUCTS], { cwd: dir });
    await runCli(['review', 'approve', '1'], { cwd: dir });
    const r = await runCli(['sync', 'export', 'products', '--format', 'woocommerce', '--out', join(dir, 'woo.csv')], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('nothing to export: no approved woocommerce copy that can go into this file; held back:\n' +
      '  speckled-stoneware-mug: #1 was drafted from a shopify export; it can only go into a shopify file');
    expect(existsSync(join(dir, 'woo.csv'))).toBe(false);
  });

  test('an approval older than a pending redraft, or than the product in --source, is held back with a warning', async () => {
    const dir = tempDir();
    const file = join(dir, 'products.csv');
    copyFileSync(PRODUCTS, file);
    await runCli(['draft', file], { cwd: dir });
    await runCli(['review', 'approve', '1', '2', '4'], { cwd: dir });
    // The walnut board changes in the store: its new draft (#9) waits for review.
    writeFileSync(file, readFileSync(file, 'utf8').replace('American black walnut', 'European oak'));
    expect(JSON.parse((await runCli(['draft', file, '--json'], { cwd: dir })).stdout)).toMatchObject({ drafted: 1 });
    // The tea towel changes too, after its approval, but nobody drafted it again.
    const week2 = join(dir, 'week2.csv');
    writeFileSync(week2, readFileSync(file, 'utf8').replace('Linen Tea Towel,', 'Washed Linen Tea Towel,'));
    const out = join(dir, 'import.csv');
    const r = await runCli(['sync', 'export', 'products', '--format', 'shopify', '--source', week2, '--out', out, '--json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).carried.map((c: { handle: string }) => c.handle)).toEqual(['speckled-stoneware-mug']);
    expect(r.stderr).toContain('warning: "linen-tea-towel" was not exported: the product changed in');
    expect(r.stderr).toContain('draft it again (shopflow draft');
    expect(r.stderr).toContain('warning: "walnut-serving-board" was not exported: a newer draft (#9) is waiting for review');
    expect(readFileSync(out, 'utf8')).toContain('European oak'); // the store's current text stays
  });

  test("--out is never a folder or one of shopflow's own files; a failed write records nothing", async () => {
    const dir = tempDir();
    await runCli(['draft', PRODUCTS], { cwd: dir });
    await runCli(['review', 'approve', '1'], { cwd: dir });
    for (const out of ['shopflow.db', 'shopflow.db-wal', '.']) {
      const r = await runCli(['sync', 'export', 'products', '--format', 'shopify', '--out', out], { cwd: dir });
      expect(r.code, out).toBe(2);
      expect(r.stderr).toMatch(/is one of shopflow's own files|is a folder/);
    }
    const r = await runCli(['sync', 'export', 'products', '--format', 'shopify', '--out', join(dir, 'no', 'such', 'x.csv')], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('cannot write the file (ENOENT)');
    expect(count(join(dir, 'shopflow.db'), 'exports')).toBe(0);
    expect(count(join(dir, 'shopflow.db'), 'items', `status = 'approved'`)).toBe(1);
  });

  test('--out may not be the --source file; --dry-run writes nothing', async () => {
    const dir = tempDir();
    await runCli(['draft', PRODUCTS], { cwd: dir });
    await runCli(['review', 'approve', '1'], { cwd: dir });
    const same = await runCli(['sync', 'export', 'products', '--format', 'shopify', '--source', PRODUCTS, '--out', PRODUCTS], { cwd: dir });
    expect(same.code).toBe(2);
    expect(same.stderr).toContain('is the --source file');
    const dry = await runCli(['sync', 'export', 'products', '--format', 'shopify', '--out', join(dir, 'o.csv'), '--dry-run'], { cwd: dir });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('Dry run: would write 1 product (1 approved item)');
    expect(existsSync(join(dir, 'o.csv'))).toBe(false);
    expect(count(join(dir, 'shopflow.db'), 'exports')).toBe(0);
  });
});

describe('sync export finds each product by the rules that drafted it', () => {
  test('WooCommerce: a duplicate SKU and a product without SKU land on their own rows', async () => {
    const dir = tempDir();
    const source = fixture('products', 'woocommerce-products.csv');
    const drafted = JSON.parse((await runCli(['draft', source, '--json'], { cwd: dir })).stdout);
    const idOf = (h: string) => drafted.items.find((i: { handle: string }) => i.handle === h).id as number;
    expect(drafted.items.map((i: { handle: string }) => i.handle)).toContain('id:40');
    await runCli(['review', 'approve', String(idOf('id:40')), String(idOf('id:20'))], { cwd: dir });
    const out = join(dir, 'woo-import.csv');
    const r = await runCli(['sync', 'export', 'products', '--format', 'woocommerce', '--source', source, '--out', out, '--json'], { cwd: dir });
    expect(r.code).toBe(0);
    const before = rowsOf(source);
    const after = rowsOf(out);
    const changed = after.flatMap((row, i) => (row.join('\u0000') === before[i]!.join('\u0000') ? [] : [row[0]]));
    expect(changed).toEqual(['20', '40']); // the IDs of the two approved products' rows, nothing else
    expect(readFileSync(out).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf])); // BOM kept
  });

  test('a source from another platform is refused before anything is written', async () => {
    const dir = tempDir();
    await runCli(['draft', PRODUCTS], { cwd: dir });
    await runCli(['review', 'approve', '1'], { cwd: dir });
    const r = await runCli(['sync', 'export', 'products', '--format', 'woocommerce', '--source', PRODUCTS, '--out', join(dir, 'o.csv')], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/products\.csv line 1: this is a Shopify product CSV .*, not a WooCommerce product export \(use --format shopify\)/);
    expect(existsSync(join(dir, 'o.csv'))).toBe(false);
  });
});
