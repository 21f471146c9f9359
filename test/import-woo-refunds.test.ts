// WooCommerce Analytics › Orders lists each refund as a row of its own, under its parent order's
// number with negative net sales: the import adds it to that order's refunded amount, and the
// weekly report counts it. What the user sees: the import counts, the stored order, the report.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { query, runCli, tempDir } from './helpers.js';

const HEADER = 'Date,Order #,Status,Customer,Customer type,Payment method,Product(s),Items sold,Coupon(s),Net sales,Attribution';
const WEEK = [
  HEADER,
  '2026-11-16 10:00:00,3001,completed,Ana Souza,new,Credit card (Stripe),2× Speckled Mug,2,,48,Direct',
  '2026-11-17 11:00:00,3002,completed,Ben Okafor,new,PayPal,1× Beeswax Candle,1,,19,Direct',
  '2026-11-18 09:00:00,3001,completed,Ana Souza,new,Credit card (Stripe),1× Speckled Mug,-1,,-24,Direct',
];
const LATER_REFUND = '2026-11-20 15:00:00,3002,refunded,Ben Okafor,new,PayPal,1× Beeswax Candle,-1,,-19,Direct';

async function importJson(dir: string, file: string) {
  const r = await runCli(['sync', 'import', file, '--json'], { cwd: dir });
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout)[0] as { new: number; changed: number; unchanged: number };
}

describe('sync import: WooCommerce refunds', () => {
  test('a partial refund lands on its order; a re-import counts nothing twice; a later refund adds to it', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'shopflow.yaml'), 'store:\n  name: Fern & Clay\n  currency: USD\n  timezone: America/New_York\n');
    writeFileSync(join(dir, 'orders.csv'), `${WEEK.join('\n')}\n`);
    const db = join(dir, 'shopflow.db');
    const stored = () => query(db, 'select name, total, refunded, financial_status from orders order by name');

    expect(await importJson(dir, 'orders.csv')).toMatchObject({ new: 2, changed: 0, unchanged: 0 });
    expect(stored()).toEqual([
      { name: '#3001', total: 48, refunded: 24, financial_status: 'paid' },
      { name: '#3002', total: 19, refunded: null, financial_status: 'paid' },
    ]);
    expect(await importJson(dir, 'orders.csv')).toMatchObject({ new: 0, changed: 0, unchanged: 2 });
    expect(stored()[0]).toMatchObject({ refunded: 24 });

    // The same range downloaded again later: #3002 was refunded in the meantime.
    writeFileSync(join(dir, 'orders.csv'), `${[...WEEK, LATER_REFUND].join('\n')}\n`.replace('3002,completed', '3002,refunded'));
    expect(await importJson(dir, 'orders.csv')).toMatchObject({ new: 0, changed: 1, unchanged: 1 });
    expect(await importJson(dir, 'orders.csv')).toMatchObject({ new: 0, changed: 0, unchanged: 2 });
    expect(stored()).toEqual([
      { name: '#3001', total: 48, refunded: 24, financial_status: 'paid' },
      { name: '#3002', total: 19, refunded: 19, financial_status: 'refunded' },
    ]);

    const r = await runCli(['report', '--since', '2026-11-16', '--until', '2026-11-22', '--compare', 'none', '--json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).kpis).toMatchObject({ orders: 2, revenue: 67, refunded: 43, net_revenue: 24 });
  });
});
