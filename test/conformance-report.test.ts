/**
 * `shopflow report --orders FILE --since D --until D --format json` on each real Shopify orders
 * export in SHOPFLOW_FORMATS_DIR (skipped without it). The expected orders, revenue and refunded
 * totals are computed here from the cells csv-parse reads, independently of the importer and SQL:
 * orders grouped by Name, order-level cells from the order's first row, the local date as printed.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from './helpers.js';

const root = process.env.SHOPFLOW_FORMATS_DIR;
const present = root !== undefined && root !== '' && existsSync(root);
const folder = present ? join(root, 'shopify', 'orders') : '';
const files = present && existsSync(folder) ? readdirSync(folder).filter((f) => f.endsWith('.csv')).sort() : [];

interface Expected {
  since: string;
  until: string;
  orders: number;
  revenue: number;
  refunded: number;
  currencies: Set<string>;
}

function expected(path: string, range?: { since: string; until: string }): Expected {
  const rows = parse(readFileSync(path), { columns: true, relax_column_count: true }) as Record<string, string>[];
  const firstRow = new Map<string, Record<string, string>>();
  for (const r of rows) if (!firstRow.has(r.Name!)) firstRow.set(r.Name!, r);
  const orders = [...firstRow.values()].map((r) => ({
    date: r['Created at']!.slice(0, 10),
    cancelled: (r['Cancelled at'] ?? '') !== '',
    total: Number(r.Total || 0),
    refunded: Number(r['Refunded Amount'] || 0),
    currency: r.Currency!,
  }));
  const dates = orders.map((o) => o.date).sort();
  const since = range?.since ?? dates[0]!;
  const until = range?.until ?? dates[dates.length - 1]!;
  const live = orders.filter((o) => !o.cancelled && o.date >= since && o.date <= until);
  return {
    since,
    until,
    orders: live.length,
    revenue: live.reduce((s, o) => s + o.total, 0),
    refunded: live.reduce((s, o) => s + o.refunded, 0),
    currencies: new Set(orders.map((o) => o.currency)),
  };
}

describe.skipIf(!present)('report on the real Shopify orders exports', () => {
  it('finds the samples', () => expect(files.length).toBeGreaterThanOrEqual(2));

  for (const file of files) {
    it(`${file}: orders, revenue and refunded over its whole range and over its first day`, async () => {
      const path = join(folder, file);
      const all = expected(path);
      expect(all.orders).toBeGreaterThan(0);
      const firstDay = expected(path, { since: all.since, until: all.since });
      for (const exp of [all, firstDay]) {
        const dir = tempDir();
        const r = await runCli(['report', '--orders', path, '--since', exp.since, '--until', exp.until, '--format', 'json'], { cwd: dir });
        expect(r.code, r.stderr).toBe(0);
        const j = JSON.parse(r.stdout);
        expect(j.kpis.orders).toBe(exp.orders);
        expect(j.kpis.revenue).toBeCloseTo(exp.revenue, 2);
        expect(j.kpis.refunded).toBeCloseTo(exp.refunded, 2);
        expect(j.store.currency).toBe([...all.currencies][0]);
      }
    });
  }
});
