import type { Db } from '../db/open.js';
import type { StoreConfig } from '../config/config.js';
import type { Product } from '../formats/types.js';
import type { loadTemplate } from '../templates/load.js';
import { currentItem } from '../queue/items.js';
import { waitingInBatch, type LlmProvider, type LlmRequest } from '../llm/index.js';
import { sha256 } from '../lib/hash.js';
import { productContentHash } from '../formats/content-hash.js';
import { withExamples } from '../templates/examples.js';
import { buildPrompt } from './prompt.js';
import { productCopyRequest } from './task.js';
import { base, type DraftItem } from './result.js';
import type { Options } from './options.js';

export type LoadedTemplate = ReturnType<typeof loadTemplate>;

/** One call to make: a product, its cache key, its request. */
export interface Job {
  index: number;
  product: Product;
  inputHash: string;
  req: LlmRequest;
}

/** Marks unchanged products (and those waiting in a batch) in `items`; returns the calls to make for the others. */
export function plan(
  selected: Product[],
  opts: Options,
  template: LoadedTemplate,
  ctx: { db: Db; llm: LlmProvider; config: StoreConfig },
  items: Array<DraftItem | undefined>,
): Job[] {
  const { db, llm, config } = ctx;
  // The cache key: product content, template (with its version), provider and model, and settings.
  const provider = llm.settingsKey ? `${llm.id}|${llm.settingsKey}` : llm.id;
  const jobs: Job[] = [];
  const waiting = opts.force ? new Set<string>() : waitingInBatch(db, template.name);
  selected.forEach((product, index) => {
    const inputHash = sha256(`${productContentHash(product)}|${template.hash}|${provider}`);
    const current = currentItem(db, product.handle, template.name);
    if (current && current.inputHash === inputHash && !opts.force) {
      items[index] = { ...base(product), id: current.id, outcome: 'unchanged' };
      return;
    }
    if (waiting.has(inputHash)) {
      items[index] = { ...base(product), id: null, outcome: 'in-batch' };
      return;
    }
    const built = buildPrompt(template, product, config);
    // The owner's promoted edits, for a provider that reads its instructions.
    const system = llm.capabilities.readsPrompt ? withExamples(db, template.name, built.system) : built.system;
    jobs.push({ index, product, inputHash, req: productCopyRequest(template, product, config, { system, prompt: built.prompt }) });
  });
  return jobs;
}
