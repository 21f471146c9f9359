import { UserError } from '../errors.js';
import { edit, mustGet, type ReviewDeps } from './review.js';
import type { Item } from '../queue/index.js';

const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The sentence as it sits in the field: spaces may be markup or &nbsp;, "&" may be "&amp;". */
function sentencePattern(sentence: string): RegExp {
  const body = sentence
    .trim()
    .split(/\s+/)
    .map((w) => esc(w).replace(/&/g, '(?:&|&amp;)').replace(/'/g, "(?:'|&#39;|&apos;)").replace(/"/g, '(?:"|&quot;)'))
    .join('(?:\\s|&nbsp;|<[^>]+>)+');
  return new RegExp(`${body}[ \\t]*`);
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
  const m = sentencePattern(claim.sentence).exec(value);
  if (!m) throw new UserError(`item ${id}: the sentence "${claim.sentence}" is split by markup; edit the item instead`);
  const next = (value.slice(0, m.index) + value.slice(m.index + m[0].length))
    .replace(/<(p|li|h3|strong|em)>\s*<\/\1>\s*/g, '')
    .replace(/<ul>\s*<\/ul>\s*/g, '')
    .replace(/[ \t]+\n/g, '\n')
    .trim();
  return edit(deps, id, { [claim.field]: next }, { removed_claim: { text: claim.text, verdict: claim.verdict, sentence: claim.sentence } });
}
