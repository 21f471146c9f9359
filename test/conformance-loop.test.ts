/**
 * The whole loop on the real exports in SHOPFLOW_FORMATS_DIR, as a user runs it: draft (one item per
 * product, nothing on a second run), approve everything, export --source. Skipped when absent.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { query, runCli, tempDir } from './helpers.js';
import { readCsvFile } from '../src/core/csv/read.js';

const root = process.env.SHOPFLOW_FORMATS_DIR;
const present = Boolean(root) && existsSync(root!);
const FOLDERS = [
  { dir: 'shopify/products', platform: 'shopify' },
  { dir: 'woocommerce', platform: 'woocommerce' },
  { dir: 'etsy', platform: 'etsy' },
] as const;
const files = !present
  ? []
  : FOLDERS.flatMap(({ dir, platform }) =>
      readdirSync(join(root!, dir)).filter((f) => f.endsWith('.csv')).sort().map((file) => ({ file, path: join(root!, dir, file), platform })),
    );
const rowsOf = (path: string): string[][] => parse(readFileSync(path), { bom: true, relax_quotes: false });

/** Products in the file by the platform's own rule, counted here from the cells. */
function productCount(rows: string[][], platform: string): number {
  const h = rows[0]!.map((x) => x.trim().toLowerCase());
  const col = (...names: string[]) => names.map((n) => h.indexOf(n)).find((i) => i >= 0)!;
  const data = rows.slice(1).filter((r) => r.some((c) => c.trim() !== ''));
  if (platform === 'shopify') return new Set(data.map((r) => r[col('handle', 'url handle')]!.trim()).filter(Boolean)).size;
  if (platform === 'woocommerce') return data.filter((r) => !r[col('type')]!.includes('variation')).length;
  return data.length;
}

const APPROVED_COLUMNS = new Set(['body (html)', 'description', 'seo title', 'seo description', 'short description']);

describe.skipIf(!present)('the core loop on real platform exports', () => {
  it.each(files)('$file', async ({ path, platform }) => {
    const dir = tempDir();
    const rows = rowsOf(path);
    const first = await runCli(['draft', path, '--json'], { cwd: dir });
    expect(first.code).toBe(0);
    const r1 = JSON.parse(first.stdout);
    expect(r1.platform).toBe(platform);
    expect(r1.products).toBe(productCount(rows, platform));
    expect(r1.drafted).toBe(r1.products);
    expect(new Set(r1.items.map((i: { handle: string }) => i.handle)).size).toBe(r1.products);
    const second = JSON.parse((await runCli(['draft', path, '--json'], { cwd: dir })).stdout);
    expect(second).toMatchObject({ drafted: 0, unchanged: r1.products, failed: 0 });
    if (platform === 'etsy') return;

    const ids = r1.items.map((i: { id: number }) => String(i.id));
    const approve = await runCli(['review', 'approve', ...ids, '--override', 'conformance test'], { cwd: dir });
    expect(approve.code).toBe(0);
    const out = join(dir, 'import.csv');
    const exp = await runCli(['sync', 'export', 'products', '--format', platform, '--source', path, '--out', out, '--json'], { cwd: dir });
    expect(exp.code, exp.stderr).toBe(0);
    expect(JSON.parse(exp.stdout)).toMatchObject({ products: r1.products, notFound: [] });

    const after = rowsOf(out);
    expect(after[0]).toEqual(rows[0]);
    expect(after).toHaveLength(rows.length);
    // Each changed cell: an approved field, on the first row of the product the item was drafted
    // from (found by line), holding exactly that item's text as the platform's importer reads it.
    const header = rows[0]!.map((x) => x.trim().toLowerCase());
    const lines = readCsvFile(path).rows.map((r) => r.line);
    const items = query<{ line: number; fields: string }>(join(dir, 'shopflow.db'),
      `select json_extract(source_snapshot, '$.source.line') as line, fields from items`);
    const byLine = new Map(items.map((i) => [i.line, JSON.parse(i.fields) as Record<string, string>]));
    const field: Record<string, string> = { 'body (html)': 'body_html', description: 'body_html' };
    const changedRows = new Set<number>();
    rows.forEach((row, i) =>
      row.forEach((cell, j) => {
        if (i === 0 || after[i]![j] === cell) return;
        expect(APPROVED_COLUMNS.has(header[j]!), `row ${i + 1} column ${rows[0]![j]}`).toBe(true);
        const drafted = byLine.get(lines[i - 1]!)?.[field[header[j]!]!];
        expect(drafted, `no item drafted from line ${lines[i - 1]}`).toBeDefined();
        const asWritten = platform === 'woocommerce' ? drafted!.replace(/\r?\n/g, '\\n') : drafted!;
        expect(after[i]![j]!.replace(/\r\n/g, '\n')).toBe(asWritten); // a CRLF file gets CRLF inside cells too
        changedRows.add(i);
      }),
    );
    expect(changedRows.size).toBe(r1.products);
  });
});
