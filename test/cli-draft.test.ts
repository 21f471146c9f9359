import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { count, example, query, runCli, tempDir } from './helpers.js';

const PRODUCTS = example('products.csv');
const HANDLES = [
  'speckled-stoneware-mug',
  'linen-tea-towel',
  'bud-vase-set',
  'walnut-serving-board',
  'beeswax-candle-pair',
  'ceramic-planter-small',
  'gift-card',
  'hand-thrown-bowl',
];

describe('shopflow draft', () => {
  test('drafts one item per product (not per row), then nothing on a second run', async () => {
    const dir = tempDir();
    const r = await runCli(['draft', PRODUCTS, '--json'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ products: 8, drafted: 8, unchanged: 0, failed: 0, platform: 'shopify' });
    expect(out.items.map((i: { handle: string }) => i.handle)).toEqual(HANDLES);
    expect(out.items.every((i: { id: number }) => Number.isInteger(i.id))).toBe(true);
    const db = join(dir, 'shopflow.db');
    expect(count(db, 'items', `status = 'pending'`)).toBe(8);
    expect(count(db, 'llm_calls', `status = 'ok' and provider = 'offline'`)).toBe(8);

    const again = await runCli(['draft', PRODUCTS, '--json'], { cwd: dir });
    expect(JSON.parse(again.stdout)).toMatchObject({ products: 8, drafted: 0, unchanged: 8 });
    expect(count(db, 'items')).toBe(8);
  });

  test('prints a summary for people, with the next step', async () => {
    const dir = tempDir();
    const r = await runCli(['draft', PRODUCTS], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('8 drafted, 0 unchanged · template product-description · provider offline');
    expect(r.stdout).toContain('Next: shopflow review');
  });

  test('a changed product is drafted again and its older pending draft is superseded', async () => {
    const dir = tempDir();
    const file = join(dir, 'products.csv');
    copyFileSync(PRODUCTS, file);
    await runCli(['draft', file], { cwd: dir });
    writeFileSync(file, readFileSync(file, 'utf8').replace('Bud Vase Set of 3', 'Bud Vase Trio'));
    const r = await runCli(['draft', file, '--json'], { cwd: dir });
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ drafted: 1, unchanged: 7, superseded: 1 });
    expect(out.items.find((i: { outcome: string }) => i.outcome === 'drafted').handle).toBe('bud-vase-set');
    const rows = query<{ status: string; title: string }>(join(dir, 'shopflow.db'),
      `select status, title from items where product_handle = 'bud-vase-set' order by id`);
    expect(rows).toEqual([{ status: 'superseded', title: 'Bud Vase Set of 3' }, { status: 'pending', title: 'Bud Vase Trio' }]);
  });

  test("next week's export, with new stock counts and a new product on top, drafts only the new product", async () => {
    const dir = tempDir();
    const file = join(dir, 'products.csv');
    copyFileSync(PRODUCTS, file);
    await runCli(['draft', file], { cwd: dir });
    const [header, ...rest] = readFileSync(file, 'utf8').split('\n');
    const cols = header!.split(',');
    const row = cols.map((c) => ({ Handle: 'new-jug', Title: 'Stoneware Jug', 'Variant Price': '36.00', 'Option1 Name': 'Title', 'Option1 Value': 'Default Title' })[c] ?? '');
    // Stock moves every week: 12 → 7 on every variant that had 12.
    writeFileSync(file, [header, row.join(','), ...rest].join('\n').replace(/,shopify,12,deny,/g, ',shopify,7,deny,'));
    const r = JSON.parse((await runCli(['draft', file, '--json'], { cwd: dir })).stdout);
    expect(r).toMatchObject({ products: 9, drafted: 1, unchanged: 8 });
    expect(r.items.filter((i: { outcome: string }) => i.outcome === 'drafted').map((i: { handle: string }) => i.handle)).toEqual(['new-jug']);
  });

  test('--only, --only-missing and --limit select products', async () => {
    const dir = tempDir();
    const only = JSON.parse((await runCli(['draft', PRODUCTS, '--only', 'gift-card', 'bud-vase-set', '--json'], { cwd: dir })).stdout);
    expect(only.items.map((i: { handle: string }) => i.handle)).toEqual(['bud-vase-set', 'gift-card']);
    const dir2 = tempDir();
    const missing = JSON.parse((await runCli(['draft', PRODUCTS, '--only-missing', '--json'], { cwd: dir2 })).stdout);
    // Empty, or under 80 characters of text once the HTML is stripped (the mug has 87, the board more).
    expect(missing.items.map((i: { handle: string }) => i.handle)).toEqual([
      'linen-tea-towel', 'bud-vase-set', 'beeswax-candle-pair', 'ceramic-planter-small', 'gift-card', 'hand-thrown-bowl',
    ]);
    const limited = JSON.parse((await runCli(['draft', PRODUCTS, '--limit', '2', '--dry-run', '--json'], { cwd: tempDir() })).stdout);
    expect(limited).toMatchObject({ products: 8, selected: 2, drafted: 2, dryRun: true });
  });

  test('--only with an unknown handle names it and drafts nothing', async () => {
    const dir = tempDir();
    const r = await runCli(['draft', PRODUCTS, '--only', 'mug'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no product with handle "mug"');
    expect(existsSync(join(dir, 'shopflow.db'))).toBe(false);
  });

  test('--dry-run writes nothing and calls nothing', async () => {
    const dir = tempDir();
    const r = await runCli(['draft', PRODUCTS, '--dry-run'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('8 would draft');
    expect(r.stdout).toContain('Dry run: nothing was called or written.');
    expect(existsSync(join(dir, 'shopflow.db'))).toBe(false); // not even an empty database
  });

  test('--dry-run on an existing store counts only what changed, and writes nothing', async () => {
    const dir = tempDir();
    await runCli(['draft', PRODUCTS, '--limit', '3'], { cwd: dir });
    const r = JSON.parse((await runCli(['draft', PRODUCTS, '--dry-run', '--json'], { cwd: dir })).stdout);
    expect(r).toMatchObject({ drafted: 5, unchanged: 3, dryRun: true });
    expect(count(join(dir, 'shopflow.db'), 'items')).toBe(3);
  });

  test('--force drafts unchanged products again', async () => {
    const dir = tempDir();
    await runCli(['draft', PRODUCTS], { cwd: dir });
    const r = JSON.parse((await runCli(['draft', PRODUCTS, '--force', '--json'], { cwd: dir })).stdout);
    expect(r.drafted).toBe(8);
    expect(count(join(dir, 'shopflow.db'), 'items', `status = 'pending'`)).toBe(8);
    expect(count(join(dir, 'shopflow.db'), 'items', `status = 'superseded'`)).toBe(8);
  });

  test('the SEO template drafts titles within 70 and descriptions within 160 characters', async () => {
    const dir = tempDir();
    const r = await runCli(['draft', PRODUCTS, '--template', 'seo', '--json'], { cwd: dir });
    expect(r.code).toBe(0);
    const rows = query<{ fields: string }>(join(dir, 'shopflow.db'), `select fields from items`);
    expect(rows).toHaveLength(8);
    for (const row of rows) {
      const f = JSON.parse(row.fields) as Record<string, string>;
      expect(f.seo_title!.length).toBeGreaterThan(10);
      expect(f.seo_title!.length).toBeLessThanOrEqual(70);
      expect(f.seo_description!.length).toBeLessThanOrEqual(160);
      expect(f.seo_title).not.toMatch(/[|,:]\s*$/); // no store name set: no dangling separator
    }
    const named = tempDir();
    await runCli(['init', '.', '--name', 'Fern & Clay Studio'], { cwd: named });
    await runCli(['draft', PRODUCTS, '--template', 'seo', '--only', 'linen-tea-towel'], { cwd: named });
    const [one] = query<{ fields: string }>(join(named, 'shopflow.db'), `select fields from items`);
    expect(JSON.parse(one!.fields).seo_title).toBe('Linen Tea Towel by Fern & Clay | Fern & Clay Studio');
  });

  test('the openai provider without OPENAI_API_KEY: a clear message, nothing created', async () => {
    const dir = tempDir();
    const r = await runCli(['draft', PRODUCTS, '--provider', 'openai'], { cwd: dir, env: { OPENAI_API_KEY: '' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('error: OPENAI_API_KEY is not set: export it in your shell (it is never stored), or use --provider offline\n');
    expect(existsSync(join(dir, 'shopflow.db'))).toBe(false);
  });

  test('a bad invocation exits 2', async () => {
    const r = await runCli(['draft', PRODUCTS, '--limit', 'ten'], { cwd: tempDir() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--limit: "ten" is not a whole number above 0');
    const none = await runCli(['draft'], { cwd: tempDir() });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("missing required argument 'products.csv'");
  });
});

describe('bad input changes nothing', () => {
  const cases: [string, string | Buffer, RegExp][] = [
    ['empty.csv', '', /empty\.csv.*empty/],
    ['truncated.csv', 'Handle,Title,Body (HTML)\nmug,Mug,"<p>Never closed\n', /truncated\.csv line 2, column "Body \(HTML\)"/],
    ['binary.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]), /binary\.csv.*binary/],
    ['orders.csv', 'Name,Email,Financial Status,Paid at\n#1001,a@example.com,paid,2025-05-11\n', /orders\.csv line 1: .*orders export/],
    ['no-handle.csv', 'Title,Body (HTML),Vendor,Variant Price,Option1 Name\nMug,<p>x</p>,V,12,Title\n', /no-handle\.csv line 1: column "Handle" is missing/],
    ['bad-rows.csv', 'Handle,Title,Variant Price\nmug,Mug,28.00\nbowl,Bowl\ncup,Cup,12\nplate\n', /bad-rows\.csv line 3: expected 3 cells, found 2\n.*bad-rows\.csv line 5: expected 3 cells, found 1/s],
    ['bad-price.csv', 'Handle,Title,Variant Price\nmug,Mug,28.00\nbowl,Bowl,"12,5O"\n', /bad-price\.csv line 3, column "Variant Price": "12,5O" is not a price/],
  ];
  for (const [name, content, message] of cases) {
    test(name, async () => {
      const dir = tempDir();
      writeFileSync(join(dir, name), content);
      const r = await runCli(['draft', name], { cwd: dir });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(join(dir, 'shopflow.db'))).toBe(false);
    });
  }
});

test('a broken template in the store folder names its file and line; nothing is drafted', async () => {
  const dir = tempDir();
  expect((await runCli(['init', '.'], { cwd: dir })).code).toBe(0);
  writeFileSync(join(dir, 'templates', 'product-description.yaml'),
    'name: product-description\ndescription: mine\nversion: 1\nkind: product_copy\nfields:\n  - name: body_html\n' +
      '    label: Description\n    max_lenght: 100\ninstructions: x\noffline:\n  body_html: "{{title}}"\n');
  const r = await runCli(['draft', PRODUCTS], { cwd: dir });
  expect(r.code).toBe(1);
  expect(r.stderr).toBe('error: templates/product-description.yaml line 8, column 5: unknown key "max_lenght" in fields.0\n');
  expect(existsSync(join(dir, 'shopflow.db'))).toBe(false);
});

describe('Excel damage', () => {
  test('barcodes turned into 3.65275E+11 are a warning naming the lines; the drafts still happen', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'excel.csv'), 'Handle,Title,Variant Barcode,Variant Price\r\nmug,Mug,3.65275E+11,28\r\nbowl,Bowl,3.65275E+11,22\r\ncup,Cup,\'0850064060010,12');
    const r = await runCli(['draft', 'excel.csv', '--json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      'warning: excel.csv, column "Variant Barcode": lines 2, 3: "3.65275E+11" looks like a number Excel turned into ' +
        'scientific notation; its digits are lost — export the file again from the platform\n',
    );
    expect(JSON.parse(r.stdout)).toMatchObject({ drafted: 3, warnings: [expect.stringContaining('lines 2, 3')] });
  });
});

describe('generic CSV', () => {
  test('--columns maps the file; private columns (cost, supplier) never reach the copy', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'cat.csv'), 'Product Name,Long Text,Maker,Cost,Supplier notes,Care\nOak Spoon,Carved from one piece of oak.,Oak & Ember,9.50,ask Tom for 20% off,Hand wash\n');
    const r = await runCli(['draft', 'cat.csv', '--columns', 'title=Product Name,description=Long Text,vendor=Maker', '--json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ platform: 'generic', drafted: 1, items: [{ handle: 'oak-spoon' }] });
    const [row] = query<{ fields: string }>(join(dir, 'shopflow.db'), 'select fields from items');
    const body = JSON.parse(row!.fields).body_html as string;
    expect(body).toContain('Oak &amp; Ember');
    expect(body).toContain('Hand wash');
    expect(body).not.toMatch(/9\.50|Tom|20%/);
  });

  test('a mapped column that is not in the file is named', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'cat.csv'), 'Product Name,Long Text\nOak Spoon,Carved.\n');
    const r = await runCli(['draft', 'cat.csv', '--columns', 'title=Name Of Product'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('cat.csv line 1: column "Name Of Product" (mapped to title) is not in the header');
  });
});
