/** Rendering parsed template specs (spec.ts) into a field's text, then tidied and fitted (fit.ts). */
import { escapeHtml } from '../lib/text.js';
import { FILTERS, type Item, type Node, type VarValue, type Vars } from './spec.js';
import { fitLength, tidy } from './fit.js';

export * from './spec.js';
export { fitLength, tidy } from './fit.js';

/** "a", "a and b", "a, b and c". */
export function naturalJoin(items: string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** FNV-1a, 32 bit: a tiny stable hash for choosing alternatives. */
export function stableHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

const isEmpty = (v: VarValue | undefined): boolean => (v === undefined ? true : typeof v === 'string' ? v.trim() === '' : v.length === 0);

export interface RenderOptions {
  format: 'html' | 'text';
  /** Chooses the {{#pick}} alternatives: the product's handle plus the template and field names. */
  seed: string;
  maxLength?: number | undefined;
}

/** Renders parsed nodes, tidies the whitespace and fits the result into maxLength. */
export function renderField(nodes: Node[], vars: Vars, opts: RenderOptions): string {
  const html = opts.format === 'html';
  let pickNo = 0;
  type Scope = string | Item;
  const lookup = (name: string, scopes: Scope[]): VarValue | undefined => {
    if (name === '.') return scopes.findLast((s): s is string => typeof s === 'string');
    for (let i = scopes.length - 1; i >= 0; i--) {
      const s = scopes[i]!;
      if (typeof s !== 'string' && name in s) return s[name];
    }
    return vars[name];
  };
  const run = (ns: Node[], scopes: Scope[]): string => {
    let out = '';
    for (const n of ns) {
      if (n.t === 'text') out += n.s;
      else if (n.t === 'var') {
        const v = lookup(n.name, scopes);
        let s = typeof v === 'string' ? v : Array.isArray(v) && v.every((x) => typeof x === 'string') ? naturalJoin(v as string[]) : '';
        for (const f of n.filters) s = FILTERS[f]?.(s) ?? s;
        out += html ? escapeHtml(s) : s;
      } else if (n.t === 'if') {
        if (isEmpty(lookup(n.name, scopes)) === n.neg) out += run(n.body, scopes);
      } else if (n.t === 'each') {
        const v = lookup(n.name, scopes);
        if (Array.isArray(v)) for (const item of v) out += run(n.body, [...scopes, item]);
      } else {
        // Deterministic variety; an alternative that renders empty gives way to the next one.
        const start = stableHash(`${opts.seed}#${pickNo++}`) % n.alts.length;
        for (let i = 0; i < n.alts.length; i++) {
          const s = run(n.alts[(start + i) % n.alts.length]!, scopes);
          if (s.replace(/<[^>]*>/g, '').trim()) {
            out += s;
            break;
          }
        }
      }
    }
    return out;
  };
  const tidied = tidy(run(nodes, []), opts.format);
  return opts.maxLength ? fitLength(tidied, opts.maxLength, opts.format) : tidied;
}
