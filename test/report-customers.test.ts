import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { query, runCli, tempDir } from './helpers.js';
import { shopifyOrdersCsv, type GenOrder } from './helpers/report-data.js';
import { openDb } from '../src/core/db/open.js';
import { refreshCustomers } from '../src/core/report/customers.js';
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

/** Imports `orders` as a new export, then brings report_customers up to date and says how. */
async function importThenRefresh(dir: string, file: string, orders: GenOrder[]): Promise<string> {
  writeFileSync(join(dir, file), shopifyOrdersCsv(orders));
  expect((await runCli(['sync', 'import', file], { cwd: dir })).code).toBe(0);
  const db = openDb(join(dir, 'shopflow.db'));
  try {
    return refreshCustomers(db);
  } finally {
    db.close();
  }
}

const table = (dir: string) => query(join(dir, 'shopflow.db'), 'select email, first_at, second_at from report_customers order by email');

describe('customer counts kept between runs (report_customers) follow every import', () => {
  test('added orders update their customers only; a voided order rebuilds; the counts are right each time', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'shopflow.yaml'), 'store:\n  timezone: America/New_York\n');
    const first = [
      order('#1', 'ana@example.com', '2026-11-02 10:00:00'),
      order('#2', 'ana@example.com', '2026-11-10 10:00:00'),
      order('#3', 'ben@example.com', '2026-11-11 10:00:00'),
      order('#4', 'cy@example.com', '2026-11-12 10:00:00'),
    ];
    expect(await importThenRefresh(dir, 'a.csv', first)).toBe('rebuilt');
    // ana bought before the week: returning; ben and cy are new; 1 of 3 buyers has two orders.
    expect(await customers(dir)).toEqual({ new: 2, returning: 1, repeat: 1 / 3 });

    // A newer export that only adds orders: cy orders again, dan is new.
    const more = [...first, order('#5', 'cy@example.com', '2026-11-13 10:00:00'), order('#6', 'dan@example.com', '2026-11-14 10:00:00')];
    expect(await importThenRefresh(dir, 'b.csv', more)).toBe('added');
    expect(await customers(dir)).toEqual({ new: 3, returning: 1, repeat: 2 / 4 });

    // Ben's order is voided: a changed order, so the table is rebuilt; ben is no customer any more.
    const voided = more.map((o) => (o.name === '#3' ? { ...o, cancelled: true } : o));
    expect(await importThenRefresh(dir, 'c.csv', voided)).toBe('rebuilt');
    expect(await customers(dir)).toEqual({ new: 2, returning: 1, repeat: 2 / 3 });
    expect(table(dir)).toEqual([
      { email: 'ana@example.com', first_at: '2026-11-02T10:00:00', second_at: '2026-11-10T10:00:00' },
      { email: 'cy@example.com', first_at: '2026-11-12T10:00:00', second_at: '2026-11-13T10:00:00' },
      { email: 'dan@example.com', first_at: '2026-11-14T10:00:00', second_at: null },
    ]);
  });

  test('a report with nothing imported since reads the kept table as it is', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'shopflow.yaml'), 'store:\n  timezone: America/New_York\n');
    expect(await importThenRefresh(dir, 'a.csv', [order('#1', 'ana@example.com', '2026-11-10 10:00:00')])).toBe('rebuilt');
    const db = openDb(join(dir, 'shopflow.db'));
    try {
      expect(refreshCustomers(db)).toBe('fresh');
    } finally {
      db.close();
    }
    expect(await customers(dir)).toEqual({ new: 1, returning: 0, repeat: 0 });
  });
});
