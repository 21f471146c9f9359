import { z } from 'zod';
import { UserError } from '../errors.js';
import type { Product } from '../formats/types.js';
import { plainText } from '../lib/text.js';

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
export type Options = z.output<typeof DraftOptions>;

/** The products --only, --only-missing and --limit select, in file order. */
export function select(products: Product[], opts: Options, shortChars: number): Product[] {
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
