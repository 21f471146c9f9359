import { DEFINITIONS, GROUP_TITLES } from './definitions.js';
import { shownKpis } from './format.js';
import { REPORT_CSS } from './html-style.js';
import { barChart, esc, lineChart, type LineSeries } from './svg.js';
import { KPI_NAMES } from './types.js';
import type { DayPoint, EmailRow, KpiGroup, KpiName, KpiUnit, ProductRow, Report, Target } from './types.js';

/**
 * The weekly report as one self-contained HTML file: inline CSS and SVG, no script, no external
 * fonts, images or links, so it opens the same from a mail attachment, a phone or a printer.
 * Every string from the data goes through `esc`.
 */
export function renderHtml(report: Report): string {
  const f = formatters(report.store.currency);
  const store = report.store.name ?? 'Your store';
  const targets = new Map(report.targets.map((t) => [t.kpi, t]));
  const groups: KpiGroup[] = ['sales', 'customers', 'refunds', 'traffic', 'email', 'feedback'];
  // Nothing in either period: the actions say where the data is; six "no data" sections would not.
  const empty = shownKpis(report).length === 0;
  const body = [
    header(report, store),
    actions(report.actions),
    targetList(report.targets, f),
    ...(empty ? [] : groups.map((g) => groupSection(report, g, f, targets))),
    notes(report),
    empty ? '' : footnotes(report),
    `<footer>Made by shopflow on ${esc(report.generated_at.slice(0, 16).replace('T', ' '))} (${esc(report.store.timezone)})</footer>`,
  ];
  return (
    `<!doctype html>\n<html lang="en"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<meta name="color-scheme" content="light dark">` +
    `<title>${esc(`${store} · ${report.period.label}`)}</title><style>${REPORT_CSS}</style></head>\n` +
    `<body><main>\n${body.filter(Boolean).join('\n')}\n</main></body></html>\n`
  );
}

interface Fmt {
  money: (n: number) => string;
  moneyShort: (n: number) => string;
  kpi: (unit: KpiUnit, v: number | null) => string;
  count: (n: number) => string;
  rate: (n: number) => string;
}

