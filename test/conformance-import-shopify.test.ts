/**
 * Reads the real Shopify exports collected in SHOPFLOW_FORMATS_DIR (not shipped with the project:
 * they carry no licence) through the Shopify import adapters. Skipped when the variable is unset or
 * the folder is absent. Expected counts are computed here from cells parsed by the test helper
 * (csv-parse), independently of the adapters.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shopifyAdapters } from '../src/core/formats/shopify/history.js';
import type { CheckoutRecord, ImportAdapter, InventoryRecord, Kind, OrderRecord } from '../src/core/formats/records.js';
import { csvTableFromText } from './helpers/csv-table.js';
import { importInput } from './helpers/import-input.js';
import type { CsvTable } from '../src/core/csv/types.js';

const root = process.env.SHOPFLOW_FORMATS_DIR;
const present = root !== undefined && root !== '' && existsSync(root);

const FOLDERS: { dir: string; kind: Kind }[] = [
  { dir: 'shopify/orders', kind: 'orders' },
  { dir: 'shopify/abandoned-checkouts', kind: 'checkouts' },
  { dir: 'shopify/customers', kind: 'customers' },
  { dir: 'shopify/inventory', kind: 'inventory' },
];

function csvFiles(dir: string): { file: string; path: string }[] {
  if (!present) return [];
  const folder = join(root, dir);
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((f) => f.toLowerCase().endsWith('.csv'))
    .sort()
    .map((file) => ({ file, path: join(folder, file) }));
}

const samples = FOLDERS.flatMap(({ dir, kind }) => csvFiles(dir).map((s) => ({ ...s, kind })));

const SCIENTIFIC = /^-?\d(\.\d+)?E\+\d{2,}$/i;

function column(table: CsvTable, name: string): number {
  return table.header.findIndex((h) => h.trim().toLowerCase() === name.toLowerCase());
}
const cellOf = (cells: string[], i: number): string => (i < 0 ? '' : (cells[i] ?? '').trim());

/** What the file should yield, counted from the cells: records, and rows the rules must skip. */
function expected(table: CsvTable, kind: Kind): { records: number; problems: number } {
  const rows = table.rows;
  if (kind === 'orders' || kind === 'checkouts') {
    const name = column(table, 'Name');
    return { records: new Set(rows.map((r) => cellOf(r.cells, name))).size, problems: 0 };
  }
  if (kind === 'customers') {
    // A Customer ID Excel destroyed, on a row without an Email, leaves nothing to key the row by.
    const id = column(table, 'Customer ID');
    const email = column(table, 'Email');
    const lost = rows.filter((r) => SCIENTIFIC.test(cellOf(r.cells, id)) && cellOf(r.cells, email) === '').length;
    return { records: rows.length - lost, problems: lost };
  }
  const coo = column(table, 'COO');
  const perLocation = column(table, 'Location') < 0 ? table.header.length - coo - 1 : 1;
  return { records: rows.length * perLocation, problems: 0 };
}

function best(probe: Parameters<ImportAdapter['detect']>[0]): { adapter: ImportAdapter; score: number; runnerUp: number } {
  const scored = shopifyAdapters.map((adapter) => ({ adapter, score: adapter.detect(probe) })).sort((a, b) => b.score - a.score);
  return { ...scored[0]!, runnerUp: scored[1]?.score ?? 0 };
}

describe.skipIf(!present)('real Shopify exports in SHOPFLOW_FORMATS_DIR', () => {
  it('has a sample of every kind', () => {
    expect(new Set(samples.map((s) => s.kind))).toEqual(new Set(FOLDERS.map((f) => f.kind)));
  });

  it.each(samples)('$kind: $file', async ({ file, path, kind }) => {
    const text = readFileSync(path, 'utf8');
    const table = csvTableFromText(text, file);
    const { input, probe, problems, warnings } = importInput(text, file);

    const { adapter, score, runnerUp } = best(probe);
    expect(adapter.kind).toBe(kind);
    expect(score).toBeGreaterThan(runnerUp);

    const records = [];
    for await (const r of adapter.read(input)) records.push(r);
    const want = expected(table, kind);
    expect(records).toHaveLength(want.records);
    expect(problems).toHaveLength(want.problems);
    for (const r of records) expect(r.kind).toBe(kind);

    if (kind === 'orders') {
      const orders = records as OrderRecord[];
      // Every row is a line item of exactly one order.
      expect(orders.reduce((n, o) => n + o.lines.length, 0)).toBe(table.rows.length);
      expect(new Set(orders.map((o) => o.key)).size).toBe(orders.length);
      for (const o of orders) {
        expect(o.createdAt.utc).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
        expect(o.total).toBeTypeOf('number');
        expect(o.currency).toMatch(/^[A-Z]{3}$/);
      }
    }
    if (kind === 'checkouts') {
      const checkouts = records as CheckoutRecord[];
      expect(checkouts.reduce((n, c) => n + c.items.length, 0)).toBe(table.rows.length);
      const id = column(table, 'Id');
      const ids = new Set(table.rows.map((r) => cellOf(r.cells, id)).filter((v) => v !== ''));
      expect(new Set(checkouts.map((c) => c.key))).toEqual(ids);
      for (const c of checkouts) expect(c.recovered).toBeUndefined();
    }
    if (kind === 'inventory') {
      const inv = records as InventoryRecord[];
      expect(new Set(inv.map((r) => r.key)).size).toBe(inv.length);
      const notStocked = table.rows.filter((r) => r.cells.some((c) => c === 'not stocked')).length;
      expect(inv.filter((r) => r.available === null)).toHaveLength(notStocked);
    }
    if (kind === 'customers') {
      const id = column(table, 'Customer ID');
      const damaged = table.rows.filter((r) => SCIENTIFIC.test(cellOf(r.cells, id))).length;
      if (damaged > want.problems) expect(warnings.map((w) => w.column)).toEqual(['Customer ID']);
      else expect(warnings).toEqual([]);
    } else expect(warnings).toEqual([]);
  });

  it.each(csvFiles('shopify/products'))('products export $file is none of these', ({ file, path }) => {
    const { probe } = importInput(readFileSync(path, 'utf8'), file);
    for (const a of shopifyAdapters) expect(a.detect(probe), a.layout).toBe(0);
  });
});
