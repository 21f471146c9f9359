import { guardContext } from '../claims/guard.js';
import type { Db } from '../db/open.js';
import type { StoreLocation } from '../config/config.js';
import type { Product } from '../formats/types.js';
import { currentItem } from '../queue/items.js';
import { WriteBatch } from '../db/write-batch.js';
import { loadTemplate } from '../templates/load.js';
import { storeDraft } from './store.js';
import { productCopyRequest } from './task.js';
import { copyOutput } from './output.js';
import {
  batchOutput,
  batchRequests,
  costUsd,
  markCollected,
  priceFor,
  recordCall,
  refreshBatches,
  type BatchApi,
  type BatchRow,
  type CallRecord,
  type LlmProvider,
} from '../llm/index.js';

export interface BatchReport {
  id: string;
  template: string;
  sourceFile: string;
  submittedAt: string;
  requests: number;
  status: string;
  /** Answered so far (while running) or in all (when finished). */
  completed: number;
  /** After collect: drafts stored, replies that failed, products already drafted meanwhile. */
  drafted?: number;
  failed?: number;
  skipped?: number;
}

export interface BatchCollectResult {
  batches: BatchReport[];
  drafted: number;
  failed: number;
}

const FINISHED_WITHOUT_OUTPUT = new Set(['failed', 'expired', 'cancelled']);

/**
 * Checks every batch not collected yet; with `collect`, stores the drafts of the finished ones in
 * the review queue — each batch in one go with its collected mark, so collecting twice stores
 * nothing twice, and a product drafted meanwhile is skipped. A batch that failed or expired is
 * closed: the next `draft` run drafts its products again.
 */
export async function batchCollect(
  deps: { db: Db; llm: LlmProvider & BatchApi; store: StoreLocation; cwd: string; now: () => Date },
  opts: { collect: boolean },
): Promise<BatchCollectResult> {
  const result: BatchCollectResult = { batches: [], drafted: 0, failed: 0 };
  for (const row of await refreshBatches(deps.db, deps.llm)) {
    const report: BatchReport = {
      id: row.remoteId,
      template: row.template,
      sourceFile: row.sourceFile,
      submittedAt: row.at,
      requests: row.requests,
      status: row.status,
      completed: row.state.completed,
    };
    result.batches.push(report);
    if (!opts.collect) continue;
    if (FINISHED_WITHOUT_OUTPUT.has(row.status)) markCollected(deps.db, row.id, deps.now().toISOString());
    if (row.status !== 'completed' || !row.state.outputFileId) continue;
    // The drafts were written by the template as it was when submitted.
    const template = { ...loadTemplate(row.template, { templatesDir: deps.store.templatesDir, cwd: deps.cwd }), hash: row.templateHash };
    const answers = await batchOutput(deps.llm, row.state.outputFileId, copyOutput(template));
    Object.assign(report, storeBatch(deps, row, template, answers), { status: 'collected' });
    result.drafted += report.drafted ?? 0;
    result.failed += report.failed ?? 0;
  }
  return result;
}

function storeBatch(
  deps: { db: Db; store: StoreLocation; cwd: string; now: () => Date },
  row: BatchRow,
  template: ReturnType<typeof loadTemplate>,
  answers: Awaited<ReturnType<typeof batchOutput>>,
): { drafted: number; failed: number; skipped: number } {
  const price = priceFor(row.model, deps.store.config.provider.prices);
  const requests = batchRequests(deps.db, row.id);
  const counts = { drafted: 0, failed: 0, skipped: 0, superseded: 0 };
  const ctx = { db: deps.db, providerId: row.provider, template, sourceFile: row.sourceFile, now: deps.now, counts, guard: guardContext(deps.store.config, deps.store.dir) };
  const writes = new WriteBatch(deps.db, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  try {
    for (const a of answers) {
      const r = requests.get(a.customId);
      if (!r) continue;
      const source = r.source as Product;
      const call: CallRecord = {
        at: deps.now().toISOString(),
        provider: row.provider,
        model: row.model,
        req: productCopyRequest(template, source, deps.store.config, { system: r.system, prompt: r.prompt }),
        usage: a.usage,
        latencyMs: 0,
        costUsd: costUsd(a.usage, price, true),
        retries: 0,
        ...(a.response ? { response: a.response } : { error: a.error ?? 'no answer', raw: a.raw }),
      };
      // Drafted live after the batch was submitted: that draft stays; the paid reply is only logged.
      const current = currentItem(deps.db, r.handle, template.name);
      if (current && current.createdAt > row.at) {
        writes.unit(() => recordCall(deps.db, call, null));
        counts.skipped++;
        continue;
      }
      const item = storeDraft({ product: source, inputHash: r.inputHash }, call, ctx, writes);
      if (item.outcome === 'drafted') counts.drafted++;
      else counts.failed++;
    }
    writes.unit(() => markCollected(deps.db, row.id, deps.now().toISOString()));
    writes.commit();
  } catch (e) {
    // All or nothing: a batch is stored with its "collected" mark, or not at all (collect again).
    writes.rollback();
    throw e;
  }
  return { drafted: counts.drafted, failed: counts.failed, skipped: counts.skipped };
}
