import { resolve } from 'node:path';
import { z } from 'zod';
import type { Db } from '../db/open.js';
import type { StoreLocation } from '../config/config.js';
import type { LlmProvider, LlmRequest } from '../llm/provider.js';
import type { Product, ProductPlatform } from '../formats/types.js';
import { UserError, warningText } from '../errors.js';
import { readProducts } from '../formats/read-products.js';
import { loadTemplate } from '../templates/load.js';
import { buildPrompt } from './prompt.js';
import { checkFields } from '../templates/checks.js';
import { currentItem, insertItem, supersedePending } from '../queue/items.js';
import { recordCall, type CallRecord } from '../llm/logged.js';
import { estimateCalls, runCalls, type BulkReport, type Spend } from '../llm/bulk.js';
import { hasBatchApi, submitBatch, waitingInBatch } from '../llm/batch.js';
import { WriteBatch } from '../db/write-batch.js';
import { sha256 } from '../lib/hash.js';
import { productContentHash } from '../formats/content-hash.js';
import { plainText } from '../lib/text.js';
import { checkClaims, guardContext, isFlagged, type Claim, type GuardContext } from '../claims/guard.js';
import { redraftRequest } from './redraft.js';
import { withExamples } from '../templates/examples.js';

export const DraftOptions = z
  .object({
    file: z.string().min(1),
    template: z.string().min(1).default('product-description'),
    only: z.array(z.string().min(1)).optional(),
    onlyMissing: z.boolean().default(false),
    limit: z.coerce.number().int().positive().optional(),
    force: z.boolean().default(false),
    dryRun: z.boolean().default(false),
    platform: z.enum(['shopify', 'woocommerce', 'etsy', 'generic']).optional(),
    columnMap: z.record(z.string(), z.string()).optional(),
    /** Requests at once (default: provider.concurrency in shopflow.yaml, 4). */
    concurrency: z.coerce.number().int().min(1).max(64).optional(),
    /** Stop before spending more than this many US dollars. */
    maxCost: z.coerce.number().nonnegative().optional(),
    /** Submit through the OpenAI Batch API (half price, within 24 h); `batch collect` brings the drafts. */
    batch: z.boolean().default(false),
  })
  .strict();
export type DraftOptions = z.input<typeof DraftOptions>;

/**
 * not-started: Ctrl+C or --max-cost stopped the run first; the next run drafts it.
 * in-batch: waiting in a Batch API job (`shopflow batch collect` stores its draft).
 */
export type DraftOutcome = 'drafted' | 'unchanged' | 'failed' | 'would-draft' | 'not-started' | 'in-batch';

export interface DraftItem {
  id: number | null;
  handle: string;
  title: string;
  outcome: DraftOutcome;
  errors?: number;
  warnings?: number;
  /** Claims the product's data does not support (unsupported or contradicted). */
  flags?: number;
  error?: string;
}

export interface DraftResult {
  file: string;
  platform: ProductPlatform;
  layout: string;
  template: string;
  provider: string;
  dryRun: boolean;
  /** Products in the file. */
  products: number;
  /** Products selected by --only / --only-missing / --limit. */
  selected: number;
  drafted: number;
  unchanged: number;
  failed: number;
  notStarted: number;
  inBatch: number;
  superseded: number;
  /** --batch: the Batch API job just submitted. */
  batch: { id: string; requests: number } | null;
  /** Dry run: what the calls would cost (null for a provider without a model). */
  estimate: Spend | null;
  /** A real run: what the calls spent. */
  spent: BulkReport | null;
  /** Why the run stopped before the end. */
  stopped: 'interrupted' | 'budget' | null;
  items: DraftItem[];
  warnings: string[];
}

export interface DraftDeps {
  /** Relative paths are read from here; messages name them as the user typed them. */
  cwd: string;
  /** Opened only once the file and template are known good, so a bad file leaves no database behind. */
  openDb: () => Promise<Db>;
  llm: LlmProvider;
  store: StoreLocation;
  now: () => Date;
  onProgress?: (done: number, total: number) => void;
  /** Ctrl+C: what is finished is kept, calls in flight are abandoned. */
  signal?: AbortSignal;
}

type LoadedTemplate = ReturnType<typeof loadTemplate>;
type Options = z.output<typeof DraftOptions>;
interface Job {
  index: number;
  product: Product;
  inputHash: string;
  req: LlmRequest;
}

