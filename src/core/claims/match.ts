import { extractClaims, sentences, type ClaimKind, type FoundClaim } from './extract.js';
import { escapeRegExp } from '../lib/text.js';
import { NUMBER_WORDS, parseNumber, quantity, sameAmount, sharedDims, singular, type Quantity } from './units.js';
import type { Term, Vocabulary } from './vocabulary.js';
import type { SourceCell } from './sources.js';

import type { Verdict } from './types.js';
export type { Verdict } from './types.js';

export interface ClaimVerdict {
  verdict: Verdict;
  /** The cell that supports it (column and the words of the cell that say so). */
  source?: SourceCell;
  /** The cell that says otherwise. */
  conflict?: SourceCell;
}

interface IndexedCell {
  cell: SourceCell;
  text: string;
  /** The text as phrases are matched in it (lower case, runs of spaces, hyphens and underscores one space), and with its column before it. */
  normed: string;
  normedWithColumn: string;
  claims: FoundClaim[];
  quantities: { q: Quantity; claim?: FoundClaim }[];
}

/** A product's cells, each read once for the claims and amounts it states. */
export interface SourceIndex {
  cells: IndexedCell[];
  prices: { amount: number; cell: SourceCell }[];
  /** Amounts a policy sets a threshold at ("free shipping over 60"), not prices of the product. */
  thresholds: { amount: number; cell: SourceCell }[];
  discounts: { pct: number; cell: SourceCell }[];
}

const HEADER_UNIT = /\((kg|g|lbs?|oz|cm|mm|in|m|ml|l|w|v|mah)\)/i;
const COUNT_HEADER = /\b(pieces|pcs|pack size|count|items in (the )?(set|pack))\b/i;
const PRICE_COLUMNS = new Set(['Variant Price', 'Variant Compare At Price']);
const THRESHOLD_COLUMNS = new Set(['shopflow.yaml policies.free_shipping_over']);
/** Option columns whose values count pieces: "Pack: Single bar, Three bars", "Set: 2-pack". */
const COUNT_OPTION = /^Option .*\b(pack|set|count|quantity|qty|bundle|pieces|size of pack)\b/i;
const LEADING_COUNT = new RegExp(`^(\\d+|${Object.keys(NUMBER_WORDS).join('|')})\\b`, 'i');

export function indexSources(cells: SourceCell[], vocab: Vocabulary): SourceIndex {
  const indexed: IndexedCell[] = [];
  const prices: SourceIndex['prices'] = [];
  const thresholds: SourceIndex['thresholds'] = [];
  for (const cell of cells) {
    if (THRESHOLD_COLUMNS.has(cell.column)) {
      const amount = parseNumber(/[\d.,]+/.exec(cell.value)?.[0] ?? '');
      if (amount !== undefined) thresholds.push({ amount, cell });
    }
    if (PRICE_COLUMNS.has(cell.column)) {
      const amount = Number(cell.value);
      if (Number.isFinite(amount)) prices.push({ amount, cell });
      continue;
    }
    const read = extractClaims(cell.value, vocab, { source: true });
    const text = read.text;
    // A vendor called "Harbor Leather" or "Little Oak" says nothing about what a product is made of.
    const claims = cell.column === 'Vendor' ? read.claims.filter((c) => c.kind !== 'material' && c.kind !== 'property') : read.claims;
    const quantities: IndexedCell['quantities'] = claims.flatMap((c) => (c.quantities ?? []).map((q) => ({ q, claim: c })));
    // WooCommerce and metafield columns put the unit in the header: "Weight (kg)" = "0.42".
    const unit = HEADER_UNIT.exec(cell.column)?.[1] ?? (COUNT_HEADER.test(cell.column) ? 'pieces' : undefined);
    const n = parseNumber(text);
    if (unit && n !== undefined) {
      const q = quantity(n, unit, text.trim());
      if (q) quantities.push({ q });
    }
    // "900D polyester": a yarn's denier as fabric specs write it.
    for (const m of text.matchAll(/(?<![\p{L}\p{N}])(\d+)D(?![\p{L}\p{N}])/gu)) {
      const q = quantity(Number(m[1]), 'denier', m[1]);
      if (q) quantities.push({ q });
    }
    if (COUNT_OPTION.test(cell.column)) {
      for (const v of cell.value.split(',')) {
        const m = LEADING_COUNT.exec(v.trim());
        const k = m ? parseNumber(m[1]!) : /^(single|one)\b/i.test(v.trim()) ? 1 : undefined;
        const q = k === undefined ? undefined : quantity(k, 'pieces');
        if (q) quantities.push({ q });
      }
    }
    for (const c of claims) if (c.kind === 'price' && c.amount !== undefined) (c.threshold ? thresholds : prices).push({ amount: c.amount, cell });
    indexed.push({ cell, text, normed: norm(text), normedWithColumn: norm(`${cell.column} ${text}`), claims, quantities });
  }
  const discounts: SourceIndex['discounts'] = [];
  const compare = prices.filter((p) => p.cell.column === 'Variant Compare At Price');
  const sale = prices.filter((p) => p.cell.column === 'Variant Price');
  for (const c of compare) for (const s of sale) if (c.amount > s.amount) discounts.push({ pct: ((c.amount - s.amount) / c.amount) * 100, cell: c.cell });
  return { cells: indexed, prices, thresholds, discounts };
}

