import { headerLines, layout, type Cell, type Table } from './layout.js';
import type { Report } from './types.js';

/** Colours for the terminal; the CLI passes chalk's on a TTY, plain text otherwise. */
export interface Paint {
  good: (s: string) => string;
  bad: (s: string) => string;
  bold: (s: string) => string;
}

const plain: Paint = { good: (s) => s, bad: (s) => s, bold: (s) => s };

const cellText = (c: Cell): string => (c.note ? `${c.text} [${c.note}]` : c.text);

/** A table padded to its widest cells; colour is applied after padding so widths stay right. */
export function textTable(t: Table, paint: Paint = plain): string[] {
  const all = [t.head.map((text) => ({ text }) as Cell), ...t.rows];
  const widths = t.head.map((_, i) => Math.max(...all.map((r) => (r[i] ? cellText(r[i]!).length : 0))));
  return all.map((row, ri) =>
    row
      .map((c, i) => {
        const s = cellText(c);
        const padded = t.align[i] === 'r' ? s.padStart(widths[i]!) : s.padEnd(widths[i]!);
        if (ri === 0 || c.strong) return paint.bold(padded);
        return c.tone === 'good' ? paint.good(padded) : c.tone === 'bad' ? paint.bad(padded) : padded;
      })
      .join('  ')
      .trimEnd(),
  );
}

/** The compact terminal report: header, actions, KPI table with daily sparklines, sections, footnotes. */
export function renderText(report: Report, paint: Paint = plain): string {
  const out = headerLines(report).map((l, i) => (i === 0 ? paint.bold(l) : l));
  for (const b of layout(report).blocks) {
    out.push('', paint.bold(b.title));
    if (b.table) out.push(...textTable(b.table, paint).map((l) => `  ${l}`));
    const bullet = b.title === 'Actions' && report.actions.length > 0 ? '• ' : '';
    for (const l of b.lines ?? []) out.push(`  ${bullet}${l}`);
  }
  return `${out.join('\n')}\n`;
}
