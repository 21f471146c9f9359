import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'csv-parse/sync';
import { example, fixture, runCli, tempDir } from './helpers.js';
import type { Report } from '../src/core/report/types.js';
import { shopifyOrdersCsv, type GenLine, type GenOrder } from './helpers/report-data.js';

const MUG: [string, string, number] = ['MUG-1', 'Speckled Mug', 24];
const CANDLE: [string, string, number] = ['CANDLE-3', 'Beeswax Candle', 19];

function order(n: number, email: string | null, created: string, lines: [[string, string, number], number][], extra: Partial<GenOrder> = {}): GenOrder {
  const ls: GenLine[] = lines.map(([[sku, name, price], qty]) => ({ sku, name, price, qty }));
  const discount = extra.discount ?? 0;
  const total = Math.round((ls.reduce((s, l) => s + l.qty * l.price, 0) - discount + 4.95) * 100) / 100;
  return { name: `#${n}`, email, created, offset: '-0500', currency: 'USD', discount, refunded: 0, cancelled: false, lines: ls, total, ...extra };
}

/** Last week (16–22 Nov 2026) against the week before, with traffic, email and reviews. */
const ORDERS: GenOrder[] = [
  order(1, 'ana@example.com', '2026-11-10 09:00:00', [[MUG, 1]]),
  order(2, 'ben@example.com', '2026-11-12 14:00:00', [[CANDLE, 2]], { refunded: 19 }),
  order(3, 'ana@example.com', '2026-11-16 10:00:00', [[MUG, 2]], { refunded: 24 }),
  order(4, 'cy@example.com', '2026-11-18 23:59:59', [[MUG, 1], [CANDLE, 1]], { refunded: 24, discount: 5 }),
  order(5, 'dee@example.com', '2026-11-20 08:30:00', [[CANDLE, 3]]),
  order(6, 'eve@example.com', '2026-11-21 12:00:00', [[MUG, 1]], { cancelled: true }),
];

const TRAFFIC = `date,sessions\n${Array.from({ length: 14 }, (_, i) => `2026-11-${String(9 + i).padStart(2, '0')},${i < 7 ? 100 : 150}`).join('\n')}\n`;
const EMAILS = 'name,sent_at,recipients,delivered,unique_opens,unique_clicks,unsubscribes,revenue\nNovember news,2026-11-17 09:30,1000,980,490,49,4,245.00\n';
const REVIEWS = [
  'product,rating,created_at,title,body,author,email',
  'Speckled Mug,1,2026-11-17,Too small,The mug is too small for my coffee.,Ana,',
  'Speckled Mug,2,2026-11-18,,Much too small and arrived chipped.,Ben,',
  'Beeswax Candle,5,2026-11-19,Lovely,Smells like honey.,Cy,',
  'Beeswax Candle,4,2026-11-12,Nice,Burns evenly.,Dee,',
].join('\n');

function store(yaml = 'store:\n  name: Fern & Clay\n  currency: USD\n  timezone: America/New_York\n'): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'shopflow.yaml'), yaml);
  writeFileSync(join(dir, 'orders.csv'), shopifyOrdersCsv(ORDERS));
  writeFileSync(join(dir, 'traffic.csv'), TRAFFIC);
  writeFileSync(join(dir, 'emails.csv'), EMAILS);
  writeFileSync(join(dir, 'reviews.csv'), REVIEWS);
  return dir;
}

const ALL = ['--orders', 'orders.csv', '--sessions', 'traffic.csv', '--emails', 'emails.csv', '--reviews', 'reviews.csv'];

const lines = (s: string): string[] => s.split('\n');

