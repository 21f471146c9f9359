import { headerLines, layout, type Cell, type Table } from './layout.js';
import type { Report } from './types.js';

const esc = (s: string): string => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\n/g, ' ');

const cell = (c: Cell): string => {
  const t = esc(c.text.trim());
  const body = c.strong && t ? `**${t}**` : t;
  return c.note ? `${body}[^${c.note}]` : body;
};

function mdTable(t: Table): string[] {
  const row = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  return [
    row(t.head.map(esc)),
    row(t.align.map((a) => (a === 'r' ? '---:' : '---'))),
    ...t.rows.map((r) => row(t.head.map((_, i) => (r[i] ? cell(r[i]!) : '')))),
  ];
}

/** The report as Markdown: GitHub tables, KPI definitions as footnotes. */
export function renderMarkdown(report: Report): string {
  const [title, ...sub] = headerLines(report);
  const out = [`# ${esc(title!)}`, '', ...sub.map((l) => `${esc(l)}  `)];
  for (const b of layout(report).blocks) {
    if (b.title === 'Definitions') continue;
    out.push('', `## ${b.title}`, '');
    if (b.table) out.push(...mdTable(b.table));
    const bullet = b.title === 'Actions' || b.title === 'Notes' || b.title === 'Targets' ? '- ' : '';
    for (const l of b.lines ?? []) out.push(bullet ? `${bullet}${esc(l)}` : `${esc(l)}  `);
  }
  const { notes } = layout(report);
  out.push('');
  for (const [k, n] of notes) out.push(`[^${n}]: ${esc(report.definitions[k])}`);
  return `${out.join('\n')}\n`;
}
