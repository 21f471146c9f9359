import { sha256, stableJson } from '../lib/hash.js';
import type { Product } from './types.js';

/**
 * A hash of what a product's copy can be written from. Where the product sits in the file (its
 * line, its variants' lines) and its stock levels change every week without changing anything a
 * draft says, so they stay out: a weekly export with new stock counts drafts nothing again.
 */
export function productContentHash(p: Product): string {
  const { source: _where, variants, ...rest } = p;
  return sha256(stableJson({ ...rest, variants: variants.map(({ line: _l, inventoryQty: _q, ...v }) => v) }));
}
