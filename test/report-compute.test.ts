import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli, tempDir } from './helpers.js';
import { expectedSales, genOrders, shopifyOrdersCsv, type GenOrder } from './helpers/report-data.js';
import type { Report } from '../src/core/report/types.js';

const days = (from: string, n: number): string[] =>
  Array.from({ length: n }, (_, i) => new Date(Date.parse(`${from}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10));

/** A store in New York (DST ends 1 Nov 2026) with the orders imported through `report --orders`. */
async function reportOn(orders: GenOrder[], args: string[], now = '2026-11-27T12:00:00Z'): Promise<{ report: Report; stderr: string; code: number }> {
  const dir = tempDir();
  writeFileSync(join(dir, 'shopflow.yaml'), 'store:\n  timezone: America/New_York\n');
  writeFileSync(join(dir, 'orders_export.csv'), shopifyOrdersCsv(orders));
  const r = await runCli(['report', '--orders', 'orders_export.csv', '--format', 'json', ...args], { cwd: dir, now: () => new Date(now) });
  return { report: r.stdout ? (JSON.parse(r.stdout) as Report) : (undefined as never), stderr: r.stderr, code: r.code };
}

const MONEY = new Set(['revenue', 'refunded', 'net_revenue', 'aov']);

function expectKpis(actual: Record<string, number | null>, expected: Record<string, number | null>): void {
  for (const [k, v] of Object.entries(expected)) {
    if (v === null) expect(actual[k], k).toBeNull();
    // Money is reported to the cent; counts and rates as computed.
    else expect(actual[k], k).toBeCloseTo(v, MONEY.has(k) ? 2 : 9);
  }
}

describe('report numbers against a computation by hand', () => {
  const orders = genOrders(days('2026-10-12', 30), 7, 42);

  test('a week after the DST change, compared with the week that holds it', async () => {
    const { report, code } = await reportOn(orders, ['--since', '2026-11-02', '--until', '2026-11-08']);
    expect(code).toBe(0);
    expect(report.period).toMatchObject({ since: '2026-11-02', until: '2026-11-08', days: 7 });
    expect(report.compare.period).toMatchObject({ since: '2026-10-26', until: '2026-11-01', days: 7 });
    const exp = expectedSales(orders, '2026-11-02', '2026-11-08');
    expect(exp.orders).toBeGreaterThan(40); // the data really has orders, refunds and returning customers
    expect(exp.refund_rate).toBeGreaterThan(0);
    expect(exp.returning_customers).toBeGreaterThan(0);
    expectKpis(report.kpis, exp);
    expectKpis(report.compare.kpis!, expectedSales(orders, '2026-10-26', '2026-11-01'));
    const prevOrders = expectedSales(orders, '2026-10-26', '2026-11-01').orders;
    expect(report.compare.change!.orders).toBeCloseTo((exp.orders - prevOrders) / prevOrders, 9);
    expect(report.store.currency).toBe('USD');
  });

  test('each day counts the orders of its local date, 23:59:59 included, across the DST change', async () => {
    const { report } = await reportOn(orders, ['--since', '2026-10-29', '--until', '2026-11-04']);
    const live = orders.filter((o) => !o.cancelled);
    expect(report.daily.map((d) => d.date)).toEqual(days('2026-10-29', 7));
    for (const d of report.daily) {
      const mine = live.filter((o) => o.created.startsWith(d.date));
      expect(d.orders, d.date).toBe(mine.length);
      expect(d.revenue).toBeCloseTo(mine.reduce((s, o) => s + o.total, 0), 2);
    }
    // The last order of 1 Nov is at 23:59:59 -0500, which is 2 Nov in UTC: it stays on 1 Nov.
    const late = live.filter((o) => o.created === '2026-11-01 23:59:59');
    expect(late.length).toBe(1);
  });

  test('the default is the last complete ISO week in the store timezone', async () => {
    // Monday 9 Nov, 03:00 UTC is still Sunday 8 Nov in New York: last week is 26 Oct – 1 Nov.
    const { report } = await reportOn(orders, [], '2026-11-09T03:00:00Z');
    expect(report.period).toMatchObject({ since: '2026-10-26', until: '2026-11-01' });
    expect(report.period.label).toBe('last week (ISO week 44, 26 Oct – 1 Nov 2026)');
    expectKpis(report.kpis, expectedSales(orders, '2026-10-26', '2026-11-01'));
  });

  test('top products by revenue and units, and the most refunded', async () => {
    const { report } = await reportOn(orders, ['--since', '2026-11-02', '--until', '2026-11-08']);
    const inP = orders.filter((o) => !o.cancelled && o.created >= '2026-11-02' && o.created < '2026-11-09');
    const sums = new Map<string, { units: number; revenue: number; refunds: number }>();
    for (const o of inP) {
      for (const l of o.lines) {
        const s = sums.get(l.sku) ?? { units: 0, revenue: 0, refunds: 0 };
        s.units += l.qty;
        s.revenue += l.qty * l.price;
        if (o.refunded > 0) s.refunds += 1;
        sums.set(l.sku, s);
      }
    }
    const byRevenue = [...sums.entries()].sort((a, b) => b[1].revenue - a[1].revenue).map(([k]) => k);
    expect(report.top_products.by_revenue.map((p) => p.key)).toEqual(byRevenue);
    for (const p of report.top_products.by_revenue) expect(p.revenue).toBeCloseTo(sums.get(p.key)!.revenue, 2);
    expect(report.top_products.by_units.map((p) => p.units)).toEqual([...sums.values()].map((s) => s.units).sort((a, b) => b - a));
    const top = report.top_products.most_refunded[0]!;
    expect(top.refunded_orders).toBe(Math.max(...[...sums.values()].map((s) => s.refunds)));
  });

  test('an empty period: zero counts, n/a (null) for every ratio, no division by zero', async () => {
    const { report, code } = await reportOn(orders, ['--since', '2026-11-16', '--until', '2026-11-22']);
    expect(code).toBe(0);
    expect(report.kpis).toMatchObject({ orders: 0, revenue: 0, refunded: 0, aov: null, discount_rate: null, refund_rate: null, refunded_share: null, returning_customer_rate: null });
    expect(report.sources.orders).toBe(false);
    expect(report.history).toEqual({ orders_from: '2026-10-12', orders_until: '2026-11-10' });
    expect(report.actions[0]).toBe(
      'No orders in the period: the store history has orders from 12 Oct 2026 to 10 Nov 2026. Import a newer orders export, or try --since 2026-11-02 --until 2026-11-08.',
    );
  });

  test('--compare last-year and none', async () => {
    const ly = await reportOn(orders, ['--since', '2026-11-02', '--until', '2026-11-08', '--compare', 'last-year']);
    expect(ly.report.compare.period).toMatchObject({ since: '2025-11-03', until: '2025-11-09' });
    // Last year is before the first order of the history: n/a, not 0 orders.
    expect(ly.report.compare.kpis!.orders).toBeNull();
    const none = await reportOn(orders, ['--since', '2026-11-02', '--until', '2026-11-08', '--compare', 'none']);
    expect(none.report.compare).toEqual({ mode: 'none', period: null, kpis: null, change: null });
  });
});