function formatters(currency: string): Fmt {
  const nf = (o: Intl.NumberFormatOptions) => new Intl.NumberFormat('en', o).format;
  let money: (n: number) => string;
  let moneyShort: (n: number) => string;
  try {
    money = nf({ style: 'currency', currency });
    moneyShort = nf({ style: 'currency', currency, notation: 'compact', minimumFractionDigits: 0, maximumFractionDigits: 1 });
  } catch {
    // A currency code Intl does not accept still shows the amount, followed by the code.
    money = (n) => `${nf({ maximumFractionDigits: 2 })(n)} ${currency}`;
    moneyShort = (n) => `${nf({ notation: 'compact', minimumFractionDigits: 0, maximumFractionDigits: 1 })(n)} ${currency}`;
  }
  const count = nf({ maximumFractionDigits: 1 });
  const rate = nf({ style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const byUnit = { money, count, rate, rating: (n: number) => `${n.toFixed(1)} / 5` };
  return { money, moneyShort, count, rate, kpi: (unit, v) => (v === null || !Number.isFinite(v) ? 'n/a' : byUnit[unit](v)) };
}

function fmtDate(iso: string, opts: Intl.DateTimeFormatOptions): string {
  const d = new Date(`${iso}T12:00:00Z`);
  return Number.isNaN(d.getTime()) ? iso : new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', ...opts }).format(d);
}

const range = (since: string, until: string) =>
  since === until ? fmtDate(since, { day: 'numeric', month: 'short', year: 'numeric' }) : `${fmtDate(since, { day: 'numeric', month: 'short' })} – ${fmtDate(until, { day: 'numeric', month: 'short', year: 'numeric' })}`;

function header(r: Report, store: string): string {
  const p = r.period;
  const dates = range(p.since, p.until);
  let cmp = '';
  if (r.compare.mode !== 'none' && r.compare.period) {
    const what = r.compare.mode === 'last-year' ? 'the same days last year' : 'the previous period';
    cmp = `<p class="period">Compared with ${what}: ${esc(range(r.compare.period.since, r.compare.period.until))}</p>`;
  }
  const when = p.label.includes(dates) ? '' : ` · ${esc(dates)}`;
  return `<header><p class="eyebrow">${p.days === 7 ? 'Weekly report' : 'Store report'}</p><h1>${esc(store)}</h1><p class="period"><strong>${esc(p.label)}</strong>${when}</p>${cmp}</header>`;
}

function actions(list: string[]): string {
  if (list.length === 0) return '';
  return `<section class="actions"><h2>What to look at</h2><ol>${list.map((a) => `<li>${esc(a)}</li>`).join('')}</ol></section>`;
}

function targetList(list: Target[], f: Fmt): string {
  if (list.length === 0) return '';
  const missed = list.filter((t) => !t.met);
  const sorted = [...missed, ...list.filter((t) => t.met)];
  const items = sorted.map((t) => {
    const def = DEFINITIONS[t.kpi];
    return `<li class="${t.met ? 'met' : 'missed'}"><span class="mark">${t.met ? '✓ met' : '✗ missed'}</span><span><strong>${esc(def.label)}</strong> ${esc(f.kpi(def.unit, t.value))}</span><span class="muted">target ${esc(t.target)}</span></li>`;
  });
  const title = missed.length ? `Targets: ${missed.length} of ${list.length} missed` : `Targets: all ${list.length} met`;
  return `<section class="targets"><h2>${title}</h2><ul>${items.join('')}</ul></section>`;
}

function card(r: Report, k: KpiName, f: Fmt, target: Target | undefined): string {
  const def = DEFINITIONS[k];
  let compare = '';
  if (r.compare.mode !== 'none' && r.compare.kpis) {
    const ch = r.compare.change?.[k] ?? null;
    let delta = '<span class="delta">n/a</span>';
    if (ch !== null && Number.isFinite(ch)) {
      const flat = Math.abs(ch) < 0.0005;
      const up = ch > 0;
      const tone = flat ? '' : up !== !!def.lowerIsBetter ? ' good' : ' bad';
      delta = `<span class="delta${tone}">${flat ? '→' : up ? '▲' : '▼'} ${esc(f.rate(Math.abs(ch)))}</span>`;
    }
    const prev = r.compare.kpis[k];
    // Without a previous figure there is no change to show: one plain "previous n/a", not "n/a vs n/a".
    compare =
      prev === null
        ? '<div class="compare"><span class="prev">previous n/a</span></div>'
        : `<div class="compare">${delta} <span class="prev">vs ${esc(f.kpi(def.unit, prev))}</span></div>`;
  }
  const t = target ? `<div class="target">${target.met ? '✓' : '✗'} target ${esc(target.target)}${target.met ? '' : ' missed'}</div>` : '';
  const cls = target ? (target.met ? ' met' : ' missed') : '';
  return `<div class="card${cls}" id="kpi-${k}"><div class="label"><a href="#def-${k}">${esc(def.label)}</a></div><div class="value">${esc(f.kpi(def.unit, r.kpis[k]))}</div>${compare}${t}</div>`;
}

const SOURCE: Record<KpiGroup, { key: keyof Report['sources']; what: string }> = {
  sales: { key: 'orders', what: 'order' },
  customers: { key: 'orders', what: 'order' },
  refunds: { key: 'orders', what: 'order' },
  traffic: { key: 'traffic', what: 'traffic' },
  email: { key: 'email', what: 'email' },
  feedback: { key: 'reviews', what: 'review' },
};

function groupSection(r: Report, g: KpiGroup, f: Fmt, targets: Map<KpiName, Target>): string {
  const src = SOURCE[g];
  const open = `<section class="group" id="${g}"><h2>${GROUP_TITLES[g]}</h2>`;
  if (!r.sources[src.key]) return `${open}<p class="nodata">No ${src.what} data imported for this period.</p></section>`;
  const kpis = KPI_NAMES.filter((k) => DEFINITIONS[k].group === g);
  const cards = `<div class="cards">${kpis.map((k) => card(r, k, f, targets.get(k))).join('')}</div>`;
  return `${open}${cards}${GROUP_EXTRAS[g](r, f)}</section>`;
}

const GROUP_EXTRAS: Record<KpiGroup, (r: Report, f: Fmt) => string> = {
  sales: (r, f) =>
    charts([
      dailyChart(r, 'revenue', 'Revenue per day', (d) => d.revenue, f.moneyShort),
      dailyChart(r, 'orders', 'Orders per day', (d) => d.orders, f.count),
    ]) +
    tables([
      productTable('Top products by revenue', r.top_products.by_revenue, f),
      productTable('Top products by units', r.top_products.by_units, f),
    ]),
  customers: () => '',
  refunds: (r, f) => tables([productTable('Most refunded products', r.top_products.most_refunded, f)]),
  traffic: (r, f) => {
    const conv = (d: DayPoint) => (d.sessions ? d.orders / d.sessions : null);
    return r.sources.orders && r.daily.some((d) => d.sessions !== null) ? charts([dailyChart(r, 'conversion', 'Conversion rate per day', conv, f.rate)]) : '';
  },
  email: emailExtras,
  feedback: feedbackExtras,
};

const charts = (list: string[]) => `<div class="charts">${list.join('')}</div>`;
const tables = (list: string[]) => `<div class="tables">${list.filter(Boolean).join('')}</div>`;
const figure = (caption: string, svg: string) => `<figure><figcaption>${esc(caption)}</figcaption>${svg}</figure>`;

function dailyChart(r: Report, id: string, title: string, pick: (d: DayPoint) => number | null, format: (n: number) => string): string {
  const days = r.daily;
  const labels = days.map((d) => fmtDate(d.date, days.length <= 7 ? { weekday: 'short', day: 'numeric' } : { day: 'numeric', month: 'short' }));
  const series: LineSeries[] = [{ name: 'This period', values: days.map(pick) }];
  if (r.compare.mode !== 'none' && r.daily_previous?.length) {
    series.push({ name: r.compare.mode === 'last-year' ? 'Last year' : 'Previous period', values: r.daily_previous.map(pick), previous: true });
  }
  return figure(title, lineChart({ chart: id, title: `${title}, ${range(r.period.since, r.period.until)}`, labels, series, format }));
}

function productTable(title: string, rows: ProductRow[], f: Fmt): string {
  if (rows.length === 0) return '';
  const refunds = rows.some((p) => p.refunded_orders !== undefined);
  const head = `<tr><th>#</th><th>Product</th>${refunds ? '<th class="n">Refunded orders</th>' : ''}<th class="n">Units</th><th class="n">Revenue</th></tr>`;
  const body = rows.map(
    (p, i) =>
      `<tr><td>${i + 1}</td><td class="name">${esc(p.name)}</td>${refunds ? `<td class="n">${esc(f.count(p.refunded_orders ?? 0))}</td>` : ''}<td class="n">${esc(f.count(p.units))}</td><td class="n">${esc(f.money(p.revenue))}</td></tr>`,
  );
  return `<div><h3>${esc(title)}</h3><div class="scroll"><table>${head}${body.join('')}</table></div></div>`;
}

function emailExtras(r: Report, f: Fmt): string {
  const { campaigns, flows, total } = r.email;
  const rows = [...campaigns, ...flows].slice(0, 12);
  const chart = barChart({
    chart: 'email',
    title: 'Open and click rates per campaign and flow',
    series: ['Open rate', 'Click rate'],
    rows: rows.map((e) => ({ label: e.name, values: [e.open_rate, e.click_rate] })),
    format: f.rate,
  });
  const num = (v: number | null, fmt: (n: number) => string) => `<td class="n">${esc(v === null ? 'n/a' : fmt(v))}</td>`;
  const line = (e: EmailRow, cls = '') =>
    `<tr${cls}><td class="name">${esc(e.name)}${e.date ? `<div class="muted">${esc(e.date)}</div>` : ''}</td>${num(e.recipients, f.count)}${num(e.open_rate, f.rate)}${num(e.click_rate, f.rate)}${num(e.click_to_open, f.rate)}${num(e.unsubscribe_rate, f.rate)}${num(e.revenue, f.money)}${num(e.revenue_per_recipient, f.money)}</tr>`;
  const block = (title: string, list: EmailRow[]) => (list.length ? `<tr class="sub"><th colspan="8">${title}</th></tr>${list.map((e) => line(e)).join('')}` : '');
  const head = '<tr><th>Name</th><th class="n">Recipients</th><th class="n">Open rate*</th><th class="n">Click rate</th><th class="n">Click-to-open</th><th class="n">Unsubscribed</th><th class="n">Revenue</th><th class="n">Per recipient</th></tr>';
  const table = `<div class="scroll"><table class="email">${head}${block('Campaigns', campaigns)}${block('Flows', flows)}${total ? line(total, ' class="total"') : ''}</table></div>`;
  const caveat = '<p class="caveat">* Open rates are inflated: Apple Mail Privacy Protection loads every email it receives, so it counts as opened. Compare click rates for a truer picture.</p>';
  return `${charts([figure('Open and click rates', chart)])}<h3>Campaigns and flows</h3>${table}${caveat}`;
}

function feedbackExtras(r: Report, f: Fmt): string {
  const fb = r.feedback;
  const dist = barChart({
    chart: 'ratings',
    title: 'Reviews per star rating',
    series: ['Reviews'],
    rows: [5, 4, 3, 2, 1].map((s) => ({ label: `${s} ★`, values: [fb.distribution[s - 1] ?? 0] })),
    format: f.count,
    colours: ['#d9922b'],
  });
  const shown = r.compare.kpis?.average_rating ?? null;
  const prev = fb.previous_average !== null && fb.previous_average !== shown ? `<p class="muted">Average rating before this period: ${esc(f.kpi('rating', fb.previous_average))}</p>` : '';
  const themes = fb.themes.length
    ? `<h3>What low-star reviews mention</h3><ul class="themes">${fb.themes
        .map((t) => `<li><strong>“${esc(t.phrase)}”</strong> <span class="muted">in ${esc(f.count(t.count))} reviews</span>${t.quotes.map((q) => `<blockquote>${esc(q)}</blockquote>`).join('')}</li>`)
        .join('')}</ul>`
    : '';
  const cats = r.sources.messages && fb.message_categories?.length
    ? `<h3>Customer messages</h3><div class="scroll"><table><tr><th>Category</th><th class="n">Messages</th></tr>${fb.message_categories
        .map((m) => `<tr><td>${esc(m.category)}</td><td class="n">${esc(f.count(m.count))}</td></tr>`)
        .join('')}</table></div>`
    : '';
  return `${charts([figure('Rating distribution', dist)])}${prev}${themes}${cats}`;
}

function notes(r: Report): string {
  if (r.notes.length === 0) return '';
  return `<section class="notes"><h2>Notes</h2><ul>${r.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul></section>`;
}

function footnotes(r: Report): string {
  const items = KPI_NAMES.filter((k) => r.definitions[k]).map(
    (k) => `<dt id="def-${k}">${esc(DEFINITIONS[k].label)}</dt><dd>${esc(r.definitions[k])}</dd>`,
  );
  return items.length ? `<section class="footnotes"><h2>How each number is computed</h2><dl>${items.join('')}</dl></section>` : '';
}
