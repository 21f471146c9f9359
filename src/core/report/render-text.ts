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

/**
 * A table padded to its widest cells; colour is applied after padding so widths stay right. When
 * it is wider than `width` (a terminal), each row's first cell gets a line of its own and the
 * other cells go on the next line, indented, so nothing wraps in the middle of a number.
 */
export function textTable(t: Table, paint: Paint = plain, width = Infinity): string[] {
  const all = [t.head.map((text) => ({ text }) as Cell), ...t.rows];
  const widths = t.head.map((_, i) => Math.max(...all.map((r) => (r[i] ? cellText(r[i]!).length : 0))));
  const split = widths.reduce((s, w) => s + w + 2, -2) > width && widths.length > 2;
  const cells = (row: Cell[], ri: number, from: number): string =>
    row
      .slice(from)
      .map((c, j) => {
        const i = j + from;
        const s = cellText(c);
        const padded = t.align[i] === 'r' ? s.padStart(widths[i]!) : s.padEnd(widths[i]!);
        if (ri === 0 || c.strong) return paint.bold(padded);
        return c.tone === 'good' ? paint.good(padded) : c.tone === 'bad' ? paint.bad(padded) : padded;
      })
      .join('  ')
      .trimEnd();
  if (!split) return all.map((row, ri) => cells(row, ri, 0));
  return all.flatMap((row, ri) => {
    const first = row[0] ? cellText(row[0]) : '';
    const head = ri === 0 || row[0]?.strong ? paint.bold(first) : first;
    return row.length > 1 ? [head, `    ${cells(row, ri, 1)}`] : [head];
  });
}

/** The compact terminal report: header, actions, KPI table with daily sparklines, sections, footnotes; tables fit `width`. */
export function renderText(report: Report, paint: Paint = plain, width = Infinity): string {
  const out = headerLines(report).map((l, i) => (i === 0 ? paint.bold(l) : l));
  for (const b of layout(report).blocks) {
    out.push('', paint.bold(b.title));
    if (b.table) out.push(...textTable(b.table, paint, width - 2).map((l) => `  ${l}`));
    const bullet = b.title === 'Actions' && report.actions.length > 0 ? '• ' : '';
    for (const l of b.lines ?? []) out.push(`  ${bullet}${l}`);
  }
  return `${out.join('\n')}\n`;
}