/**
 * Drafts copy for every selected product of an export, several calls at once, each draft stored
 * as it arrives. A product whose content, template, model and settings are unchanged since its
 * last draft is not drafted again: a re-run after a crash or Ctrl+C calls only for the rest.
 */
export async function draft(input: DraftOptions, deps: DraftDeps): Promise<DraftResult> {
  const opts = DraftOptions.parse(input);
  if (opts.batch && !hasBatchApi(deps.llm)) throw new UserError('--batch needs the openai provider (the OpenAI Batch API): add --provider openai', 2);
  const file = readProducts(resolve(deps.cwd, opts.file), { platform: opts.platform, columnMap: opts.columnMap }, opts.file);
  const template = loadTemplate(opts.template, { templatesDir: deps.store.templatesDir, cwd: deps.cwd });
  const selected = select(file.products, opts, deps.store.config.drafting.short_description_chars);
  const db = await deps.openDb();
  const result: DraftResult = {
    file: opts.file,
    platform: file.platform,
    layout: file.layout,
    template: template.name,
    provider: deps.llm.id,
    dryRun: opts.dryRun,
    products: file.products.length,
    selected: selected.length,
    drafted: 0,
    unchanged: 0,
    failed: 0,
    notStarted: 0,
    inBatch: 0,
    superseded: 0,
    batch: null,
    estimate: null,
    spent: null,
    stopped: null,
    items: [],
    warnings: file.warnings.map(warningText),
  };
  const items: Array<DraftItem | undefined> = new Array(selected.length);
  const jobs = plan(selected, opts, template, { ...deps, db }, items);
  let done = selected.length - jobs.length;
  if (done > 0) deps.onProgress?.(done, selected.length);
  const provider = deps.store.config.provider;
  if (opts.dryRun) {
    for (const j of jobs) items[j.index] = { ...base(j.product), id: null, outcome: 'would-draft' };
    result.estimate = await estimateCalls(jobs.map((j) => j.req), deps.llm, provider.prices, { maxOutput: provider.max_output_tokens, batch: opts.batch });
  } else if (opts.batch && hasBatchApi(deps.llm)) {
    if (jobs.length > 0) {
      const row = await submitBatch(db, deps.llm, jobs, { template, sourceFile: opts.file, at: deps.now().toISOString() });
      result.batch = { id: row.remoteId, requests: row.requests };
      for (const j of jobs) items[j.index] = { ...base(j.product), id: null, outcome: 'in-batch' };
    }
  } else if (jobs.length > 0) {
    const guard = guardContext(deps.store.config, deps.store.dir);
    const store: StoreContext = { db, providerId: deps.llm.id, template, sourceFile: opts.file, now: deps.now, counts: result, guard };
    result.spent = await callAndStore(jobs, opts, store, deps, (job, item) => {
      items[job.index] = item;
      deps.onProgress?.(++done, selected.length);
    });
    result.stopped = result.spent.stopped ?? null;
  }
  selected.forEach((p, i) => (items[i] ??= { ...base(p), id: null, outcome: 'not-started' }));
  return tally(result, items as DraftItem[]);
}

/**
 * Calls the provider for the jobs, storing each draft (or failure) as it arrives. The claims guard:
 * a model's draft with unsupported or contradicted claims is asked for once more, naming them; that
 * second try starts before the jobs not yet started, so a first draft waits in memory only while
 * its second try is made. The second draft is kept, flagged if it still fails.
 */