/** The words of a cell that say it: the cell itself when short, else the sentence that holds them. */
function snippet(c: IndexedCell, at?: FoundClaim): SourceCell {
  const sentence = at && c.text.length > 60 ? sentences(c.text)[at.sentence]?.text : undefined;
  return { column: c.cell.column, value: sentence ?? (c.text.length <= 160 ? c.text : `${c.text.slice(0, 157)}…`) };
}

const found = (c: IndexedCell, at?: FoundClaim): ClaimVerdict => ({ verdict: 'supported', source: snippet(c, at) });
const against = (c: IndexedCell, at?: FoundClaim): ClaimVerdict => ({ verdict: 'contradicted', conflict: snippet(c, at) });
const UNSUPPORTED: ClaimVerdict = { verdict: 'unsupported' };

type Matcher = (claim: FoundClaim, idx: SourceIndex) => ClaimVerdict;

const MATCHERS: Record<ClaimKind, Matcher> = {
  quantity: matchQuantities,
  dimensions: matchQuantities,
  material: matchTerm,
  property: matchTerm,
  compatibility: matchCompatibility,
  warranty: matchKey,
  shipping: matchKey,
  superlative: matchKey,
  price: matchPrice,
  discount: matchDiscount,
  variant: matchChoices,
  origin: matchNeeds,
  making: matchNeeds,
  feature: matchNeeds,
  edition: matchNeeds,
  service: matchNeeds,
  amount: matchNeeds,
  range: matchNeeds,
  suitability: matchNeeds,
  extra: matchNeeds,
  offer: matchNeeds,
};

export function matchClaim(claim: FoundClaim, idx: SourceIndex): ClaimVerdict {
  // An open claim (open.ts) is checked word for word, whatever its kind.
  return claim.needs ? matchNeeds(claim, idx) : MATCHERS[claim.kind](claim, idx);
}

function matchQuantities(claim: FoundClaim, idx: SourceIndex): ClaimVerdict {
  let first: ClaimVerdict | undefined;
  for (const q of claim.quantities ?? []) {
    const hit = idx.cells.flatMap((c) => c.quantities.filter((s) => sameAmount(q, s.q, { approximate: claim.approximate })).map((s) => ({ c, s })))[0];
    if (hit) {
      first ??= found(hit.c, hit.s.claim);
      continue;
    }
    // The data measures the same thing and says another amount: the draft contradicts it. A product
    // has many lengths (height, width, its pot): one length in free text contradicts nothing; a
    // column of its own ("Height (cm)") or a set of dimensions against a set does.
    const conflicts = (s: IndexedCell['quantities'][number]): boolean => {
      const dims = sharedDims(q, s.q);
      if (dims.length === 0) return false;
      return !dims.every((d) => d === 'length') || !s.claim || (claim.kind === 'dimensions' && s.claim.kind === 'dimensions');
    };
    const other = idx.cells.flatMap((c) => c.quantities.filter(conflicts).map((s) => ({ c, s })))[0];
    return other ? against(other.c, other.s.claim) : UNSUPPORTED;
  }
  return first ?? UNSUPPORTED;
}

