/** Tidying and fitting rendered text: whitespace, empty elements, and a length limit cut at a phrase's end. */
import { escapeHtml, plainText } from '../lib/text.js';
const BLOCK = 'p|ul|ol|li|h[1-6]|div|dl|dt|dd|blockquote|table|tr|td|th';

/** Collapses whitespace, drops empty elements, fixes " ." and "..". HTML: one block per line. */
export function tidy(s: string, format: 'html' | 'text'): string {
  let out: string;
  if (format === 'html') {
    out = s.replace(/\s+/g, ' ').replace(new RegExp(`\\s*(</?(?:${BLOCK})\\b[^>]*>)\\s*`, 'gi'), '$1');
    const empty = new RegExp(`<(${BLOCK})\\b[^>]*>\\s*</\\1>`, 'gi');
    for (let prev = ''; prev !== out; ) [prev, out] = [out, out.replace(empty, '')];
    out = out.replace(new RegExp(`(?!^)(<(?:${BLOCK})\\b|</(?:ul|ol|dl|table)>)`, 'gi'), '\n$1');
  } else {
    out = s
      .split('\n')
      .map((l) => l.replace(/[ \t]+/g, ' ').trim())
      .join('\n')
      .replace(/\n{3,}/g, '\n\n');
  }
  return out
    .replace(/[ \t]+([.,;:!?])/g, '$1')
    .replace(/(?<![.])([.!?])\.(?![.])/g, '$1')
    .replace(/([,;]){2,}/g, '$1')
    .trim();
}

const DANGLING = /(?:\s+(?:and|or|with|in|of|the|a|an|for|by|from|to|at|on|&|\+))+$/i;
const count = (s: string): number => Array.from(s).length;

/**
 * Fits text into max characters: at a sentence end or a " | " / " – " separator when one is past
 * half the limit, else at a word boundary; never mid-word, no dangling ",", "(", "and".
 * HTML is cut after the last complete top-level block that fits.
 */
export function fitLength(s: string, max: number, format: 'html' | 'text' = 'text'): string {
  if (count(s) <= max) return s;
  if (format === 'html') return fitHtml(s, max);
  const chars = Array.from(s);
  const slice = chars.slice(0, max).join('');
  const nextIsSpace = /\s/.test(chars[max] ?? ' ');
  const half = slice.length / 2;
  let cut = -1;
  for (const m of slice.matchAll(/[.!?](?=\s)/g)) if (m.index + 1 >= half) cut = m.index + 1;
  if (nextIsSpace && /[.!?]$/.test(slice)) cut = slice.length;
  if (cut < 0) for (const m of slice.matchAll(/\s[|–—-]\s|\n/g)) if (m.index >= half) cut = m.index;
  if (cut < 0) cut = nextIsSpace ? slice.length : slice.search(/\s\S*$/);
  if (cut <= 0) return slice; // a single word longer than the limit
  let out = slice.slice(0, cut);
  for (let prev = ''; prev !== out; ) {
    prev = out;
    out = out.replace(/[\s,;:|–—\-/&+(]+$/, '').replace(DANGLING, '');
    if ((out.match(/\(/g) ?? []).length > (out.match(/\)/g) ?? []).length) out = out.slice(0, out.lastIndexOf('('));
  }
  return out || slice.slice(0, cut);
}

function fitHtml(s: string, max: number): string {
  const re = new RegExp(`<(/?)(${BLOCK})\\b[^>]*>`, 'gi');
  let depth = 0;
  let best = -1;
  for (const m of s.matchAll(re)) {
    depth += m[1] ? -1 : 1;
    const end = m.index + m[0].length;
    if (depth === 0 && m[1] && count(s.slice(0, end)) <= max) best = end;
  }
  if (best > 0) return s.slice(0, best).trim();
  // No complete block fits: the first block's text, cut to fit inside <p>…</p>.
  const first = plainText(s).split('\n')[0] ?? '';
  for (let room = max - 7; room > 0; ) {
    const inner = escapeHtml(fitLength(first, room));
    const over = count(inner) - (max - 7);
    if (over <= 0) return `<p>${inner}</p>`;
    room -= over;
  }
  return '';
}
