import { describe, expect, test } from 'vitest';
import { extractThemes } from '../src/core/report/themes.js';
import { deriveActions } from '../src/core/report/actions.js';
import { checkTargets, parseTarget } from '../src/core/report/targets.js';
import { sparkline } from '../src/core/report/format.js';
import { KPI_NAMES, type KpiName, type Report } from '../src/core/report/types.js';

describe('themes of low-star reviews', () => {
  test('phrases shared by several reviews, the longest form, with quotes as written', () => {
    const themes = extractThemes([
      'Arrived broken. The box was crushed.',
      'Sadly it arrived broken and nobody answered my email',
      'Runs too small. Order a size up!',
      'Way too small for an adult.',
      'It arrived broken, again.',
      'Colour is off.',
    ]);
    expect(themes).toEqual([
      { phrase: 'arrived broken', count: 3, quotes: ['Arrived broken.', 'Sadly it arrived broken and nobody answered my email', 'It arrived broken, again.'] },
      { phrase: 'too small', count: 2, quotes: ['Runs too small.', 'Way too small for an adult.'] },
    ]);
  });

  test('nothing shared, nothing claimed', () => {
    expect(extractThemes(['Bad.', 'Late delivery'])).toEqual([]);
    expect(extractThemes([])).toEqual([]);
  });
});

const kpis = (v: Partial<Record<KpiName, number | null>>): Record<KpiName, number | null> =>
  ({ ...Object.fromEntries(KPI_NAMES.map((k) => [k, null])), ...v }) as Record<KpiName, number | null>;

function reportWith(now: Partial<Record<KpiName, number | null>>, before: Partial<Record<KpiName, number | null>> | null, extra: Partial<Report> = {}): Report {
  const k = kpis(now);
  const b = before ? kpis(before) : null;
  const change = b
    ? (Object.fromEntries(KPI_NAMES.map((n) => [n, k[n] === null || b[n] === null || b[n] === 0 ? null : (k[n]! - b[n]!) / b[n]!])) as Record<KpiName, number | null>)
    : null;
  return {
    store: { name: null, currency: 'EUR', timezone: 'UTC' },
    generated_at: '2026-11-27T12:00:00.000Z',
    period: { since: '2026-11-16', until: '2026-11-22', days: 7, label: 'w47' },
    compare: { mode: b ? 'previous' : 'none', period: null, kpis: b, change },
    kpis: k,
    definitions: {} as Report['definitions'],
    history: null,
    sources: { orders: (k.orders ?? 0) > 0, traffic: false, email: false, reviews: false, messages: false },
    daily: [],
    daily_previous: null,
    top_products: { by_revenue: [], by_units: [], most_refunded: [{ key: 'MUG', name: 'Speckled Mug', units: 9, revenue: 216, refunded_orders: 7 }] },
    email: { campaigns: [], flows: [], total: null },
    feedback: { distribution: [0, 0, 0, 0, 0], previous_average: null, themes: [], message_categories: null },
    actions: [],
    targets: [],
    notes: [],
    ...extra,
  };
}

describe('actions are derived from the numbers', () => {
  test('a doubled refund rate names the product behind most refunds', () => {
    const r = reportWith({ orders: 100, refund_rate: 0.09, revenue: 5000, aov: 50 }, { orders: 100, refund_rate: 0.04, revenue: 5000, aov: 50 });
    expect(deriveActions(r)).toEqual(['Refund rate doubled (4.0% → 9.0%), driven by Speckled Mug: 7 of 9 refunds.']);
  });

  test('"doubled" and "halved" only near 2× and ½: a tenfold rise is in per cent', () => {
    const said = (now: number, before: number): string[] =>
      deriveActions(reportWith({ orders: 100, revenue: now }, { orders: 100, revenue: before }));
    expect(said(1000, 100)).toEqual(['Revenue rose 900% (100.00 EUR → 1,000.00 EUR): orders +0%.']);
    expect(said(50, 100)).toEqual(['Revenue halved (100.00 EUR → 50.00 EUR): orders +0%.']);
    expect(said(30, 100)).toEqual(['Revenue fell 70% (100.00 EUR → 30.00 EUR): orders +0%.']);
  });

  test('a small move says nothing; without a comparison only the state is reported', () => {
    expect(deriveActions(reportWith({ orders: 100, refund_rate: 0.042, revenue: 5000 }, { orders: 100, refund_rate: 0.04, revenue: 4900 }))).toEqual([]);
    expect(deriveActions(reportWith({ orders: 0, revenue: 0 }, null))).toEqual([
      'No orders in the period, and none in the store history: import an orders export (shopflow sync import FILE, or report --orders FILE).',
    ]);
  });

  test('missed targets come first', () => {
    const r = reportWith({ orders: 10, refund_rate: 0.08 }, null);
    r.targets = checkTargets({ refund_rate: '< 5%', orders: '>= 10' }, r.kpis);
    expect(r.targets.map((t) => t.met)).toEqual([false, true]);
    expect(deriveActions(r)[0]).toBe('Refund rate missed its target < 5%: 8.0%.');
  });
});

describe('targets and sparklines', () => {
  test('targets parse with a unit-aware value; n/a misses', () => {
    expect(parseTarget('< 5%')).toEqual({ op: '<', value: 0.05 });
    expect(parseTarget('≥ 40')).toEqual({ op: '>=', value: 40 });
    expect(parseTarget('about 40')).toBeUndefined();
    expect(checkTargets({ conversion_rate: '> 1%' }, kpis({}))).toEqual([{ kpi: 'conversion_rate', target: '> 1%', value: null, met: false }]);
    expect(checkTargets({ refund_rate: '<= 5%' }, kpis({ refund_rate: 0.05 }))[0]!.met).toBe(true);
  });

  test('sparklines scale from the lowest to the highest day', () => {
    expect(sparkline([0, 1, 2, 3, 4, 5, 6, 7])).toBe('▁▂▃▄▅▆▇█');
    expect(sparkline([5, 5, 5])).toBe('▄▄▄');
    expect(sparkline([0, 0])).toBe('▁▁');
    expect(sparkline([1, null, 3])).toBe('▁ █');
  });

  test('a long period is drawn in 31 buckets, not one mark a day (26 years stay one line)', () => {
    const days = Array.from({ length: 9800 }, (_, i) => (i >= 9800 - 316 ? 10 : 0));
    const line = sparkline(days);
    expect([...line]).toHaveLength(31);
    expect(line).toBe(`${'▁'.repeat(30)}█`);
    expect(sparkline(Array.from({ length: 62 }, (_, i) => (i < 31 ? null : i)))).toMatch(/^ {15} ?[▁-█]+$/);
  });
});
