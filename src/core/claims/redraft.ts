import { timedCall, type CallRecord } from '../llm/logged.js';
import type { LlmProvider } from '../llm/provider.js';
import { checkClaims, claimMessage, isFlagged, type Claim, type GuardContext } from './guard.js';

export interface GuardedDraft {
  /** The call whose text the item keeps. */
  kept: CallRecord;
  /** Every call made, first one included, each to be logged. */
  calls: CallRecord[];
  claims: Claim[];
}

/**
 * Checks a model's draft against the product's data. When a claim is unsupported or contradicted,
 * asks once more, naming the claims; the second draft is kept (and flagged if it still fails),
 * unless that call fails. The offline provider says only what the data says: it is never asked again.
 */
export async function guardDraft(
  first: CallRecord,
  deps: { llm: LlmProvider; now: () => Date; guard: GuardContext },
): Promise<GuardedDraft> {
  const product = first.req.product;
  const claims = checkClaims(first.response!.fields, product, deps.guard);
  const flagged = claims.filter(isFlagged);
  if (flagged.length === 0 || deps.llm.id === 'offline') return { kept: first, calls: [first], claims };
  const req = { ...first.req, system: `${first.req.system}\n\n${redraftNote(flagged)}` };
  const second = await timedCall(deps.llm, req, { now: deps.now });
  if (!second.response) return { kept: first, calls: [first, second], claims };
  return { kept: second, calls: [first, second], claims: checkClaims(second.response.fields, product, deps.guard) };
}

export function redraftNote(flagged: Claim[]): string {
  return [
    'Your previous draft stated claims that the product data does not support. Write every field again',
    'without them, and state nothing that is not in the product data:',
    ...flagged.map((c) => `- ${claimMessage(c)}`),
  ].join('\n');
}
