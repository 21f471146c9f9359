import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { query, runCli, tempDir } from './helpers.js';
import { shopifyOrdersCsv, type GenOrder } from './helpers/report-data.js';
import type { Report } from '../src/core/report/types.js';

const order = (name: string, email: string, created: string, extra: Partial<GenOrder> = {}): GenOrder => ({
  name, email, created, offset: '-0500', currency: 'USD', discount: 0, refunded: 0, cancelled: false, total: 20,
  lines: [{ sku: 'MUG-1', name: 'Mug', price: 20, qty: 1 }], ...extra,
});

const WEEK = ['--since', '2026-11-09', '--until', '2026-11-15', '--format', 'json'];

async function customers(dir: string): Promise<Record<string, number | null>> {
  const r = await runCli(['report', ...WEEK], { cwd: dir });
  expect(r.code).toBe(0);
  const k = (JSON.parse(r.stdout) as Report).kpis;
  return { new: k.new_customers, returning: k.returning_customers, repeat: k.repeat_purchase_rate };
}

describe('customer counts kept between runs (report_customers) follow every import', () => {
  test('a later export that voids an order and adds one changes new, returning and repeat at once', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'shopflow.yaml'), 'store:\n  timezone: America/New_York\n');
    const first = [
      order('#1', 'ana@example.com', '2026-11-02 10:00:00'),
      order('#2', 'ana@example.com', '2026-11-10 10:00:00'),
      order('#3', 'ben@example.com', '2026-11-11 10:00:00'),
      order('#4', 'cy@example.com', '2026-11-12 10:00:00'),
    ];
    writeFileSync(join(dir, 'a.csv'), shopifyOrdersCsv(first));
    expect((await runCli(['sync', 'import', 'a.csv'], { cwd: dir })).code).toBe(0);
    // ana bought before the week: returning; ben and cy are new; 1 of 3 buyers has two orders.
    expect(await customers(dir)).toEqual({ new: 2, returning: 1, repeat: 1 / 3 });
    expect(await customers(dir)).toEqual({ new: 2, returning: 1, repeat: 1 / 3 });
    // Ben's order is voided, cy orders again the next day.
    const later = [...first.slice(0, 2), { ...first[2]!, cancelled: true }, first[3]!, order('#5', 'cy@example.com', '2026-11-13 10:00:00')];
    writeFileSync(join(dir, 'b.csv'), shopifyOrdersCsv(later));
    expect((await runCli(['sync', 'import', 'b.csv'], { cwd: dir })).code).toBe(0);
    expect(await customers(dir)).toEqual({ new: 1, returning: 1, repeat: 1 });
    expect(query(join(dir, 'shopflow.db'), 'select email, first_at, second_at from report_customers order by email')).toEqual([
      { email: 'ana@example.com', first_at: '2026-11-02T10:00:00', second_at: '2026-11-10T10:00:00' },
      { email: 'cy@example.com', first_at: '2026-11-12T10:00:00', second_at: '2026-11-13T10:00:00' },
    ]);
  });
});
