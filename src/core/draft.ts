import { resolve } from 'node:path';
import { z } from 'zod';
import type { Db } from './db/open.js';
import type { StoreLocation } from './config.js';
import type { LlmProvider, LlmRequest } from './llm/provider.js';
import type { Product, ProductPlatform } from './formats/types.js';
import { UserError, warningText } from './errors.js';
import { readProducts } from './read-products.js';
import { loadTemplate } from './templates/load.js';
import { buildPrompt } from './prompt.js';
import { checkFields } from './checks.js';
import { currentItem, insertItem, supersedePending } from './db/items.js';
import { recordCall, type CallRecord } from './llm/logged.js';
import { estimateCalls, runCalls, type BulkReport, type Spend } from './llm/bulk.js';
import { WriteBatch } from './db/batch.js';
import { sha256 } from './hash.js';
import { productContentHash } from './formats/content-hash.js';
import { plainText } from './text.js';

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
  })
  .strict();
export type DraftOptions = z.input<typeof DraftOptions>;

/** not-started: Ctrl+C or --max-cost stopped the run first; the next run drafts it. */
export type DraftOutcome = 'drafted' | 'unchanged' | 'failed' | 'would-draft' | 'not-started';

export interface DraftItem {
  id: number | null;
  handle: string;
  title: string;
  outcome: DraftOutcome;
  errors?: number;
  warnings?: number;
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
  superseded: number;
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
    superseded: 0,
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
    result.estimate = await estimateCalls(jobs.map((j) => j.req), deps.llm, provider.prices, provider.max_output_tokens);
  } else if (jobs.length > 0) {
    // A paid call is committed on its own, so a crash loses none; free offline drafts are grouped.
    const batch = new WriteBatch(db, deps.llm.model ? 1 : 200);
    try {
      result.spent = await runCalls(
        jobs,
        deps.llm,
        {
          concurrency: opts.concurrency ?? provider.concurrency,
          maxCostUsd: opts.maxCost,
          maxOutputTokens: provider.max_output_tokens,
          prices: provider.prices,
          now: deps.now,
          signal: deps.signal,
        },
        (job, call) => {
          items[job.index] = storeDraft(job, call, opts, template, { ...deps, db }, result, batch);
          deps.onProgress?.(++done, selected.length);
        },
      );
      result.stopped = result.spent.stopped ?? null;
    } finally {
      batch.commit();
    }
  }
  selected.forEach((p, i) => (items[i] ??= { ...base(p), id: null, outcome: 'not-started' }));
  result.items = items as DraftItem[];
  for (const item of result.items) {
    if (item.outcome === 'drafted' || item.outcome === 'would-draft') result.drafted++;
    else if (item.outcome === 'unchanged') result.unchanged++;
    else if (item.outcome === 'not-started') result.notStarted++;
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
  selected.forEach((product, index) => {
    const inputHash = sha256(`${productContentHash(product)}|${template.hash}|${provider}`);
    const current = currentItem(deps.db, product.handle, template.name);
    if (current && current.inputHash === inputHash && !opts.force) {
      items[index] = { ...base(product), id: current.id, outcome: 'unchanged' };
      return;
    }
    const { system, prompt } = buildPrompt(template, product, deps.store.config);
    jobs.push({ index, product, inputHash, req: { template, product, store: deps.store.config, system, prompt } });
  });
  return jobs;
}

/** Stores one finished call: the draft with its checks and the call log row, or only the failed call. */
function storeDraft(
  job: Job,
  call: CallRecord,
  opts: Options,
  template: LoadedTemplate,
  deps: DraftDeps & { db: Db },
  result: DraftResult,
  batch: WriteBatch,
): DraftItem {
  const { product, inputHash } = job;
  if (!call.response) {
    batch.unit(() => recordCall(deps.db, call, null));
    return { ...base(product), id: null, outcome: 'failed', error: call.error ?? 'unknown error' };
  }
  const fields = call.response.fields;
  const checks = checkFields(template, fields);
  const at = deps.now().toISOString();
  const id = batch.unit(() => {
    const newId = insertItem(
      deps.db,
      {
        kind: template.kind,
        handle: product.handle,
        title: product.title,
        template: template.name,
        templateHash: template.hash,
        provider: deps.llm.id,
        inputHash,
        sourceFile: opts.file,
        source: product,
        fields,
        checks,
      },
      at,
    );
    result.superseded += supersedePending(deps.db, product.handle, template.name, at, newId);
    recordCall(deps.db, call, newId);
    return newId;
  });
  const errors = checks.filter((c) => c.level === 'error').length;
  return { ...base(product), id, outcome: 'drafted', errors, warnings: checks.length - errors };
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
