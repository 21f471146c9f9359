import type { Template } from './schema.js';
import { escapeRegExp, plainText } from '../lib/text.js';

/** One finding about a field of an item, shown in review. Errors block a plain approve. */
export interface Check {
  field: string;
  level: 'error' | 'warning';
  message: string;
  /** Set on length checks, which `review approve --all-passing` also requires to pass. */
  rule?: 'length';
}

/** Characters as a reader counts them (code points, so "é" and "€" count once). */
export const charCount = (s: string): number => Array.from(s).length;

/**
 * A case-insensitive whole-word pattern for a word or phrase; a space or hyphen in it matches
 * either, so "game-changer" also finds "game changer".
 */
const patterns = new Map<string, RegExp>();

export function wordPattern(word: string): RegExp {
  const known = patterns.get(word);
  if (known) return known;
  const body = word
    .trim()
    .split(/[\s-]+/)
    .map(escapeRegExp)
    .join('[\\s\\-]+');
  const re = new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, 'iu');
  if (patterns.size > 5000) patterns.clear(); // product values pass through here too: keep it bounded
  patterns.set(word, re);
  return re;
}

/** Checks each field a template declares: present, not empty, within its limits, free of banned words. */
export function checkFields(template: Template, fields: Record<string, string>): Check[] {
  const checks: Check[] = [];
  for (const f of template.fields) {
    const value = fields[f.name];
    if (value === undefined) {
      checks.push({ field: f.name, level: 'error', message: `${f.label} is missing` });
      continue;
    }
    const readable = f.format === 'html' ? plainText(value) : value;
    if (readable.trim() === '') {
      checks.push({ field: f.name, level: 'error', message: `${f.label} is empty` });
      continue;
    }
    // The limits apply to what is stored and exported: for HTML, the markup counts too.
    const n = charCount(value);
    if (f.max_length !== undefined && n > f.max_length) {
      checks.push({ field: f.name, level: 'error', rule: 'length', message: `${f.label} is ${n} characters; the limit is ${f.max_length}` });
    }
    if (f.min_length !== undefined && n < f.min_length) {
      checks.push({
        field: f.name,
        level: 'warning',
        rule: 'length',
        message: `${f.label} is ${n} characters; aim for at least ${f.min_length}`,
      });
    }
    for (const word of template.banned_words.filter((w) => w.trim())) {
      const m = wordPattern(word).exec(readable);
      if (m) checks.push({ field: f.name, level: 'error', message: `${f.label} uses the banned word "${m[0]}"` });
    }
  }
  const declared = new Set(template.fields.map((f) => f.name));
  for (const name of Object.keys(fields)) {
    if (!declared.has(name)) {
      checks.push({ field: name, level: 'warning', message: `"${name}" is not a field of template ${template.name}; it is ignored` });
    }
  }
  return checks;
}
