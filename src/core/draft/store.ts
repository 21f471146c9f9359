import type { Db } from '../db/open.js';
import type { Product } from '../formats/types.js';
import type { WriteBatch } from '../db/write-batch.js';
import { checkFields } from '../templates/checks.js';
import { insertItem, supersedePending } from '../queue/items.js';
import { linkCalls, recordCall, type CallRecord } from '../llm/index.js';
import { checkClaims, isFlagged, type Claim, type GuardContext } from '../claims/guard.js';
import { base, type DraftItem } from './result.js';
import type { LoadedTemplate } from './plan.js';

/** What storing a draft needs; `counts.superseded` counts the older pending drafts it replaced. */
export interface StoreContext {
  db: Db;
  providerId: string;
  template: LoadedTemplate;
  sourceFile: string;
  now: () => Date;
  counts: { superseded: number };
  /** The claims guard: each draft's claims are checked against the product's data and stored with it. */
  guard: GuardContext;
}

/** Calls a logged() provider has stored are linked to the item; others (a batch's) are stored now. */
function logCalls(db: Db, calls: CallRecord[], itemId: number | null): void {
  for (const c of calls) {
    if (c.logId === undefined) recordCall(db, c, itemId);
    else if (itemId !== null) linkCalls(db, [c.logId], itemId);
  }
}

/**
 * Stores one finished call: the draft with its checks and claims, linked to its call log row, or
 * only the failed call. `earlier`: the first draft (with its claims) when this call was its second
 * try (claims guard); it is logged too, and kept when the second try failed. `claims`: this call's
 * claims when the caller has already checked them.
 */
export function storeDraft(
  job: { product: Product; inputHash: string },
  call: CallRecord,
  ctx: StoreContext,
  batch: WriteBatch,
  known: { earlier?: { call: CallRecord; claims: Claim[] }; claims?: Claim[] } = {},
): DraftItem {
  const { product, inputHash } = job;
  const earlier = known.earlier?.call;
  const calls = earlier ? [earlier, call] : [call];
  const keepEarlier = !call.response && earlier?.response !== undefined;
  const kept = keepEarlier ? earlier! : call;
  if (!kept.response) {
    batch.unit(() => logCalls(ctx.db, calls, null));
    return { ...base(product), id: null, outcome: 'failed', error: call.error ?? 'unknown error' };
  }
  const fields = kept.response.fields;
  const { template } = ctx;
  const checks = checkFields(template, fields);
  const claims = (keepEarlier ? known.earlier?.claims : known.claims) ?? checkClaims(fields, product, ctx.guard);
  const at = ctx.now().toISOString();
  const id = batch.unit(() => {
    const newId = insertItem(
      ctx.db,
      {
        kind: template.kind,
        handle: product.handle,
        title: product.title,
        template: template.name,
        templateHash: template.hash,
        provider: ctx.providerId,
        inputHash,
        sourceFile: ctx.sourceFile,
        source: product,
        fields,
        checks,
        claims,
      },
      at,
    );
    ctx.counts.superseded += supersedePending(ctx.db, product.handle, template.name, at, newId);
    logCalls(ctx.db, calls, newId);
    return newId;
  });
  const errors = checks.filter((c) => c.level === 'error').length;
  return { ...base(product), id, outcome: 'drafted', errors, warnings: checks.length - errors, flags: claims.filter(isFlagged).length };
}
