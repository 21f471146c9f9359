/**
 * Small inline SVG charts for the HTML report: pure functions from numbers to markup, no script.
 * Every chart has a viewBox (it scales to its container), a <title> and an aria-label. Text and grid
 * use currentColor so they follow the page's light or dark colours. Coordinates go through `c()`,
 * so a NaN or Infinity in the data can never reach the markup.
 */
import { escapeHtml } from '../lib/text.js';

/** Escapes text for HTML element content and quoted attributes (shared with the templates). */
export const esc = escapeHtml;

const W = 400;
const FONT = 'font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif"';
export const SERIES_COLOURS = ['#4263eb', '#8d99ae', '#0c8599', '#d9822b'];

/** A coordinate with one decimal; anything not finite becomes 0. */
function c(n: number): string {
  return Number.isFinite(n) ? String(Math.round(n * 10) / 10) : '0';
}

const finite = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/** The smallest "round" number (1, 1.2, 1.6, 2, 2.5, 3, 4, 5, 6, 8 × 10^k) at or above max; 1 when there is nothing above 0. */
export function niceMax(max: number): number {
  if (!Number.isFinite(max) || max <= 0) return 1;
  const mag = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 1.2, 1.6, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (step * mag >= max * (1 - 1e-9)) return step * mag;
  return 10 * mag;
}

function open(chart: string, title: string, height: number, desc?: string): string {
  return (
    `<svg class="chart" data-chart="${esc(chart)}" viewBox="0 0 ${W} ${c(height)}" role="img" aria-label="${esc(title)}" ${FONT} font-size="13">` +
    `<title>${esc(title)}</title>${desc ? `<desc>${esc(desc)}</desc>` : ''}`
  );
}

function empty(chart: string, title: string): string {
  return `${open(chart, title, 80)}<text class="empty" x="${W / 2}" y="44" text-anchor="middle" fill="currentColor" opacity="0.6">No data for this period</text></svg>`;
}

/** One legend row at the top: a swatch (line or square) and a name per series. */
function legend(items: { name: string; colour: string; dashed?: boolean; square?: boolean }[], x0: number): string {
  let x = x0;
  return items
    .map((it) => {
      const swatch = it.square
        ? `<rect x="${c(x)}" y="6" width="10" height="10" rx="2" fill="${it.colour}"/>`
        : `<line x1="${c(x)}" y1="11" x2="${c(x + 16)}" y2="11" stroke="${it.colour}" stroke-width="2"${it.dashed ? ' stroke-dasharray="4 3"' : ''}/>`;
      const w = (it.square ? 14 : 20) + it.name.length * 7 + 14;
      const out = `<g class="legend">${swatch}<text x="${c(x + (it.square ? 14 : 20))}" y="15" fill="currentColor">${esc(it.name)}</text></g>`;
      x += w;
      return out;
    })
    .join('');
}

export interface LineSeries {
  name: string;
  values: (number | null)[];
  /** Drawn dashed and grey: the comparison period. */
  previous?: boolean;
}

export interface LineChartSpec {
  /** A stable id for the chart (data-chart attribute). */
  chart: string;
  title: string;
  desc?: string;
  /** One label per point (x axis); the series are aligned by index. */
  labels: string[];
  series: LineSeries[];
  /** Formats a y-axis value. */
  format: (n: number) => string;
}

