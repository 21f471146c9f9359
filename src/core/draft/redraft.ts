import type { LlmRequest } from '../llm/index.js';
import { claimMessage, type Claim } from '../claims/guard.js';

/**
 * The second try of a model's draft whose claims the product data does not support: the same
 * request, with the flagged claims named in the instructions. draft.ts asks it once; the second
 * draft is kept (flagged if it still fails), unless that call fails.
 */
export function redraftRequest(req: LlmRequest, flagged: Claim[]): LlmRequest {
  return { ...req, system: `${req.system}\n\n${redraftNote(flagged)}` };
}

export function redraftNote(flagged: Claim[]): string {
  return [
    'Your previous draft stated claims that the product data does not support. Write every field again',
    'without them, and state nothing that is not in the product data:',
    ...flagged.map((c) => `- ${claimMessage(c)}`),
  ].join('\n');
}
