import { describe, expect, test } from 'vitest';
import { renderHtml } from '../src/core/report/render-html.js';
import { barChart, lineChart, niceMax } from '../src/core/report/svg.js';
import { KPI_NAMES } from '../src/core/report/types.js';
import type { KpiName, Report } from '../src/core/report/types.js';
import { htmlSampleReport } from './helpers/report-sample.js';

/** The markup of one KPI card, from its id to the next card or the end of its section. */
function card(html: string, k: KpiName): string {
  const start = html.indexOf(`id="kpi-${k}"`);
  expect(start, `card ${k}`).toBeGreaterThan(0);
  const from = html.lastIndexOf('<div class="card', start);
  const next = html.indexOf('<div class="card', start);
  const end = html.indexOf('</section>', start);
  return html.slice(from, next > 0 && next < end ? next : end);
}

function section(html: string, id: string): string {
  const start = html.indexOf(`<section class="group" id="${id}">`);
  expect(start, `section ${id}`).toBeGreaterThan(0);
  return html.slice(start, html.indexOf('</section>', start));
}

/** Every number-valued SVG attribute, the viewBox and the path data: all must be finite numbers. */
function expectFiniteGeometry(html: string): void {
  expect(html).not.toMatch(/NaN|Infinity|undefined|\[object/);
  const attrs = [...html.matchAll(/\s(x|y|x1|x2|y1|y2|cx|cy|r|width|height)="([^"]*)"/g)];
  for (const [, name, v] of attrs) expect(Number.isFinite(Number(v)), `${name}="${v}"`).toBe(true);
  for (const [, vb] of html.matchAll(/viewBox="([^"]*)"/g)) expect(vb).toMatch(/^0 0 \d+(\.\d+)? \d+(\.\d+)?$/);
  for (const [, d] of html.matchAll(/\sd="([^"]*)"/g)) expect(d).toMatch(/^([ML]-?\d+(\.\d+)? -?\d+(\.\d+)?)+$/);
}

describe('renderHtml: structure', () => {
  const html = renderHtml(htmlSampleReport());

  test('one HTML document, phone-ready, titled with the store and the period', () => {
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain('<title>Linen &amp; Clay · last week (ISO week 47)</title>');
    expect(html).toContain('<h1>Linen &amp; Clay</h1>');
    expect(html).toContain('<strong>last week (ISO week 47)</strong> · 16 Nov – 22 Nov 2026');
    expect(html).toContain('Compared with the previous period: 9 Nov – 15 Nov 2026');
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
  });

  test('the actions come first, then the targets, then the KPI groups in order', () => {
    const at = (s: string) => html.indexOf(s);
    expect(at('What to look at')).toBeGreaterThan(0);
    expect(html).toContain('<li>Refund rate rose from 3.7% to 6.3% (target &lt; 5%): 3 of 4 refunds were the Linen-glaze Serving Bowl, &quot;arrived broken&quot;.</li>');
    const order = ['What to look at', 'Targets: 2 of 3 missed', ...['sales', 'customers', 'refunds', 'traffic', 'email', 'feedback'].map((g) => `id="${g}"`), 'How each number is computed'];
    const positions = order.map(at);
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  test('missed targets are listed first and their cards are highlighted', () => {
    const targets = html.slice(html.indexOf('<section class="targets">'), html.indexOf('id="sales"'));
    expect(targets.indexOf('Refund rate')).toBeLessThan(targets.indexOf('Conversion rate'));
    expect(targets.indexOf('Average rating')).toBeLessThan(targets.indexOf('Conversion rate'));
    expect(targets).toMatch(/<li class="missed">.*Refund rate<\/strong> 6\.3%.*target &lt; 5%/);
    expect(card(html, 'refund_rate')).toMatch(/^<div class="card missed"/);
    expect(card(html, 'refund_rate')).toContain('✗ target &lt; 5% missed');
    expect(card(html, 'conversion_rate')).toMatch(/^<div class="card met"/);
    expect(card(html, 'revenue')).toMatch(/^<div class="card"/);
  });

  test('a card shows value, previous value and change; lowerIsBetter flips the colour', () => {
    const revenue = card(html, 'revenue');
    expect(revenue).toContain('<div class="value">€2,954.30</div>');
    expect(revenue).toContain('<span class="delta good">▲ 21.2%</span> <span class="prev">vs €2,437.30</span>');
    expect(card(html, 'refund_rate')).toContain('<span class="delta bad">▲ 70.3%</span>'); // up is bad
    expect(card(html, 'discount_rate')).toContain('<span class="delta good">▼ 17.6%</span>'); // down is good
    expect(card(html, 'click_rate')).toContain('<span class="delta bad">▼ 8.8%</span>');
    expect(card(html, 'average_rating')).toContain('<div class="value">4.3 / 5</div>');
    expect(card(html, 'sessions')).toContain('<div class="value">4,392</div>');
  });

  test('a period with nothing in it and its comparison: the actions, no empty sections, no definitions', () => {
    const r = htmlSampleReport();
    r.sources = { orders: false, traffic: false, email: false, reviews: false, messages: false };
    r.compare.kpis = Object.fromEntries(KPI_NAMES.map((k) => [k, k === 'orders' || k === 'reviews' ? 0 : null])) as Report['kpis'];
    r.actions = ['No orders in the period: the store history has orders from 1 Jan 2024 to 22 May 2024.'];
    r.targets = [];
    const html = renderHtml(r);
    expect(html).toContain('<li>No orders in the period: the store history has orders from 1 Jan 2024 to 22 May 2024.</li>');
    expect(html).not.toContain('<h2>Sales</h2>');
    expect(html).not.toContain('data imported for this period');
    expect(html).not.toContain('How each number is computed');
  });

  test('null values and changes read n/a; with no comparison there is no previous value', () => {
    const r = htmlSampleReport();
    r.kpis.conversion_rate = null;
    r.compare.change!.conversion_rate = null;
    const c = card(renderHtml(r), 'conversion_rate');
    expect(c).toContain('<div class="value">n/a</div>');
    expect(c).toContain('<span class="delta">n/a</span>');
    r.compare.kpis!.conversion_rate = null;
    const noPrev = card(renderHtml(r), 'conversion_rate');
    expect(noPrev).toContain('<div class="compare"><span class="prev">previous n/a</span></div>');
    expect(noPrev).not.toContain('vs n/a');
    r.compare = { mode: 'none', period: null, kpis: null, change: null };
    r.daily_previous = null;
    const none = renderHtml(r);
    expect(card(none, 'revenue')).not.toContain('vs ');
    expect(none).not.toContain('Compared with');
    expect(none).not.toContain('Previous period');
  });

  test('money follows the store currency', () => {
    const r = htmlSampleReport();
    r.store.currency = 'JPY';
    expect(card(renderHtml(r), 'revenue')).toContain('<div class="value">¥2,954</div>');
    r.store.currency = 'USD';
    expect(card(renderHtml(r), 'aov')).toContain('<div class="value">$46.89</div>');
  });

  test('charts for sales, conversion, email and ratings, each with a title and a viewBox', () => {
    for (const id of ['revenue', 'orders', 'conversion', 'email', 'ratings']) {
      expect(html).toMatch(new RegExp(`<svg class="chart" data-chart="${id}" viewBox="0 0 400 \\d+" role="img" aria-label="[^"]+"[^>]*><title>`));
    }
    const revenue = html.slice(html.indexOf('data-chart="revenue"'), html.indexOf('</svg>', html.indexOf('data-chart="revenue"')));
    expect(revenue).toContain('class="mark line cur"');
    expect(revenue).toContain('class="mark line prev"');
    expect(revenue).toContain('stroke-dasharray="4 3"');
    expect(revenue.match(/class="mark dot cur"/g)).toHaveLength(7);
    const ratings = html.slice(html.indexOf('data-chart="ratings"'));
    expect(ratings.slice(0, ratings.indexOf('</svg>')).match(/class="mark bar"/g)).toHaveLength(5);
  });

  test('products, email table with the Apple Mail caveat, themes with quotes, notes, formulas', () => {
    expect(section(html, 'sales')).toContain('<td class="name">Speckled Stoneware Mug</td><td class="n">31</td><td class="n">€868.00</td>');
    expect(section(html, 'refunds')).toContain('Most refunded products');
    const email = section(html, 'email');
    for (const name of ['Black Friday early access', 'New glazes: winter collection', 'Welcome series', 'Abandoned checkout']) expect(email).toContain(name);
    expect(email).toMatch(/<tr class="total"><td class="name">All email<\/td><td class="n">6,120<\/td><td class="n">41\.2%<\/td>/);
    expect(email).toContain('Apple Mail Privacy Protection');
    const feedback = section(html, 'feedback');
    expect(feedback).toContain('<strong>“arrived broken”</strong> <span class="muted">in 3 reviews</span><blockquote>Bowl arrived broken, the box was far too thin.</blockquote>');
    expect(html).toContain('<li>Today (23 Nov) is not finished and is left out.</li>');
    for (const k of KPI_NAMES) {
      expect(html).toContain(`<dd>formula of ${k.replace(/_/g, ' ')} ÷ its denominator</dd>`);
      expect(html).toContain(`<a href="#def-${k}">`);
    }
  });

  test('a section without imported data says so and draws nothing', () => {
    const r = htmlSampleReport();
    r.sources = { orders: false, traffic: false, email: false, reviews: false, messages: false };
    const out = renderHtml(r);
    expect(section(out, 'sales')).toContain('No order data imported for this period.');
    expect(section(out, 'traffic')).toContain('No traffic data imported for this period.');
    expect(section(out, 'email')).toContain('No email data imported for this period.');
    expect(section(out, 'feedback')).toContain('No review data imported for this period.');
    expect(out).not.toContain('<svg');
    expect(out).not.toContain('Apple Mail');
  });

  test('conversion per day is drawn only with both orders and sessions', () => {
    const r = htmlSampleReport();
    r.sources.orders = false;
    expect(renderHtml(r)).not.toContain('data-chart="conversion"');
    const s = htmlSampleReport();
    s.daily = s.daily.map((d) => ({ ...d, sessions: null }));
    expect(renderHtml(s)).not.toContain('data-chart="conversion"');
  });

  test('self-contained: no external reference, no script', () => {
    expect(html).not.toMatch(/https?:|src=|<link|<script|url\(|@import|<img|<iframe|<object|<embed/i);
    for (const [, href] of html.matchAll(/href="([^"]*)"/g)) expect(href).toMatch(/^#def-[a-z_]+$/);
  });
});

describe('renderHtml: hostile data is escaped', () => {
  const evil = `<script>alert("x")</script> & 'q'`;
  const evilAttr = `"><img src=x onerror=alert(1)>`;

  test('store, products, campaigns, quotes, actions, notes, targets and formulas', () => {
    const r = htmlSampleReport();
    r.store.name = evil;
    r.store.timezone = evil;
    r.period.label = evil;
    r.top_products.by_revenue[0]!.name = evil;
    r.top_products.most_refunded[0]!.name = evilAttr;
    r.email.campaigns[0]!.name = evilAttr;
    r.email.flows[0]!.name = evil;
    r.email.flows[0]!.date = evil;
    r.feedback.themes[0] = { phrase: evil, count: 2, quotes: [evil, evilAttr] };
    r.feedback.message_categories = [{ category: evil, count: 3 }];
    r.sources.messages = true;
    r.actions.push(evil);
    r.notes.push(evilAttr);
    r.targets[0]!.target = evil;
    r.definitions.revenue = evil;
    const html = renderHtml(r);
    expect(html).not.toMatch(/<script|<img|<\/?[a-z]+[^>]*\sonerror=/i);
    const escaped = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;';
    // title, h1, period, timezone, product, flow name + date, theme, quote, category, action, target ×2, formula
    expect(html.split(escaped).length - 1).toBeGreaterThanOrEqual(14);
    expect(html).toContain('aria-label="Open and click rates per campaign and flow"');
    expect(html).toContain('<title>&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</title>'); // the chart row's tooltip
  });
});

describe('renderHtml: edge cases never leak NaN into the markup', () => {
  const variants: Record<string, (r: Report) => void> = {
    'one day': (r) => {
      r.daily = r.daily.slice(0, 1);
      r.daily_previous = r.daily_previous!.slice(0, 1);
      r.period = { ...r.period, since: '2026-11-16', until: '2026-11-16', days: 1, label: 'yesterday' };
    },
    'all zeros': (r) => {
      r.daily = r.daily.map((d) => ({ ...d, orders: 0, revenue: 0, sessions: 0 }));
      r.daily_previous = r.daily_previous!.map((d) => ({ ...d, orders: 0, revenue: 0, sessions: 0 }));
      r.feedback.distribution = [0, 0, 0, 0, 0];
      r.email.campaigns = r.email.campaigns.map((e) => ({ ...e, open_rate: 0, click_rate: 0 }));
    },
    'nulls everywhere': (r) => {
      for (const k of KPI_NAMES) {
        r.kpis[k] = null;
        r.compare.kpis![k] = null;
        r.compare.change![k] = null;
      }
      r.daily = r.daily.map((d, i) => ({ ...d, sessions: i % 2 ? null : d.sessions }));
      r.email.campaigns = r.email.campaigns.map((e) => ({ ...e, open_rate: null, click_rate: null, recipients: null, revenue: null }));
      r.email.total = null;
      r.feedback.previous_average = null;
      r.targets = r.targets.map((t) => ({ ...t, value: null, met: false }));
    },
    'empty arrays': (r) => {
      r.daily = [];
      r.daily_previous = null;
      r.top_products = { by_revenue: [], by_units: [], most_refunded: [] };
      r.email = { campaigns: [], flows: [], total: null };
      r.feedback = { distribution: [0, 0, 0, 0, 0], previous_average: null, themes: [], message_categories: [] };
      r.actions = [];
      r.targets = [];
      r.notes = [];
    },
    'not-finite numbers': (r) => {
      r.daily[2]!.revenue = Number.NaN;
      r.daily[3]!.orders = Number.POSITIVE_INFINITY;
      r.kpis.aov = Number.NaN;
      r.compare.change!.revenue = Number.POSITIVE_INFINITY;
    },
  };
  for (const [name, change] of Object.entries(variants)) {
    test(name, () => {
      const r = htmlSampleReport();
      change(r);
      const html = renderHtml(r);
      expectFiniteGeometry(html);
      expect(html).toContain('</html>');
    });
  }

  test('one day is drawn as dots; no data at all says so', () => {
    const r = htmlSampleReport();
    variants['one day']!(r);
    const one = renderHtml(r);
    expect(one.match(/class="mark dot cur"/g)!.length).toBeGreaterThanOrEqual(3); // revenue, orders, conversion
    expect(one).not.toContain('class="mark line');
    const e = htmlSampleReport();
    variants['empty arrays']!(e);
    expect(renderHtml(e)).toContain('No data for this period');
  });
});

describe('svg charts', () => {
  const fmt = (n: number) => String(n);

  test('niceMax rounds up to a readable axis maximum', () => {
    expect([niceMax(0), niceMax(-3), niceMax(Number.NaN), niceMax(611.2), niceMax(12), niceMax(0.034), niceMax(1)]).toEqual([1, 1, 1, 800, 12, 0.04, 1]);
  });

  test('a null breaks the line; an isolated point becomes a dot', () => {
    const svg = lineChart({ chart: 't', title: 'T', labels: ['a', 'b', 'c', 'd', 'e'], series: [{ name: 'S', values: [1, null, 2, 3, 4] }], format: fmt });
    const d = svg.match(/<path class="mark line cur" d="([^"]*)"/)![1]!;
    expect(d.match(/M/g)).toHaveLength(1);
    expect(d.match(/L/g)).toHaveLength(2);
    expect(svg.match(/class="mark dot cur"/g)).toHaveLength(4);
  });

  test('all zeros draw a flat line on the baseline', () => {
    const svg = lineChart({ chart: 't', title: 'T', labels: ['a', 'b', 'c'], series: [{ name: 'S', values: [0, 0, 0] }], format: fmt });
    const ys = [...svg.match(/d="([^"]*)"/)![1]!.matchAll(/[ML][\d.]+ ([\d.]+)/g)].map((m) => m[1]);
    expect(new Set(ys).size).toBe(1);
    expectFiniteGeometry(svg);
  });

  test('empty inputs give a labelled empty chart', () => {
    for (const svg of [
      lineChart({ chart: 't', title: 'Empty <T>', labels: [], series: [], format: fmt }),
      barChart({ chart: 'b', title: 'Empty <B>', series: ['x'], rows: [], format: fmt }),
      barChart({ chart: 'b', title: 'Nulls', series: ['x'], rows: [{ label: 'a', values: [null] }], format: fmt }),
    ]) {
      expect(svg).toContain('No data for this period');
      expect(svg).not.toContain('<T>');
      expectFiniteGeometry(svg);
    }
  });

  test('bars are proportional and a null shows n/a', () => {
    const svg = barChart({ chart: 'b', title: 'B', series: ['x'], rows: [{ label: 'a', values: [10] }, { label: 'b', values: [5] }, { label: 'c', values: [null] }], format: fmt });
    const widths = [...svg.matchAll(/class="mark bar" x="[\d.]+" y="[\d.]+" width="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(widths).toHaveLength(2);
    expect(widths[0]! / widths[1]!).toBeCloseTo(2, 1);
    expect(svg).toContain('>n/a</text>');
  });
});