/** Lines per day; a null value breaks the line, an isolated point is drawn as a dot. */
export function lineChart(spec: LineChartSpec): string {
  const n = Math.max(spec.labels.length, ...spec.series.map((s) => s.values.length), 0);
  const all = spec.series.flatMap((s) => s.values).filter(finite);
  if (n === 0 || all.length === 0) return empty(spec.chart, spec.title);
  const H = 220;
  const left = 46;
  const right = W - 20;
  const top = 30;
  const bottom = H - 40;
  const max = niceMax(Math.max(...all));
  const x = (i: number) => (n === 1 ? (left + right) / 2 : left + (i * (right - left)) / (n - 1));
  const y = (v: number) => bottom - (v / max) * (bottom - top);

  let out = open(spec.chart, spec.title, H, spec.desc);
  out += legend(
    spec.series.map((s, i) => ({ name: s.name, colour: s.previous ? SERIES_COLOURS[1]! : SERIES_COLOURS[i === 0 ? 0 : 2]!, dashed: s.previous })),
    left,
  );
  for (const t of [0, 0.5, 1]) {
    const yy = y(max * t);
    out += `<line class="grid" x1="${left}" y1="${c(yy)}" x2="${right}" y2="${c(yy)}" stroke="currentColor" stroke-opacity="${t === 0 ? 0.35 : 0.12}"/>`;
    out += `<text class="axis" x="${left - 6}" y="${c(yy + 4)}" text-anchor="end" fill="currentColor" opacity="0.7">${esc(spec.format(max * t))}</text>`;
  }
  const step = Math.max(1, Math.ceil((n - 1) / 6));
  for (let i = 0; i < n; i += step) {
    // "Mon 16" on two lines ("Mon" over "16"), so seven days fit at any width.
    const [first, ...rest] = (spec.labels[i] ?? '').split(' ');
    const second = rest.length ? `<tspan x="${c(x(i))}" dy="14">${esc(rest.join(' '))}</tspan>` : '';
    out += `<text class="axis" x="${c(x(i))}" y="${bottom + 17}" text-anchor="middle" fill="currentColor" opacity="0.7">${esc(first ?? '')}${second}</text>`;
  }
  // Draw the comparison first so the current period sits on top.
  const order = spec.series.map((s, i) => ({ s, i })).sort((a, b) => Number(!!b.s.previous) - Number(!!a.s.previous));
  for (const { s, i } of order) {
    const colour = s.previous ? SERIES_COLOURS[1]! : SERIES_COLOURS[i === 0 ? 0 : 2]!;
    let d = '';
    const dots: number[] = [];
    s.values.forEach((v, k) => {
      if (!finite(v)) return;
      const joined = k > 0 && finite(s.values[k - 1]);
      const alone = !joined && !finite(s.values[k + 1]);
      if (!alone) d += `${joined ? 'L' : 'M'}${c(x(k))} ${c(y(v))}`;
      if (alone || (!s.previous && n <= 14)) dots.push(k);
    });
    const kind = s.previous ? 'prev' : 'cur';
    if (d) {
      out += `<path class="mark line ${kind}" d="${d}" fill="none" stroke="${colour}" stroke-width="${s.previous ? 1.5 : 2.2}" stroke-linejoin="round" stroke-linecap="round"${s.previous ? ' stroke-dasharray="4 3"' : ''}/>`;
    }
    for (const k of dots) {
      out += `<circle class="mark dot ${kind}" cx="${c(x(k))}" cy="${c(y(s.values[k]!))}" r="${s.previous ? 2 : 2.8}" fill="${colour}"/>`;
    }
  }
  return `${out}</svg>`;
}

export interface BarRow {
  label: string;
  values: (number | null)[];
}

export interface BarChartSpec {
  chart: string;
  title: string;
  desc?: string;
  /** Series names, one per value in each row; a legend is drawn when there are several. */
  series: string[];
  rows: BarRow[];
  format: (n: number) => string;
  colours?: string[];
}

/**
 * Horizontal bars, one group per row (a campaign, a star rating), one bar per series. Short labels
 * ("5 ★") sit left of the bars; longer ones (campaign names) get their own line above them, so a
 * phone-width chart never cuts them.
 */
export function barChart(spec: BarChartSpec): string {
  const all = spec.rows.flatMap((r) => r.values).filter(finite);
  if (spec.rows.length === 0 || all.length === 0) return empty(spec.chart, spec.title);
  const colours = spec.colours ?? [SERIES_COLOURS[0]!, SERIES_COLOURS[2]!];
  const bands = spec.series.length;
  const barH = 12;
  const above = spec.rows.some((r) => r.label.length > 6);
  const labelH = above ? 18 : 0;
  const rowH = labelH + bands * (barH + 3) + (above ? 12 : 6);
  const top = bands > 1 ? 28 : 4;
  const x0 = above ? 0 : 44;
  const right = W - 58;
  const H = top + spec.rows.length * rowH;
  const max = Math.max(...all) > 0 ? Math.max(...all) : 1;

  let out = open(spec.chart, spec.title, H, spec.desc);
  if (bands > 1) out += legend(spec.series.map((name, i) => ({ name, colour: colours[i % colours.length]!, square: true })), x0);
  spec.rows.forEach((row, r) => {
    const y0 = top + r * rowH;
    const label = row.label.length > 52 ? `${row.label.slice(0, 51)}…` : row.label;
    out += `<g class="row"><title>${esc(row.label)}</title>`;
    out += above
      ? `<text class="axis" x="0" y="${c(y0 + 13)}" fill="currentColor">${esc(label)}</text>`
      : `<text class="axis" x="${x0 - 8}" y="${c(y0 + barH - 1)}" text-anchor="end" fill="currentColor">${esc(label)}</text>`;
    row.values.forEach((v, b) => {
      const yy = y0 + labelH + b * (barH + 3);
      const w = finite(v) ? Math.max(0, (v / max) * (right - x0)) : 0;
      out += `<rect class="track" x="${x0}" y="${c(yy)}" width="${right - x0}" height="${barH}" rx="2" fill="currentColor" fill-opacity="0.07"/>`;
      if (w > 0) {
        out += `<rect class="mark bar" x="${x0}" y="${c(yy)}" width="${c(Math.max(w, 1.5))}" height="${barH}" rx="2" fill="${colours[b % colours.length]}"><title>${esc(`${row.label}, ${spec.series[b] ?? ''}: ${spec.format(v!)}`)}</title></rect>`;
      }
      out += `<text class="value" x="${c(right + 6)}" y="${c(yy + barH - 1)}" font-size="12" fill="currentColor" opacity="0.8">${esc(finite(v) ? spec.format(v) : 'n/a')}</text>`;
    });
    out += '</g>';
  });
  return `${out}</svg>`;
}