async function callAndStore(
  jobs: Job[],
  opts: Options,
  store: StoreContext,
  deps: DraftDeps,
  onStored: (job: Job, item: DraftItem) => void,
): Promise<BulkReport> {
  const provider = deps.store.config.provider;
  // The offline provider says only what the data says: it is never asked again.
  const guarding = deps.llm.id !== 'offline';
  const firsts = new Map<number, { job: Job; call: CallRecord; claims: Claim[] }>();
  // A paid call is committed on its own, so a crash loses none; free offline drafts are grouped.
  const batch = new WriteBatch(store.db, deps.llm.model ? 1 : 200);
  const settings = {
    concurrency: opts.concurrency ?? provider.concurrency,
    maxCostUsd: opts.maxCost,
    maxOutputTokens: provider.max_output_tokens,
    prices: provider.prices,
    now: deps.now,
    signal: deps.signal,
  };
  try {
    return await runCalls(jobs, deps.llm, settings, (job, call): Job | void => {
      const earlier = firsts.get(job.index);
      if (earlier) {
        firsts.delete(job.index);
        return onStored(earlier.job, storeDraft(earlier.job, call, store, batch, { earlier }));
      }
      const claims = call.response ? checkClaims(call.response.fields, job.product, store.guard) : [];
      const flagged = guarding ? claims.filter(isFlagged) : [];
      if (flagged.length === 0) return onStored(job, storeDraft(job, call, store, batch, { claims }));
      firsts.set(job.index, { job, call, claims });
      return { ...job, req: redraftRequest(job.req, flagged) };
    });
  } finally {
    // Drafts whose second try was not made (Ctrl+C, budget, a fatal error) are kept, flagged.
    for (const { job, call, claims } of firsts.values()) onStored(job, storeDraft(job, call, store, batch, { claims }));
    batch.commit();
  }
}

function tally(result: DraftResult, items: DraftItem[]): DraftResult {
  result.items = items;
  for (const item of items) {
    if (item.outcome === 'drafted' || item.outcome === 'would-draft') result.drafted++;
    else if (item.outcome === 'unchanged') result.unchanged++;
    else if (item.outcome === 'not-started') result.notStarted++;
    else if (item.outcome === 'in-batch') result.inBatch++;
    else result.failed++;
  }
  return result;
}

const base = (product: Product) => ({ handle: product.handle, title: product.title });

/** Marks unchanged products in `items`; returns the calls to make for the others. */
function plan(selected: Product[], opts: Options, template: LoadedTemplate, deps: DraftDeps & { db: Db }, items: Array<DraftItem | undefined>): Job[] {
  // The cache key: product content, template (with its version), provider and model, and settings.
  const provider = deps.llm.settingsKey ? `${deps.llm.id}|${deps.llm.settingsKey}` : deps.llm.id;
  const jobs: Job[] = [];
  const waiting = opts.force ? new Set<string>() : waitingInBatch(deps.db, template.name);
  selected.forEach((product, index) => {
    const inputHash = sha256(`${productContentHash(product)}|${template.hash}|${provider}`);
    const current = currentItem(deps.db, product.handle, template.name);
    if (current && current.inputHash === inputHash && !opts.force) {
      items[index] = { ...base(product), id: current.id, outcome: 'unchanged' };
      return;
    }
    if (waiting.has(inputHash)) {
      items[index] = { ...base(product), id: null, outcome: 'in-batch' };
      return;
    }
    const built = buildPrompt(template, product, deps.store.config);
    const system = withExamples(deps.db, template.name, deps.llm.id, built.system); // the owner's promoted edits
    const prompt = built.prompt;
    jobs.push({ index, product, inputHash, req: { template, product, store: deps.store.config, system, prompt } });
  });
  return jobs;
}

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

/**
 * Stores one finished call: the draft with its checks and claims and the call log row, or only the
 * failed call. `earlier`: the first draft (with its claims) when this call was its second try
 * (claims guard); it is logged too, and kept when the second try failed. `claims`: this call's
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
    batch.unit(() => calls.forEach((c) => recordCall(ctx.db, c, null)));
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
    for (const c of calls) recordCall(ctx.db, c, newId);
    return newId;
  });
  const errors = checks.filter((c) => c.level === 'error').length;
  return { ...base(product), id, outcome: 'drafted', errors, warnings: checks.length - errors, flags: claims.filter(isFlagged).length };
}

function select(products: Product[], opts: Options, shortChars: number): Product[] {
  let out = products;
  if (opts.only && opts.only.length > 0) {
    const known = new Set(products.map((p) => p.handle));
    const missing = opts.only.filter((h) => !known.has(h));
    if (missing.length > 0) {
      throw new UserError(
        `${opts.file}: no product with handle ${missing.map((h) => `"${h}"`).join(', ')} ` +
          `(the file has ${products.length} products, e.g. ${products.slice(0, 3).map((p) => `"${p.handle}"`).join(', ')})`,
      );
    }
    const wanted = new Set(opts.only);
    out = out.filter((p) => wanted.has(p.handle));
  }
  if (opts.onlyMissing) out = out.filter((p) => plainText(p.description).length < shortChars);
  if (opts.limit !== undefined) out = out.slice(0, opts.limit);
  return out;
}
