import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { parse } from 'yaml';
import { readProducts } from '../src/core/formats/read-products.js';
import { claimsAgainst, isFlagged, type Claim } from '../src/core/claims/guard.js';
import { productSources } from '../src/core/claims/sources.js';
import { defaultVocabulary } from '../src/core/claims/vocabulary.js';
import { ROOT } from './helpers.js';

/**
 * The claims guard against an evaluation set: real-looking products (Shopify export headers, our own
 * rows) and drafts with true sentences and sentences with one injected false claim each.
 * Reproduce: npx vitest run test/claims-eval.test.ts (figures are printed).
 */
const DIR = join(ROOT, 'test', 'claims-eval');
type Drafts = Record<string, { true: string[]; false: { text: string; kind: string }[] }>;

/** Each product file with its drafts: Shopify and WooCommerce exports, as the platforms lay them out. */
const SETS = [
  ['products.csv', 'drafts.yaml'],
  ['woocommerce-products.csv', 'woocommerce-drafts.yaml'],
] as const;

function evaluate() {
  const products = new Map(SETS.flatMap(([csv]) => readProducts(join(DIR, csv)).products.map((p) => [p.handle, p] as const)));
  const drafts = Object.assign({}, ...SETS.map(([, yaml]) => parse(readFileSync(join(DIR, yaml), 'utf8')))) as Drafts;
  const vocab = defaultVocabulary();
  const misses: string[] = [];
  const falseFlags: string[] = [];
  let injected = 0, caught = 0, trueSentences = 0, trueClaims = 0, trueClaimsFlagged = 0;
  const byKind = new Map<string, { n: number; caught: number }>();
  for (const [handle, d] of Object.entries(drafts)) {
    const product = products.get(handle);
    if (!product) throw new Error(`drafts.yaml: no product "${handle}" in products.csv`);
    const cells = productSources(product, { description: true });
    const check = (text: string): Claim[] => claimsAgainst({ body_html: `<p>${text}</p>` }, cells, vocab);
    for (const s of d.true) {
      const claims = check(s);
      trueSentences++;
      trueClaims += claims.length;
      const flagged = claims.filter(isFlagged);
      trueClaimsFlagged += flagged.length;
      if (flagged.length) falseFlags.push(`${handle}: "${s}" → ${flagged.map((c) => `${c.text} (${c.verdict})`).join(', ')}`);
    }
    for (const f of d.false) {
      const hit = check(f.text).some(isFlagged);
      injected++;
      const k = byKind.get(f.kind) ?? { n: 0, caught: 0 };
      k.n++;
      if (hit) { caught++; k.caught++; } else misses.push(`${handle} [${f.kind}]: "${f.text}"`);
      byKind.set(f.kind, k);
    }
  }
  return { injected, caught, trueSentences, trueClaims, trueClaimsFlagged, falseFlags, misses, byKind, products: Object.keys(drafts).length };
}

test('claims guard: recall on injected false claims ≥ 95%, true claims flagged ≤ 5%', () => {
  const r = evaluate();
  const recall = r.caught / r.injected;
  const falseFlagRate = r.trueClaimsFlagged / r.trueClaims;
  const lines = [
    `claims eval: ${r.products} products, ${r.injected} injected false claims, ${r.trueSentences} true sentences with ${r.trueClaims} claims`,
    `  recall on injected claims: ${r.caught}/${r.injected} = ${(recall * 100).toFixed(1)}%`,
    `  true claims flagged: ${r.trueClaimsFlagged}/${r.trueClaims} = ${(falseFlagRate * 100).toFixed(1)}%`,
    `  by kind: ${[...r.byKind].map(([k, v]) => `${k} ${v.caught}/${v.n}`).join(', ')}`,
    ...r.misses.map((m) => `  missed: ${m}`),
    ...r.falseFlags.map((m) => `  false flag: ${m}`),
  ];
  console.log(lines.join('\n'));
  expect(r.trueClaims).toBeGreaterThan(r.trueSentences); // the true sentences do carry claims
  expect(recall).toBeGreaterThanOrEqual(0.95);
  expect(falseFlagRate).toBeLessThanOrEqual(0.05);
});
