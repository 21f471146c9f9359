/**
 * What the text and Markdown reports show, as blocks of lines and tables; each renderer only
 * formats them. Every figure comes from the Report; nothing is computed here but formatting.
 */
import { DEFINITIONS, GROUP_TITLES as GROUPS } from './definitions.js';
import { changeText, count, isGood, kpiValue, money, NA, pct, shownKpis, sparkline } from './format.js';
import type { DayPoint, EmailRow, KpiGroup, KpiName, ProductRow, Report } from './types.js';

export interface Cell {
  text: string;
  tone?: 'good' | 'bad' | undefined;
  /** A footnote number (the KPI's definition). */
  note?: number | undefined;
  strong?: boolean;
}

export interface Table {
  head: string[];
  /** 'r' for numbers. */
  align: ('l' | 'r')[];
  rows: Cell[][];
}

export interface Block {
  title: string;
  lines?: string[];
  table?: Table;
}


const perDay = (days: DayPoint[], f: (d: DayPoint) => number | null): (number | null)[] => days.map(f);

function trend(report: Report, kpi: KpiName): string {
  const d = report.daily;
  if (d.length < 2) return '';
  const series: Partial<Record<KpiName, (number | null)[]>> = {
    orders: perDay(d, (x) => x.orders),
    revenue: perDay(d, (x) => x.revenue),
    aov: perDay(d, (x) => (x.orders > 0 ? x.revenue / x.orders : null)),
    sessions: perDay(d, (x) => x.sessions),
    conversion_rate: perDay(d, (x) => (x.sessions ? x.orders / x.sessions : null)),
  };
  return sparkline(series[kpi] ?? []);
}

export function headerLines(r: Report): string[] {
  const name = r.store.name ? ` — ${r.store.name}` : '';
  const lines = [`KPI report${name}: ${r.period.label}`];
  if (r.compare.period) lines.push(`Compared with ${r.compare.mode === 'last-year' ? 'last year' : 'the previous period'}: ${r.compare.period.label}`);
  // XXX is ISO 4217's "no currency": no orders and no store.currency, so there are no amounts to speak of.
  lines.push(r.store.currency === 'XXX' ? `Days in ${r.store.timezone}.` : `Amounts in ${r.store.currency}; days in ${r.store.timezone}.`);
  return lines;
}

function kpiTable(r: Report, notes: Map<KpiName, number>): Table {
  const rows: Cell[][] = [];
  const compare = r.compare.kpis !== null;
  let group: KpiGroup | undefined;
  for (const k of shownKpis(r)) {
    const def = DEFINITIONS[k];
    if (def.group !== group) {
      group = def.group;
      rows.push([{ text: GROUPS[group], strong: true }]);
    }
    const c = r.compare.change?.[k];
    const good = isGood(k, c);
    const row: Cell[] = [{ text: `  ${def.label}`, note: notes.get(k) }, { text: kpiValue(r, k) }];
    if (compare) row.push({ text: kpiValue(r, k, r.compare.kpis![k]) }, { text: changeText(c), tone: good === null ? undefined : good ? 'good' : 'bad' });
    row.push({ text: trend(r, k) });
    rows.push(row);
  }
  const head = compare ? ['KPI', 'This period', 'Previous', 'Change', 'Daily'] : ['KPI', 'This period', 'Daily'];
  return { head, align: compare ? ['l', 'r', 'r', 'r', 'l'] : ['l', 'r', 'l'], rows };
}

function productTable(r: Report, list: ProductRow[], refunds: boolean): Table {
  const head = refunds ? ['Product', 'Refunded orders', 'Units', 'Revenue'] : ['Product', 'Units', 'Revenue'];
  return {
    head,
    align: refunds ? ['l', 'r', 'r', 'r'] : ['l', 'r', 'r'],
    rows: list.map((p) => [
      { text: p.name },
      ...(refunds ? [{ text: count(p.refunded_orders ?? 0) }] : []),
      { text: count(p.units) },
      { text: money(p.revenue, r.store.currency) },
    ]),
  };
}

