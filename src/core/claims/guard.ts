import { isAbsolute, join } from 'node:path';
import type { StoreConfig } from '../config/config.js';
import { readCsvFile } from '../csv/read.js';
import { InputError } from '../errors.js';
import type { Product } from '../formats/types.js';
import { extractClaims, sentences } from './extract.js';
import { indexSources, matchClaim } from './match.js';
import { productSources, type SourceCell } from './sources.js';
import { supportText, type Claim } from './types.js';
import { buildVocabulary, type Vocabulary } from './vocabulary.js';

// Callers import these from the guard as before; the queue imports them from the leaf.
export { isFlagged, type Claim } from './types.js';

/** What the guard knows about the store: its vocabulary, policies and extra facts per product. */
export interface GuardContext {
  vocab: Vocabulary;
  policies?: StoreConfig['policies'] | undefined;
  facts: Map<string, string[]>;
  /** The store's own name: quoted in drafts, never a claim. */
  storeName?: string | undefined;
}

/** Builds the guard from the store's config; reads `claims.facts_file` relative to the store folder. */
export function guardContext(config: StoreConfig, storeDir?: string): GuardContext {
  const facts = new Map<string, string[]>();
  const file = config.claims.facts_file;
  if (file) {
    const path = isAbsolute(file) || !storeDir ? file : join(storeDir, file);
    const table = readCsvFile(path, file);
    const h = table.header.map((x) => x.trim().toLowerCase());
    const hi = h.indexOf('handle');
    const fi = h.indexOf('fact');
    if (hi < 0 || fi < 0) throw new InputError({ file, line: 1 }, `the facts file needs the columns "handle" and "fact" (it has ${table.header.map((x) => `"${x}"`).join(', ')})`);
    for (const r of table.rows) {
      const handle = r.cells[hi]?.trim();
      const fact = r.cells[fi]?.trim();
      if (handle && fact) facts.set(handle, [...(facts.get(handle) ?? []), fact]);
    }
  }
  return { vocab: buildVocabulary(config.claims), policies: config.policies, facts, storeName: config.store.name };
}

/** The claims in a product's draft fields, each matched against the product's data. */
export function checkClaims(fields: Record<string, string>, product: Product, ctx: GuardContext): Claim[] {
  const cells = productSources(product, { description: true, policies: ctx.policies, extraFacts: ctx.facts.get(product.handle) });
  return claimsAgainst(fields, cells, ctx.vocab, namesOf(product, ctx));
}

const namesOf = (p: Product, ctx: GuardContext): string[] => [p.vendor ?? '', ctx.storeName ?? ''];

/** The claims of the copy on the store, checked against the product's other fields only. */
export function auditClaims(product: Product, ctx: GuardContext): Claim[] {
  const cells = productSources(product, { description: false, policies: ctx.policies, extraFacts: ctx.facts.get(product.handle) });
  const fields: Record<string, string> = { description: product.description };
  if (product.shortDescription) fields.short_description = product.shortDescription;
  return claimsAgainst(fields, cells, ctx.vocab, namesOf(product, ctx));
}

export function claimsAgainst(fields: Record<string, string>, cells: SourceCell[], vocab: Vocabulary, names: string[] = []): Claim[] {
  const idx = indexSources(cells, vocab);
  const out: Claim[] = [];
  for (const [field, value] of Object.entries(fields)) {
    const { text, claims } = extractClaims(value, vocab, { names });
    const sents = sentences(text);
    for (const c of claims) {
      const v = matchClaim(c, idx);
      out.push({
        field,
        kind: c.kind,
        text: c.text,
        sentence: sents[c.sentence]?.text ?? c.text,
        verdict: v.verdict,
        ...(v.source ? { source: v.source } : {}),
        ...(v.conflict ? { conflict: v.conflict } : {}),
      });
    }
  }
  return out;
}

/** One line for a flagged claim: what it says, and what the data says instead. */
export function claimMessage(c: Claim): string {
  if (c.verdict === 'supported') return `"${c.text}" — ${supportText(c)}`;
  if (c.verdict === 'contradicted') return `"${c.text}" contradicts ${c.conflict?.column}: ${c.conflict?.value}`;
  return `"${c.text}" is not in the product's data`;
}
