import type { Product } from '../formats/types.js';
import type { StoreConfig } from '../config/config.js';
import { WriteBatch } from '../db/write-batch.js';
import { logged, runCalls, type BulkReport, type CallRecord, type LlmProvider } from '../llm/index.js';
import { checkClaims, isFlagged, type Claim } from '../claims/guard.js';
import { redraftRequest } from './redraft.js';
import { storeDraft, type StoreContext } from './store.js';
import type { DraftItem } from './result.js';
import type { Job } from './plan.js';
import type { Options } from './options.js';

export interface CallDeps {
  llm: LlmProvider;
  config: StoreConfig;
  now: () => Date;
  signal?: AbortSignal | undefined;
}

/**
 * Calls the provider for the jobs, storing each draft (or failure) as it arrives. The claims guard:
 * a model's draft with unsupported or contradicted claims is asked for once more, naming them; that
 * second try starts before the jobs not yet started, so a first draft waits in memory only while
 * its second try is made. The second draft is kept, flagged if it still fails.
 */
export async function callAndStore(
  jobs: Job[],
  opts: Options,
  store: StoreContext,
  deps: CallDeps,
  onStored: (job: Job, item: DraftItem) => void,
): Promise<BulkReport> {
  const provider = deps.config.provider;
  // A provider that does not read its instructions (offline) says only what the data says: never asked again.
  const guarding = deps.llm.capabilities.readsPrompt;
  const firsts = new Map<number, { job: Job; call: CallRecord; claims: Claim[] }>();
  // A call that may cost is committed on its own, so a crash loses none; free drafts are grouped.
  const batch = new WriteBatch(store.db, deps.llm.capabilities.costs ? 1 : 200);
  // Each call's log row rides in the group its draft commits with: both are stored, or neither.
  const llm = logged(deps.llm, store.db, { now: deps.now, prices: provider.prices, writes: batch });
  const settings = {
    concurrency: opts.concurrency ?? provider.concurrency,
    maxCostUsd: opts.maxCost,
    maxOutputTokens: provider.max_output_tokens,
    prices: provider.prices,
    now: deps.now,
    signal: deps.signal,
  };
  const stored = (job: { product: Product; inputHash: string }, call: CallRecord, known: Parameters<typeof storeDraft>[4]) =>
    storeDraft(job, call, store, batch, known);
  try {
    return await runCalls(jobs, llm, settings, (job, call): Job | void => {
      const earlier = firsts.get(job.index);
      if (earlier) {
        firsts.delete(job.index);
        return onStored(earlier.job, stored(earlier.job, call, { earlier }));
      }
      const claims = call.response ? checkClaims(call.response.fields, job.product, store.guard) : [];
      const flagged = guarding ? claims.filter(isFlagged) : [];
      if (flagged.length === 0) return onStored(job, stored(job, call, { claims }));
      firsts.set(job.index, { job, call, claims });
      batch.commit(); // its log row, not held open while the second try is made
      return { ...job, req: redraftRequest(job.req, flagged) };
    });
  } finally {
    // Drafts whose second try was not made (Ctrl+C, budget, a fatal error) are kept, flagged.
    for (const { job, call, claims } of firsts.values()) onStored(job, stored(job, call, { claims }));
    batch.commit();
  }
}
