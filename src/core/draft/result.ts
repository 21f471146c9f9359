import type { Product, ProductPlatform } from '../formats/types.js';
import type { BulkReport, Spend } from '../llm/index.js';

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

export const base = (product: Product) => ({ handle: product.handle, title: product.title });

/** Counts the outcomes into the result. */
export function tally(result: DraftResult, items: DraftItem[]): DraftResult {
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

type Known = 'file' | 'platform' | 'layout' | 'template' | 'provider' | 'dryRun' | 'products' | 'selected' | 'warnings';

/** A result with nothing counted yet (keys in the order --json prints them). */
export function newResult(k: Pick<DraftResult, Known>): DraftResult {
  const { warnings, ...head } = k;
  const zero = { drafted: 0, unchanged: 0, failed: 0, notStarted: 0, inBatch: 0, superseded: 0 };
  return { ...head, ...zero, batch: null, estimate: null, spent: null, stopped: null, items: [], warnings };
}
