import { renderText } from './render-text.js';
import type { Report } from './types.js';

// Placeholder: the full HTML report (with svg.ts charts) replaces this file at merge.
const escape = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

export function renderHtml(report: Report): string {
  const title = escape(`KPI report: ${report.period.label}`);
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>\n<body><pre>${escape(renderText(report))}</pre></body></html>\n`;
}
