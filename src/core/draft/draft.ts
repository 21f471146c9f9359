import { resolve } from 'node:path';
import type { Db } from '../db/open.js';
import type { StoreLocation } from '../config/config.js';
import { UserError, warningText } from '../errors.js';
import { readProducts } from '../formats/read-products.js';
import { loadTemplate } from '../templates/load.js';
import { estimateCalls, hasBatchApi, submitBatch, type LlmProvider } from '../llm/index.js';
import { guardContext } from '../claims/guard.js';
import { DraftOptions, select } from './options.js';
import { plan } from './plan.js';
import { callAndStore } from './call.js';
import type { StoreContext } from './store.js';
import { base, newResult, tally, type DraftItem, type DraftResult } from './result.js';

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
  const config = deps.store.config;
  const selected = select(file.products, opts, config.drafting.short_description_chars);
  const db = await deps.openDb();
  const result = newResult({
    file: opts.file,
    platform: file.platform,
    layout: file.layout,
    template: template.name,
    provider: deps.llm.id,
    dryRun: opts.dryRun,
    products: file.products.length,
    selected: selected.length,
    warnings: file.warnings.map(warningText),
  });
  const items: Array<DraftItem | undefined> = new Array(selected.length);
  const jobs = plan(selected, opts, template, { db, llm: deps.llm, config }, items);
  let done = selected.length - jobs.length;
  if (done > 0) deps.onProgress?.(done, selected.length);
  const provider = config.provider;
  if (opts.dryRun) {
    for (const j of jobs) items[j.index] = { ...base(j.product), id: null, outcome: 'would-draft' };
    result.estimate = await estimateCalls(jobs.map((j) => j.req), deps.llm, provider.prices, { maxOutput: provider.max_output_tokens, batch: opts.batch });
  } else if (opts.batch && hasBatchApi(deps.llm)) {
    if (jobs.length > 0) {
      const batchJobs = jobs.map((j) => ({ inputHash: j.inputHash, handle: j.product.handle, source: j.product, req: j.req }));
      const row = await submitBatch(db, deps.llm, batchJobs, { template, sourceFile: opts.file, at: deps.now().toISOString() });
      result.batch = { id: row.remoteId, requests: row.requests };
      for (const j of jobs) items[j.index] = { ...base(j.product), id: null, outcome: 'in-batch' };
    }
  } else if (jobs.length > 0) {
    const guard = guardContext(config, deps.store.dir);
    const store: StoreContext = { db, providerId: deps.llm.id, template, sourceFile: opts.file, now: deps.now, counts: result, guard };
    result.spent = await callAndStore(jobs, opts, store, { llm: deps.llm, config, now: deps.now, signal: deps.signal }, (job, item) => {
      items[job.index] = item;
      deps.onProgress?.(++done, selected.length);
    });
    result.stopped = result.spent.stopped ?? null;
  }
  selected.forEach((p, i) => (items[i] ??= { ...base(p), id: null, outcome: 'not-started' }));
  return tally(result, items as DraftItem[]);
}
