import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { readProducts } from '../src/core/formats/read-products.js';
import type { Product } from '../src/core/formats/types.js';
import { claimsAgainst, isFlagged } from '../src/core/claims/guard.js';
import { productSources } from '../src/core/claims/sources.js';
import { defaultVocabulary } from '../src/core/claims/vocabulary.js';
import { ROOT } from './helpers.js';

/**
 * The blind evaluation set for the claims guard (issue 12): written by a helper session that never
 * read src/core/claims/ nor the older set, and split into a development and a test half before any
 * tuning (test/claims-eval-blind/README.md says how). Only the development half is measured here;
 * the test half is read for its integrity alone, so that nothing is tuned on it.
 * Reproduce: npx vitest run test/claims-eval-blind.test.ts (the figures are printed).
 */
const DIR = join(ROOT, 'test', 'claims-eval-blind');
const FILES = ['shopify-products.csv', 'woocommerce-products.csv', 'etsy-listings.csv'];
const KINDS = new Set([
  'number-unit', 'quantity-verb', 'trade-unit', 'size-range', 'age-range', 'variant', 'compatibility', 'material', 'material-part',
  'property', 'origin', 'making', 'certification', 'health-safety', 'service', 'extra', 'edition', 'offer-price', 'shipping', 'returns',
  'guarantee', 'dimension', 'weight', 'superlative', 'other',
]);

interface Sentence {
  text: string;
  label: true | false | 'mood';
  kind?: string;
  unsupported?: string;
  via?: 'description';
}

/** The set's key for a product: the handle (Shopify), SKU or id:NN (WooCommerce, as the tool keys them), the slugified title (Etsy). */
const keyOf = (p: Product): string =>
  p.source.platform === 'etsy' ? p.title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') : p.handle;

function load() {
  const products = new Map(FILES.flatMap((f) => readProducts(join(DIR, f)).products.map((p) => [keyOf(p), p] as const)));
  const claims = parse(readFileSync(join(DIR, 'claims.yaml'), 'utf8')) as Record<string, Sentence[]>;
  const split = parse(readFileSync(join(DIR, 'split.yaml'), 'utf8')) as { dev: string[]; test: string[] };
  const store = parse(readFileSync(join(DIR, 'store.yaml'), 'utf8')) as { policies: Parameters<typeof productSources>[1]['policies'] };
  return { products, claims, split, store };
}

describe('the blind evaluation set', () => {
  const { products, claims, split, store } = load();

  test('is whole: every key a product, every product in one half, every label and kind known', () => {
    expect(products.size).toBe(47);
    expect(Object.keys(claims).filter((k) => !products.has(k))).toEqual([]);
    expect([...products.keys()].filter((k) => !claims[k])).toEqual([]);
    const halves = [...split.dev, ...split.test];
    expect(halves.length).toBe(new Set(halves).size);
    expect([...products.keys()].filter((k) => !halves.includes(k))).toEqual([]);
    const bad = Object.values(claims)
      .flat()
      .filter((s) => ![true, false, 'mood'].includes(s.label) || (s.label !== 'mood' && !KINDS.has(s.kind ?? '')) || (s.label === false && !s.text.includes(s.unsupported ?? '\0')));
    expect(bad).toEqual([]);
    const all = Object.values(claims).flat();
    expect([all.filter((s) => s.label === true).length, all.filter((s) => s.label === false).length, all.filter((s) => s.label === 'mood').length]).toEqual([282, 225, 69]);
  });

  test('development half: what the guard catches today (printed; the targets are issue 12\'s)', () => {
    const vocab = defaultVocabulary();
    const tally = { true: { n: 0, flagged: 0 }, false: { n: 0, flagged: 0 }, mood: { n: 0, flagged: 0 } };
    const byKind = new Map<string, { n: number; caught: number }>();
    const notes: string[] = [];
    for (const key of split.dev) {
      const p = products.get(key)!;
      const cells = productSources(p, { description: true, policies: store.policies });
      for (const s of claims[key]!) {
        const found = claimsAgainst({ body_html: `<p>${s.text}</p>` }, cells, vocab, [p.vendor ?? '']).filter(isFlagged);
        const flagged = found.length > 0;
        if (s.label === false && !flagged) notes.push(`  missed [${s.kind}] ${key}: "${s.text}" (${s.unsupported})`);
        if (s.label !== false && flagged) notes.push(`  flagged [${s.label === true ? s.kind : 'mood'}] ${key}: "${s.text}" → ${found.map((c) => `${c.text} (${c.verdict})`).join(', ')}`);
        const t = tally[String(s.label) as 'true' | 'false' | 'mood'];
        t.n++;
        if (flagged) t.flagged++;
        if (s.label === false) {
          const k = byKind.get(s.kind!) ?? { n: 0, caught: 0 };
          k.n++;
          if (flagged) k.caught++;
          byKind.set(s.kind!, k);
        }
      }
    }
    const pc = (a: number, b: number): string => `${((100 * a) / b).toFixed(1)} %`;
    console.log(
      [
        `blind set, development half (${split.dev.length} products):`,
        `  false claims caught ${tally.false.flagged}/${tally.false.n} (${pc(tally.false.flagged, tally.false.n)})`,
        `  true sentences flagged ${tally.true.flagged}/${tally.true.n} (${pc(tally.true.flagged, tally.true.n)})`,
        `  mood sentences flagged ${tally.mood.flagged}/${tally.mood.n} (${pc(tally.mood.flagged, tally.mood.n)})`,
        ...[...byKind].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `    ${k.padEnd(14)} caught ${v.caught}/${v.n}`),
        ...(process.env.SHOPFLOW_EVAL_VERBOSE ? notes : []),
      ].join('\n'),
    );
    expect(tally.false.n + tally.true.n + tally.mood.n).toBe(292);
  });
});