function termClaims(idx: SourceIndex, kind: ClaimKind): { c: IndexedCell; claim: FoundClaim }[] {
  return idx.cells.flatMap((c) => c.claims.filter((x) => x.kind === kind && !x.needs).map((claim) => ({ c, claim })));
}

const related = (a: Term, b: Term): boolean => a.name === b.name || a.implies === b.name || b.implies === a.name;

function matchTerm(claim: FoundClaim, idx: SourceIndex): ClaimVerdict {
  const t = claim.term!;
  const all = termClaims(idx, claim.kind);
  const neg = Boolean(claim.negated);
  // Data naming the term, or a narrower one (merino for "wool", waterproof for "water-resistant").
  const same = all.find(({ claim: s }) => (s.term!.name === t.name || s.term!.implies === t.name) && Boolean(s.negated) === neg);
  // "100% wool" where the data says "80% wool, 20% nylon": the blend contradicts the purity.
  const blend = claim.pure && same ? all.find(({ claim: s }) => !s.negated && s.term!.family === t.family && !related(s.term!, t)) : undefined;
  if (blend) return against(blend.c, blend.claim);
  if (same) return found(same.c, same.claim);
  // "wrapped without plastic" where the data says "plastic-free"; "in silver" where silver is a colour option.
  const free = neg ? idx.cells.find((c) => hasPhrase(c, `${t.name} free`) || hasPhrase(c, `free of ${t.name}`) || hasPhrase(c, `free from ${t.name}`)) : undefined;
  if (free) return found(free);
  const option = !neg ? idx.cells.find((c) => c.cell.column.startsWith('Option ') && c.cell.value.split(',').some((v) => norm(v) === norm(t.name) || norm(v) === norm(claim.text))) : undefined;
  if (option) return found(option);
  if (claim.kind === 'property') {
    const excluded = all.find(
      ({ claim: s }) => !s.negated && (t.excludes?.includes(s.term!.name) || s.term!.excludes?.includes(t.name)),
    );
    // "not dishwasher safe" is what data saying "hand wash only" means.
    if (excluded) return neg ? found(excluded.c, excluded.claim) : against(excluded.c, excluded.claim);
    const flipped = all.find(({ claim: s }) => s.term!.name === t.name && Boolean(s.negated) !== neg);
    return flipped ? against(flipped.c, flipped.claim) : UNSUPPORTED;
  }
  const other = all.find(({ claim: s }) => !s.negated && s.term!.family === t.family && t.family !== 'custom' && !related(s.term!, t));
  return other ? against(other.c, other.claim) : UNSUPPORTED;
}

const norm = (s: string): string => s.toLowerCase().replace(/[\s\-_]+/g, ' ').trim();

/**
 * A phrase as a pattern over normed text: from a word's start to a word's end; with `prefix`, a
 * word may go on ("engrav" finds "engraving"), but a number never does ("5" is not "50").
 */
