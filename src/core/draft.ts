import { resolve } from 'node:path';
import { z } from 'zod';
import type { Db } from './db/open.js';
import type { StoreLocation } from './config.js';
import type { LlmProvider } from './llm/provider.js';
import type { Product, ProductPlatform } from './formats/types.js';
import { UserError, warningText } from './errors.js';
import { readProducts } from './read-products.js';
import { loadTemplate } from './templates/load.js';
import { buildPrompt } from './prompt.js';
import { checkFields } from './checks.js';
import { currentItem, insertItem, supersedePending } from './db/items.js';
import { recordCall, timedCall } from './llm/logged.js';
import { WriteBatch } from './db/batch.js';
import { sha256 } from './hash.js';
import { productContentHash } from './formats/content-hash.js';
import { plainText } from './text.js';
import { guardContext, isFlagged, type GuardContext } from './claims/guard.js';
import { guardDraft } from './claims/redraft.js';
import { withExamples } from './examples.js';

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
  })
  .strict();
export type DraftOptions = z.input<typeof DraftOptions>;

export type DraftOutcome = 'drafted' | 'unchanged' | 'failed' | 'would-draft';

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
  superseded: number;
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
}

/** Drafts copy for every selected product of an export; unchanged products are not drafted again. */
export async function draft(input: DraftOptions, deps: DraftDeps): Promise<DraftResult> {
  const opts = DraftOptions.parse(input);
  const file = readProducts(resolve(deps.cwd, opts.file), { platform: opts.platform, columnMap: opts.columnMap }, opts.file);
  const template = loadTemplate(opts.template, { templatesDir: deps.store.templatesDir, cwd: deps.cwd });
  const selected = select(file.products, opts, deps.store.config.drafting.short_description_chars);
  const guard = guardContext(deps.store.config, deps.store.dir);
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
    superseded: 0,
    items: [],
    warnings: file.warnings.map(warningText),
  };
  let done = 0;
  // Few commits for many drafts; whatever was finished is committed, even when a later step throws.
  const batch = new WriteBatch(db);
  const run = { ...deps, db, guard };
  try {
    for (const product of selected) {
      const item = await draftOne(product, opts, template, run, result, batch);
      result.items.push(item);
      if (item.outcome === 'drafted' || item.outcome === 'would-draft') result.drafted++;
      else if (item.outcome === 'unchanged') result.unchanged++;
      else result.failed++;
      deps.onProgress?.(++done, selected.length);
    }
  } finally {
    batch.commit();
  }
  return result;
}

type LoadedTemplate = ReturnType<typeof loadTemplate>;

async function draftOne(
  product: Product,
  opts: z.output<typeof DraftOptions>,
  template: LoadedTemplate,
  deps: DraftDeps & { db: Db; guard: GuardContext },
  result: DraftResult,
  batch: WriteBatch,
): Promise<DraftItem> {
  const base = { handle: product.handle, title: product.title };
  const inputHash = sha256(`${productContentHash(product)}|${template.hash}|${deps.llm.id}`);
  const current = currentItem(deps.db, product.handle, template.name);
  if (current && current.inputHash === inputHash && !opts.force) {
    return { ...base, id: current.id, outcome: 'unchanged' };
  }
  if (opts.dryRun) return { ...base, id: null, outcome: 'would-draft' };
  const built = buildPrompt(template, product, deps.store.config);
  const { prompt } = built;
  const system = withExamples(deps.db, template.name, deps.llm.id, built.system); // the owner's promoted edits
  const call = await timedCall(deps.llm, { template, product, store: deps.store.config, system, prompt }, { now: deps.now });
  if (!call.response) {
    batch.unit(() => recordCall(deps.db, call, null));
    if (call.fatal) throw call.fatal;
    return { ...base, id: null, outcome: 'failed', error: call.error ?? 'unknown error' };
  }
  // The claims guard: flagged claims get one more try from a model, and are stored with the item.
  const guarded = await guardDraft(call, deps);
  const fields = guarded.kept.response!.fields;
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
        claims: guarded.claims,
      },
      at,
    );
    result.superseded += supersedePending(deps.db, product.handle, template.name, at, newId);
    for (const c of guarded.calls) recordCall(deps.db, c, newId);
    return newId;
  });
  const errors = checks.filter((c) => c.level === 'error').length;
  return { ...base, id, outcome: 'drafted', errors, warnings: checks.length - errors, flags: guarded.claims.filter(isFlagged).length };
}

function select(products: Product[], opts: z.output<typeof DraftOptions>, shortChars: number): Product[] {
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