function emailName(e: EmailRow): string {
  if (e.kind === 'total') return e.name;
  const what = [e.kind === 'flow' ? 'flow' : '', e.date ?? ''].filter(Boolean).join(', ');
  return what ? `${e.name} (${what})` : e.name;
}

function emailTable(r: Report): Table {
  const rows: EmailRow[] = [...r.email.campaigns, ...r.email.flows, ...(r.email.total ? [r.email.total] : [])];
  return {
    head: ['Email', 'Recipients', 'Delivered', 'Open', 'Click', 'Click/open', 'Unsub.', 'Rev./recip.'],
    align: ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
    rows: rows.map((e) => [
      { text: emailName(e), strong: e.kind === 'total' },
      { text: count(e.recipients) },
      { text: count(e.delivered) },
      { text: pct(e.open_rate) },
      { text: pct(e.click_rate) },
      { text: pct(e.click_to_open) },
      { text: pct(e.unsubscribe_rate) },
      { text: money(e.revenue_per_recipient, r.store.currency) },
    ]),
  };
}

function feedbackLines(r: Report): string[] {
  const f = r.feedback;
  const lines: string[] = [];
  if (r.sources.reviews) {
    const dist = [5, 4, 3, 2, 1].map((s) => `${s}★ ${f.distribution[s - 1]}`).join(' · ');
    const avg = r.kpis.average_rating === null ? NA : r.kpis.average_rating.toFixed(2);
    const prev = f.previous_average === null ? '' : ` (previous ${f.previous_average.toFixed(2)})`;
    lines.push(`Ratings: ${dist}; average ${avg}${prev}`);
    if (f.themes.length > 0) {
      lines.push('Themes in 1–2 star reviews:');
      for (const t of f.themes) lines.push(`  "${t.phrase}" in ${t.count} reviews, e.g. ${t.quotes.map((q) => `“${q}”`).join(' ')}`);
    } else lines.push('No phrase comes up in more than one 1–2 star review.');
  }
  lines.push(
    f.message_categories === null
      ? 'Customer messages: n/a (no categorised messages: shopflow respond has not run)'
      : `Customer messages: ${f.message_categories.map((m) => `${m.category} ${m.count}`).join(', ')}`,
  );
  return lines;
}

/** The report as blocks, in the order a reader wants them, plus the footnote numbers of the KPIs. */
export function layout(r: Report): { blocks: Block[]; notes: Map<KpiName, number> } {
  const notes = new Map<KpiName, number>(shownKpis(r).map((k, i) => [k, i + 1]));
  const blocks: Block[] = [
    { title: 'Actions', lines: r.actions.length > 0 ? r.actions : ['Nothing stands out: no KPI moved past its alert threshold.'] },
  ];
  // Nothing in either period (no orders, traffic, email or reviews): the actions say where the data is.
  if (notes.size === 0) return { blocks: r.notes.length > 0 ? [...blocks, { title: 'Notes', lines: r.notes }] : blocks, notes };
  blocks.push({ title: 'KPIs', table: kpiTable(r, notes) });
  const tp = r.top_products;
  if (tp.by_revenue.length > 0) {
    blocks.push({ title: 'Top products by revenue', table: productTable(r, tp.by_revenue, false) });
    blocks.push({ title: 'Top products by units', table: productTable(r, tp.by_units, false) });
  }
  if (tp.most_refunded.length > 0) blocks.push({ title: 'Most refunded products', table: productTable(r, tp.most_refunded, true) });
  if (r.sources.email) blocks.push({ title: 'Email', table: emailTable(r) });
  blocks.push({ title: 'Customer feedback', lines: feedbackLines(r) });
  if (r.targets.length > 0) {
    blocks.push({
      title: 'Targets',
      lines: r.targets.map((t) => `${t.met ? 'met   ' : 'MISSED'} ${t.kpi} ${t.target}: ${kpiValue(r, t.kpi, t.value)}`),
    });
  }
  blocks.push({
    title: 'Definitions',
    lines: [...notes.entries()].map(([k, n]) => `[${n}] ${DEFINITIONS[k].label}: ${r.definitions[k]}`),
  });
  if (r.notes.length > 0) blocks.push({ title: 'Notes', lines: r.notes });
  return { blocks, notes };
}
