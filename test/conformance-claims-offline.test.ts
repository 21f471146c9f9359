/**
 * Property: the offline provider never writes a claim its product's data does not support. Every
 * product of every real export in SHOPFLOW_FORMATS_DIR (skipped when absent), of the demo store
 * and of the claims evaluation set, drafted with every shipped template, has no flagged claim.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { readProducts } from '../src/core/formats/read-products.js';
import { OfflineProvider } from '../src/core/llm/offline.js';
import { loadTemplate } from '../src/core/templates/load.js';
import { buildPrompt } from '../src/core/draft/prompt.js';
import { productCopyRequest } from '../src/core/draft/task.js';
import { defaultConfig } from '../src/core/config/config.js';
import { checkClaims, claimMessage, guardContext, isFlagged } from '../src/core/claims/guard.js';
import { ROOT, example } from './helpers.js';

const root = process.env.SHOPFLOW_FORMATS_DIR;
const real = root && existsSync(root)
  ? ['shopify/products', 'woocommerce', 'etsy'].flatMap((d) =>
      existsSync(join(root, d)) ? readdirSync(join(root, d)).filter((f) => f.endsWith('.csv')).map((f) => join(root, d, f)) : [],
    )
  : [];
const files = [example('products.csv'), join(ROOT, 'test', 'claims-eval', 'products.csv'), ...real];
const TEMPLATES = ['product-description', 'seo', 'faq', 'category-page', 'email-copy'];

describe('offline drafts make no unsupported claim', () => {
  test.each(files.map((f) => [f.slice(f.lastIndexOf('/') + 1), f]))('%s', async (_name, file) => {
    const store = defaultConfig();
    const guard = guardContext(store);
    const llm = new OfflineProvider();
    const flagged: string[] = [];
    let claims = 0;
    for (const product of readProducts(file).products) {
      for (const name of TEMPLATES) {
        const template = loadTemplate(name, {});
        const { system, prompt } = buildPrompt(template, product, store);
        const r = await llm.complete(productCopyRequest(template, product, store, { system, prompt }));
        const found = checkClaims(r.fields, product, guard);
        claims += found.length;
        for (const c of found.filter(isFlagged)) flagged.push(`${product.handle} [${name}/${c.field}]: ${claimMessage(c)} in "${c.sentence}"`);
      }
    }
    expect(flagged).toEqual([]);
    if (!real.includes(file)) expect(claims).toBeGreaterThan(0); // some real samples are lorem ipsum
  });
});