function phrase(needle: string, opts: { prefix?: boolean } = {}): RegExp {
  const end = !opts.prefix ? '(?![\\p{L}\\p{N}])' : /\d$/.test(needle) ? '(?![\\p{N}])' : '';
  return new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(norm(needle))}${end}`, 'u');
}
const hasPhrase = (c: IndexedCell, needle: string): boolean => phrase(needle).test(c.normed);

function matchCompatibility(claim: FoundClaim, idx: SourceIndex): ClaimVerdict {
  let first: ClaimVerdict | undefined;
  for (const model of claim.models ?? []) {
    const cell = idx.cells.find((c) => hasPhrase(c, model));
    if (cell) {
      first ??= found(cell);
      continue;
    }
    // "iPhone 16" where the data says "iPhone 15": the same line, another model.
    const m = /^(.*?)\s*(\d+\w*)\b/.exec(model);
    if (m && m[1]) {
      const re = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(norm(m[1]))} \\d`, 'u');
      const other = idx.cells.find((c) => re.test(c.normed));
      if (other) return against(other);
    }
    return UNSUPPORTED;
  }
  return first ?? UNSUPPORTED;
}

/**
 * An open claim: each thing it needs said in one cell of the data, by one of its phrasings. Words
 * match from a word's start ("engrav" finds "engraving"); numbers match whole ("5" is not "50").
 */
function matchNeeds(claim: FoundClaim, idx: SourceIndex): ClaimVerdict {
  // All in one cell: "3" in a title and "years" in the warranty policy do not make "lasts three years".
  const needs = (claim.needs ?? []).map((need) => need.map((alt) => phrase(alt, { prefix: true })));
  const cell = idx.cells.find((c) => needs.every((res) => res.some((re) => re.test(c.normedWithColumn))));
  return cell && needs.length > 0 ? found(cell) : UNSUPPORTED;
}

/** Each choice named must be in the data ("oak" in "Option Wood: Oak, Ash"); a plural finds its singular. */
function matchChoices(claim: FoundClaim, idx: SourceIndex): ClaimVerdict {
  let first: ClaimVerdict | undefined;
  for (const choice of claim.models ?? []) {
    const forms = [choice, singular(choice)];
    const cell = idx.cells.find((c) => forms.some((f) => hasPhrase(c, f)));
    if (!cell) return UNSUPPORTED;
    first ??= found(cell);
  }
  return first ?? UNSUPPORTED;
}

function matchKey(claim: FoundClaim, idx: SourceIndex): ClaimVerdict {
  const all = termClaims(idx, claim.kind);
  const same = all.find(({ claim: s }) => s.key === claim.key);
  if (same) return found(same.c, same.claim);
  const other = claim.group ? all.find(({ claim: s }) => s.group === claim.group) : undefined;
  return other ? against(other.c, other.claim) : UNSUPPORTED;
}

function matchPrice(claim: FoundClaim, idx: SourceIndex): ClaimVerdict {
  // "free shipping on orders over $60" speaks of the store's threshold, not of this product's price.
  if (claim.threshold) {
    const t = idx.thresholds.find((p) => Math.abs(p.amount - claim.amount!) < 0.005);
    return t ? { verdict: 'supported', source: t.cell } : UNSUPPORTED;
  }
  const hit = idx.prices.find((p) => Math.abs(p.amount - claim.amount!) < 0.005);
  if (hit) return { verdict: 'supported', source: hit.cell };
  const other = idx.prices[0];
  return other ? { verdict: 'contradicted', conflict: other.cell } : UNSUPPORTED;
}

function matchDiscount(claim: FoundClaim, idx: SourceIndex): ClaimVerdict {
  const pct = claim.amount ?? NaN;
  const hit = idx.discounts.find((d) => Math.abs(d.pct - pct) <= 1) ?? (/up to/i.test(claim.text) ? idx.discounts.find((d) => Math.abs(Math.max(...idx.discounts.map((x) => x.pct)) - pct) <= 1) : undefined);
  if (hit) return { verdict: 'supported', source: { column: hit.cell.column, value: `${hit.cell.value} (${Math.round(hit.pct)}% above the price)` } };
  const text = termClaims(idx, 'discount').find(({ claim: s }) => s.amount === pct);
  if (text) return found(text.c, text.claim);
  return idx.discounts[0] ? { verdict: 'contradicted', conflict: idx.discounts[0].cell } : UNSUPPORTED;
}
