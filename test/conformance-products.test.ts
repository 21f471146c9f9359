/**
 * Reads the real product exports collected in SHOPFLOW_FORMATS_DIR (not shipped with the project:
 * they carry no licence). Skipped when the variable is unset or the folder is absent.
 * Expected counts are computed here from the parsed cells, independently of the readers.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CsvTable } from '../src/core/csv/types.js';
import { productsFromTable } from '../src/core/formats/products.js';
import type { ProductPlatform } from '../src/core/formats/types.js';
import { csvTableFromFile } from './helpers/csv-table.js';

const root = process.env.SHOPFLOW_FORMATS_DIR;
const present = root !== undefined && root !== '' && existsSync(root);

const FOLDERS: { dir: string; platform: ProductPlatform }[] = [
  { dir: 'shopify/products', platform: 'shopify' },
  { dir: 'woocommerce', platform: 'woocommerce' },
  { dir: 'etsy', platform: 'etsy' },
];

function samples(): { file: string; path: string; platform: ProductPlatform }[] {
  if (!present) return [];
  return FOLDERS.flatMap(({ dir, platform }) => {
    const folder = join(root, dir);
    if (!existsSync(folder)) return [];
    return readdirSync(folder)
      .filter((f) => f.toLowerCase().endsWith('.csv'))
      .sort()
      .map((file) => ({ file, path: join(folder, file), platform }));
  });
}

function column(table: CsvTable, ...names: string[]): number {
  const header = table.header.map((h) => h.trim().toLowerCase());
  const i = names.map((n) => header.indexOf(n.toLowerCase())).find((x) => x >= 0);
  if (i === undefined) throw new Error(`${table.file}: none of ${names.join(', ')} in the header`);
  return i;
}

function expectedCount(table: CsvTable, platform: ProductPlatform): number {
  const cell = (cells: string[], i: number) => (cells[i] ?? '').trim();
  if (platform === 'shopify') {
    const h = column(table, 'Handle', 'URL handle');
    return new Set(table.rows.map((r) => cell(r.cells, h)).filter((v) => v !== '')).size;
  }
  if (platform === 'woocommerce') {
    const t = column(table, 'Type');
    return table.rows.filter((r) => !cell(r.cells, t).toLowerCase().includes('variation')).length;
  }
  return table.rows.length;
}

describe.skipIf(!present)('real product exports in SHOPFLOW_FORMATS_DIR', () => {
  const files = samples();

  it('has samples to read', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('$file', ({ file, path, platform }) => {
    const table = csvTableFromFile(path, file);
    const result = productsFromTable(table);
    expect(result.platform).toBe(platform);
    expect(result.rowCount).toBe(table.rows.length);
    expect(result.products).toHaveLength(expectedCount(table, platform));
    for (const p of result.products) {
      expect(p.title.trim(), `title of ${p.handle}`).not.toBe('');
      expect(p.handle.trim(), `handle on line ${p.source.line}`).not.toBe('');
    }
    expect(new Set(result.products.map((p) => p.handle)).size).toBe(result.products.length);
  });
});
