import { UserError } from '../errors.js';
import { escapeRegExp, plainText } from '../lib/text.js';
import { edit, mustGet, type ReviewDeps } from './review.js';
import type { Item } from '../queue/index.js';

const esc = escapeRegExp;

/** Any character reference: `&rsquo;`, `&#8217;`, `&#x2019;` (HTML names are letters and digits). */
const ENTITY = '&(?:[A-Za-z][A-Za-z0-9]*|#\\d+|#[xX][0-9a-fA-F]+);';
const spaced = (s: string): string => s.replace(/[\s\u00a0]+/g, ' ').trim();

/**
 * The sentence as it sits in the field: spaces may be markup or &nbsp;, and any character but a
 * letter or digit may be written as a reference (claims are read from the decoded text: ’ may be
 * &rsquo;, & may be &amp;). Each candidate is decoded again and kept only if it reads the same.
 */
function findSentence(value: string, sentence: string): RegExpExecArray | undefined {
  const body = sentence
    .trim()
    .split(/\s+/)
    .map((w) => [...w].map((c) => (/[\p{L}\p{N}]/u.test(c) ? esc(c) : `(?:${esc(c)}|${ENTITY})`)).join(''))
    .join('(?:\\s|&nbsp;|<[^>]+>)+');
  const re = new RegExp(`${body}[ \\t]*`, 'gu');
  const want = spaced(sentence);
  for (let m = re.exec(value); m; m = re.exec(value)) if (spaced(plainText(m[0])) === want) return m;
  return undefined;
}

/**
 * Rejects claim n (1-based, as review lists them) by removing the sentence that holds it from its
 * field. The result is an ordinary edit: checks and claims re-run, before and after recorded.
 */
export function removeClaim(deps: ReviewDeps, id: number, n: number): Item {
  const item = mustGet(deps.db, id);
  const claim = item.claims[n - 1];
  if (!claim) {
    throw new UserError(`item ${id} has ${item.claims.length} claim${item.claims.length === 1 ? '' : 's'}; there is no claim ${n} (see: shopflow review show ${id})`);
  }
  const value = item.fields[claim.field] ?? '';
  const m = findSentence(value, claim.sentence);
  if (!m) throw new UserError(`item ${id}: the sentence "${claim.sentence}" is split by markup; edit the item instead`);
  const next = (value.slice(0, m.index) + value.slice(m.index + m[0].length))
    .replace(/<(p|li|h3|strong|em)>\s*<\/\1>\s*/g, '')
    .replace(/<ul>\s*<\/ul>\s*/g, '')
    .replace(/[ \t]+\n/g, '\n')
    .trim();
  return edit(deps, id, { [claim.field]: next }, { removed_claim: { text: claim.text, verdict: claim.verdict, sentence: claim.sentence } });
}