describe('shopflow report (what the user sees)', () => {
  test('text: header, actions from the numbers, the KPI table with trends, sections and footnotes', async () => {
    const dir = store();
    const r = await runCli(['report', ...ALL], { cwd: dir });
    expect(r.code).toBe(0);
    const out = lines(r.stdout);
    expect(out.slice(0, 3)).toEqual([
      'KPI report — Fern & Clay: last week (ISO week 47, 16–22 Nov 2026)',
      'Compared with the previous period: ISO week 46, 9–15 Nov 2026',
      'Amounts in USD; days in America/New_York.',
    ]);
    expect(out.slice(4, 10)).toEqual([
      'Actions',
      '  • Refund rate rose 33% (50.0% → 66.7%), driven by Speckled Mug: 2 of 2 refunds.',
      '  • Revenue doubled (71.90 USD → 157.85 USD): orders +50%, average order value +46%.',
      '  • "too small" comes up in 2 of 2 one- and two-star reviews.',
      '  • Average rating fell from 4.00 to 2.67 over 3 reviews.',
      '',
    ]);
    expect(out).toContain('    Orders [1]                                  3          2   ▲ 50.0%  █▁█▁█▁▁');
    expect(out).toContain('    Revenue [2]                        157.85 USD  71.90 USD  ▲ 119.5%  ▇▁▆▁█▁▁');
    expect(out).toContain('    Repeat purchase rate [11]               25.0%       0.0%       n/a');
    expect(out).toContain('    Refund rate [12]                        66.7%      50.0%   ▲ 33.3%');
    expect(out).toContain('    Sessions [14]                           1,050        700   ▲ 50.0%  ▄▄▄▄▄▄▄');
    expect(out).toContain('    Email recipients [16]                   1,000        n/a       n/a');
    expect(out).toContain('  November news (2026-11-17)       1,000        980  50.0%   5.0%       10.0%    0.4%     0.25 USD');
    expect(out).toContain('  Ratings: 5★ 1 · 4★ 0 · 3★ 0 · 2★ 1 · 1★ 1; average 2.67 (previous 4.00)');
    expect(out).toContain('    "too small" in 2 reviews, e.g. “Too small.” “Much too small and arrived chipped.”');
    expect(out).toContain('  [12] Refund rate: orders with a refund ÷ orders');
    expect(out).toContain('  [18] Open rate: unique opens ÷ delivered (inflated by Apple Mail privacy protection, which opens every email)');
    // No colour and no progress line when not on a terminal.
    expect(r.stdout).not.toMatch(/\x1b\[/);
    expect(r.stderr).toBe(
      [
        'orders.csv: Shopify orders export — 6 new, 0 changed, 0 unchanged',
        'emails.csv: email campaigns sheet (name, sent_at, …) — 1 new, 0 changed, 0 unchanged',
        'traffic.csv: traffic sheet (date, sessions) — 14 new, 0 changed, 0 unchanged',
        'reviews.csv: generic reviews CSV — 4 new, 0 changed, 0 unchanged',
        '',
      ].join('\n'),
    );
  });

  test('colours on a terminal only, never with NO_COLOR; a second run imports nothing new', async () => {
    const dir = store();
    const tty = await runCli(['report', ...ALL], { cwd: dir, tty: true, env: { NO_COLOR: '' } });
    expect(tty.stdout).toContain('\x1b[32m ▲ 50.0%\x1b[39m'); // more orders: green
    expect(tty.stdout).toContain('\x1b[31m ▲ 33.3%\x1b[39m'); // a higher refund rate: red
    const plain = await runCli(['report', ...ALL], { cwd: dir, tty: true });
    expect(plain.stdout).not.toMatch(/\x1b\[/);
    expect(plain.stderr).toContain('orders.csv: Shopify orders export — 0 new, 0 changed, 6 unchanged');
  });

  test('in an 80-column terminal a wide table puts each name on its own line, numbers below', async () => {
    const r = await runCli(['report', ...ALL], { cwd: store(), tty: true, columns: 80, env: { NO_COLOR: '1' } });
    const out = lines(r.stdout);
    const email = out.indexOf('Email');
    expect(out.slice(email, email + 7)).toEqual([
      'Email',
      '  Email',
      '      Recipients  Delivered   Open  Click  Click/open  Unsub.  Rev./recip.',
      '  November news (2026-11-17)',
      '           1,000        980  50.0%   5.0%       10.0%    0.4%     0.25 USD',
      '  All email',
      '           1,000        980  50.0%   5.0%       10.0%    0.4%     0.25 USD',
    ]);
    const kpis = out.slice(out.indexOf('KPIs'), out.indexOf('Top products by revenue'));
    expect(Math.max(...kpis.map((l) => l.length))).toBeLessThanOrEqual(80);
  });

  test('an empty period says where the orders are, not a wall of zeros and n/a', async () => {
    const r = await runCli(['report', '--orders', 'orders.csv', '--since', '2026-10-05', '--until', '2026-10-11', '--compare', 'none'], { cwd: store() });
    expect(r.code).toBe(0);
    expect(lines(r.stdout).slice(3)).toEqual([
      'Actions',
      '  • No orders in the period: the store history has orders from 10 Nov 2026 to 20 Nov 2026. Try --since 2026-11-09 --until 2026-11-15.',
      '',
    ]);
  });

  test('the default week on a store whose orders end earlier: the actions say when they end', async () => {
    const dir = store();
    await runCli(['sync', 'import', 'orders.csv'], { cwd: dir });
    const r = await runCli(['report'], { cwd: dir, now: () => new Date('2027-03-10T12:00:00Z') });
    expect(r.code).toBe(0);
    const out = lines(r.stdout);
    expect(out[0]).toBe('KPI report — Fern & Clay: last week (ISO week 9, 1–7 Mar 2027)');
    expect(out.slice(4)).toEqual([
      'Actions',
      '  • No orders in the period: the store history has orders from 10 Nov 2026 to 20 Nov 2026. Import a newer orders export, or try --since 2026-11-09 --until 2026-11-15.',
      '',
    ]);
    expect(r.stdout).not.toContain('n/a');
  });

  test('an empty period next to one with orders: zeros and n/a against the other period, a fall to zero is not "halved"', async () => {
    const r = await runCli(['report', '--orders', 'orders.csv', '--since', '2026-11-23', '--until', '2026-11-29'], { cwd: store() });
    const out = lines(r.stdout);
    expect(out).toContain('  • Revenue fell 100% (61.95 USD → 0.00 USD): orders −100%.');
    expect(out).toContain('    Orders [1]                                0          1  ▼ 100.0%  ▁▁▁▁');
    expect(out).toContain('    Average order value [5]                 n/a  61.95 USD       n/a');
  });

  test('orders exported at another UTC offset than store.timezone: a note says which setting to change', async () => {
    const utc = await runCli(['report', '--orders', 'orders.csv', '--format', 'json'], { cwd: store('store:\n  currency: USD\n') });
    expect((JSON.parse(utc.stdout) as Report).notes).toContain(
      'The orders were exported at UTC-05:00, but store.timezone is UTC (UTC+00:00): days are the dates the export prints; set store.timezone in shopflow.yaml so that "last week" and "today" are your store\'s.',
    );
    const ny = await runCli(['report', '--orders', 'orders.csv', '--format', 'json'], { cwd: store() });
    expect((JSON.parse(ny.stdout) as Report).notes.join('\n')).not.toContain('store.timezone');
  });

  test('a comparison period before the first order reads n/a, not 0 orders, and says why', async () => {
    const dir = store();
    const r = await runCli(['report', '--orders', 'orders.csv', '--since', '2026-11-09', '--until', '2026-11-15', '--format', 'json'], { cwd: dir });
    const report = JSON.parse(r.stdout) as Report;
    expect(report.compare.kpis).toMatchObject({ orders: null, revenue: null, new_customers: null, refund_rate: null });
    expect(report.daily_previous).toBeNull();
    expect(report.notes).toContain(
      'The comparison period (ISO week 45, 2–8 Nov 2026) is before the first order in the store history (10 Nov 2026): its sales and customer figures are n/a.',
    );
    const text = lines((await runCli(['report', '--since', '2026-11-09', '--until', '2026-11-15'], { cwd: dir })).stdout);
    expect(text.find((l) => l.startsWith('    Orders [1]'))).toMatch(/^ {4}Orders \[1\] +2 +n\/a +n\/a/);
  });

  test('markdown: tables and the definitions as footnotes', async () => {
    const r = await runCli(['report', ...ALL, '--format', 'markdown'], { cwd: store() });
    const out = lines(r.stdout);
    expect(out[0]).toBe('# KPI report — Fern & Clay: last week (ISO week 47, 16–22 Nov 2026)');
    expect(out).toContain('- Refund rate rose 33% (50.0% → 66.7%), driven by Speckled Mug: 2 of 2 refunds.');
    expect(out).toContain('| KPI | This period | Previous | Change | Daily |');
    expect(out).toContain('| **Sales** |  |  |  |  |');
    expect(out).toContain('| Orders[^1] | 3 | 2 | ▲ 50.0% | █▁█▁█▁▁ |');
    expect(out).toContain('[^12]: orders with a refund ÷ orders');
  });

  test('csv: one row per KPI, raw numbers, empty for n/a', async () => {
    const r = await runCli(['report', ...ALL, '--format', 'csv'], { cwd: store() });
    const out = lines(r.stdout);
    expect(out[0]).toBe('since,until,kpi,label,unit,value,previous,change,definition');
    expect(out).toContain('2026-11-16,2026-11-22,orders,Orders,count,3,2,0.5,"orders created in the period (store-local date), not cancelled"');
    expect(out).toContain('2026-11-16,2026-11-22,revenue,Revenue,USD,157.85,71.9,1.195410,sum of order Total of those orders (incl. shipping and taxes)'.replace('1.195410', String(Math.round(((157.85 - 71.9) / 71.9) * 1e6) / 1e6)));
    expect(out).toContain('2026-11-16,2026-11-22,email_recipients,Email recipients,count,1000,,,recipients of campaigns sent in the period (flows: delivered)');
    expect(out.length).toBe(24 + 2);
  });

  test('json: the keys of the issue, money as numbers', async () => {
    const r = await runCli(['report', ...ALL, '--json'], { cwd: store() });
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j)).toEqual(expect.arrayContaining(['period', 'kpis', 'compare', 'definitions', 'actions', 'targets']));
    expect(j.kpis).toMatchObject({ orders: 3, revenue: 157.85, refunded: 48, units: 7, sessions: 1050, reviews: 3 });
    expect(j.definitions.refund_rate).toBe('orders with a refund ÷ orders');
    expect(j.feedback.message_categories).toBeNull();
  });

  test('--out writes the file whole and says so on stderr', async () => {
    const dir = store();
    const r = await runCli(['report', ...ALL, '--format', 'html', '--out', 'week.html'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Wrote week.html');
    expect(readFileSync(join(dir, 'week.html'), 'utf8')).toContain('Fern &amp; Clay');
    const bad = await runCli(['report', ...ALL, '--out', 'no/such/dir/week.md'], { cwd: store() });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('error: --out no/such/dir/week.md: its folder does not exist or cannot be written\n');
  });
});

describe('KPI targets', () => {
  const yaml = (targets: string): string => `store:\n  currency: USD\n  timezone: America/New_York\nkpi_targets:\n${targets}`;

  test('a missed target makes the run exit 3 and lists it', async () => {
    const dir = store(yaml('  refund_rate: "< 5%"\n  orders: ">= 3"\n  aov: "> 100"\n'));
    const r = await runCli(['report', '--orders', 'orders.csv'], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('error: 2 KPI targets missed:\n  refund_rate < 5%: 66.7%\n  aov > 100: 52.62 USD\n');
    expect(lines(r.stdout)).toContain('  • Refund rate missed its target < 5%: 66.7%.');
    expect(lines(r.stdout)).toContain('  met    orders >= 3: 3');
  });

  test('cron: html into a file with a missed target exits 3, stdout empty, the targets on stderr, no colour', async () => {
    const dir = store(yaml('  refund_rate: "< 5%"\n'));
    const r = await runCli(['report', '--orders', 'orders.csv', '--format', 'html', '--out', 'week.html'], { cwd: dir, env: {} });
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'orders.csv: Shopify orders export — 6 new, 0 changed, 0 unchanged\nWrote week.html\nerror: 1 KPI target missed:\n  refund_rate < 5%: 66.7%\n',
    );
    expect(readFileSync(join(dir, 'week.html'), 'utf8')).toContain('✗ missed');
  });

  test('all met: exit 0', async () => {
    const r = await runCli(['report', '--orders', 'orders.csv'], { cwd: store(yaml('  refund_rate: "<= 70%"\n')) });
    expect(r.code).toBe(0);
  });

  test('an unknown KPI or an unreadable target is an error with its yaml line; nothing is imported', async () => {
    const dir = store(yaml('  refund_rat: "< 5%"\n  aov: "about 40"\n'));
    const r = await runCli(['report', '--orders', 'orders.csv'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('shopflow.yaml line 5, column 15: kpi_targets.refund_rat: "refund_rat" is not a KPI; known: orders, revenue');
    expect(r.stderr).toContain('shopflow.yaml line 6, column 8: kpi_targets.aov: "about 40" is not a target; write e.g. "< 5%", ">= 40" or "> 100"');
    expect(existsSync(join(dir, 'shopflow.db'))).toBe(false);
  });
});

describe('currency', () => {
  const twoCurrencies = (): GenOrder[] => [...ORDERS, order(7, 'fay@example.com', '2026-11-19 10:00:00', [[MUG, 1]], { currency: 'EUR' })];

  function storeWith(orders: GenOrder[], yaml: string): string {
    const dir = tempDir();
    writeFileSync(join(dir, 'shopflow.yaml'), yaml);
    writeFileSync(join(dir, 'orders.csv'), shopifyOrdersCsv(orders));
    return dir;
  }

  test('without store.currency the one currency of the data is used (an INR store just works)', async () => {
    const inr = ORDERS.map((o) => ({ ...o, currency: 'INR' }));
    const r = await runCli(['report', '--orders', 'orders.csv', '--json'], { cwd: storeWith(inr, 'store:\n  timezone: America/New_York\n') });
    expect(JSON.parse(r.stdout).store.currency).toBe('INR');
  });

  test('a second currency is an error unless shopflow.yaml gives its rate', async () => {
    const bad = await runCli(['report', '--orders', 'orders.csv'], { cwd: storeWith(twoCurrencies(), 'store:\n  currency: USD\n  timezone: America/New_York\n') });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe(
      'orders.csv: Shopify orders export — 7 new, 0 changed, 0 unchanged\n' +
        'error: some orders are in EUR, not in the store currency USD: add a rate to shopflow.yaml, e.g. store.currency_rates: { EUR: 1.08 } (1 EUR = 1.08 USD)\n',
    );
    const none = await runCli(['report', '--orders', 'orders.csv'], { cwd: storeWith(twoCurrencies(), 'store:\n  timezone: America/New_York\n') });
    expect(none.stderr).toContain('error: the orders are in several currencies (EUR, USD): set store.currency in shopflow.yaml');
    const ok = await runCli(['report', '--orders', 'orders.csv', '--json'], {
      cwd: storeWith(twoCurrencies(), 'store:\n  currency: USD\n  timezone: America/New_York\n  currency_rates:\n    EUR: 1.5\n'),
    });
    expect(ok.code).toBe(0);
    // 157.85 USD + (24 + 4.95) EUR × 1.5
    expect(JSON.parse(ok.stdout).kpis.revenue).toBeCloseTo(157.85 + 28.95 * 1.5, 2);
  });
});

describe('bad invocations', () => {
  test('exit 2 with the option named', async () => {
    const dir = store();
    const r1 = await runCli(['report', '--period', 'last-year'], { cwd: dir });
    expect(r1.code).toBe(2);
    expect(r1.stderr).toContain('--period: Invalid option: expected one of "last-week"|"this-week"|"last-month"|"last-30-days"');
    const r2 = await runCli(['report', '--since', '2026-02-30', '--orders', 'orders.csv'], { cwd: dir });
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain('--since: a date as YYYY-MM-DD, e.g. 2026-11-16');
    const r3 = await runCli(['report', '--period', 'last-week', '--since', '2026-11-01', '--orders', 'orders.csv'], { cwd: dir });
    expect(r3.stderr).toBe('error: --period cannot be combined with --since/--until\n');
  });

  test('no store history and nothing to import: a clear error, no database made', async () => {
    const dir = tempDir();
    const r = await runCli(['report'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('error: no store history yet: import your exports first (shopflow sync import FILE…) or pass --orders FILE\n');
    expect(existsSync(join(dir, 'shopflow.db'))).toBe(false);
  });
});

describe('email flows', () => {
  const rowsOf = (file: string): Record<string, string>[] =>
    parse(readFileSync(fixture('import', file)), { columns: true }) as Record<string, string>[];

  test('daily flow rows in the period, summed per flow, with rates over delivered', async () => {
    const dir = store();
    const r = await runCli(['report', '--orders', 'orders.csv', '--emails', fixture('import', 'email-klaviyo-flows-daily.csv'), '--since', '2025-09-04', '--until', '2025-09-04', '--json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as Report;
    const day = rowsOf('email-klaviyo-flows-daily.csv').filter((x) => x.Day === '09/04/2025');
    const names = [...new Set(day.map((x) => x['Flow Name']!))].sort();
    expect(j.email.flows.map((f) => f.name).sort()).toEqual(names);
    for (const name of names) {
      const mine = day.filter((x) => x['Flow Name'] === name);
      const delivered = mine.reduce((s, x) => s + Number(x.Delivered), 0);
      const flow = j.email.flows.find((f) => f.name === name)!;
      expect(flow.delivered).toBe(delivered);
      expect(flow.open_rate).toBeCloseTo(mine.reduce((s, x) => s + Number(x['Unique Opens']), 0) / delivered, 9);
    }
    expect(j.kpis.email_delivered).toBe(day.reduce((s, x) => s + Number(x.Delivered), 0));
  });

  test('a monthly row counts only when the period covers its whole month', async () => {
    const file = fixture('import', 'email-klaviyo-flows-monthly.csv');
    const whole = await runCli(['report', '--orders', 'orders.csv', '--emails', file, '--since', '2025-08-01', '--until', '2025-08-31', '--json'], { cwd: store() });
    const aug = rowsOf('email-klaviyo-flows-monthly.csv').filter((x) => x.Month === '08/2025');
    expect(JSON.parse(whole.stdout).kpis.email_delivered).toBe(aug.reduce((s, x) => s + Number(x.Delivered), 0));
    const part = await runCli(['report', '--orders', 'orders.csv', '--emails', file, '--since', '2025-08-04', '--until', '2025-08-10', '--json'], { cwd: store() });
    const j = JSON.parse(part.stdout) as Report;
    expect(j.kpis.email_delivered).toBeNull();
    // The importer keeps one row per flow and month.
    const flowsInAug = new Set(aug.map((x) => x['Flow Name'])).size;
    expect(j.notes).toContain(`${flowsInAug} monthly flow row(s) cover more than the period and are left out of the email figures.`);
  });

  test('--emails that is not an email export is refused before anything is imported', async () => {
    const dir = store();
    const r = await runCli(['report', '--emails', 'orders.csv'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('error: --emails orders.csv: this is a Shopify orders export, not an email campaigns or flows export\n');
    expect(existsSync(join(dir, 'shopflow.db'))).toBe(false);
  });
});

describe('a first try: drafts made, no orders imported yet', () => {
  test('the report says to import orders; no made-up currency in the header', async () => {
    const dir = tempDir();
    expect((await runCli(['draft', example('products.csv')], { cwd: dir })).code).toBe(0);
    const r = await runCli(['report'], { cwd: dir, now: () => new Date('2026-11-27T12:00:00Z') });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(0, 3)).toEqual([
      'KPI report: last week (ISO week 47, 16–22 Nov 2026)',
      'Compared with the previous period: ISO week 46, 9–15 Nov 2026',
      'Days in UTC.',
    ]);
    expect(r.stdout).toContain('No orders in the period, and none in the store history: import an orders export');
    expect(r.stdout).not.toContain('XXX');
  });
});
