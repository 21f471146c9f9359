import { escapeRegExp, plainText } from '../lib/text.js';
import { parseNumber, quantity, UNITS, type Quantity } from './units.js';
import { CASE_SENSITIVE, type Term, type Vocabulary } from './vocabulary.js';
import { openClaims } from './open.js';
import type { ClaimKind } from './types.js';
export type { ClaimKind } from './types.js';

/** A checkable statement found in a text. */
export interface FoundClaim {
  kind: ClaimKind;
  /** The words as written ("500 ml", "100% wool", "fits iPhone 16"). */
  text: string;
  /** Offsets in the plain text, and the sentence that holds it. */
  start: number;
  end: number;
  sentence: number;
  /** "not dishwasher safe": a stated absence. */
  negated?: boolean;
  /** "100% wool": nothing else of its family. */
  pure?: boolean;
  /** An open claim (open.ts): what the data must say, every entry by one of its phrasings. */
  needs?: string[][];
  /** "around 3 oz", "just under 1 kg": an amount said to be approximate. */
  approximate?: boolean;
  /** Price: "orders over $60", a threshold (a policy's), not what the product costs. */
  threshold?: boolean;
  term?: Term;
  quantities?: Quantity[];
  /** Compatibility: the model names ("iPhone 16", "iPhone 16 Pro"); variant: the choices named ("oak", "walnut"). */
  models?: string[];
  /** Price: the amount; discount: the percentage. */
  amount?: number;
  /** Warranty and shipping: what a matching statement must say ("warranty:2 year"), and its group. */
  key?: string;
  group?: string;
}

export interface Sentence {
  text: string;
  start: number;
  end: number;
}

const esc = escapeRegExp;
/** A phrase as a pattern: spaces and hyphens interchangeable, an optional plural. */
const phraseBody = (p: string): string => p.trim().split(/[\s-]+/).map(esc).join('[\\s\\-]+');
const L = '(?<![\\p{L}\\p{N}])';
const R = '(?![\\p{L}\\p{N}])';

const NUM = '(\\d{1,3}(?:[,.]\\d{3})+(?:[.,]\\d+)?|\\d+(?:[.,]\\d+)?|½)';
const WORD_NUM = '(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\\d+)';
const unitAlternatives = Object.keys(UNITS)
  .filter((u) => !['in', 'in.', '"', '”', "''", '%'].includes(u))
  .sort((a, b) => b.length - a.length)
  .map((u) => u.split(' ').map(esc).join('\\s?'))
  .join('|');
// "in" is a unit only where a word would not follow it ("12 in x 8 in", "12 in."): "2 in blue" is no size.
const INCH = `in(?=\\.|\\s*(?:$|[,;:)x×]|tall|wide|long|high|deep|diameter))|"|”|''`;
const UNIT = `(?:(${unitAlternatives})${R}|(${INCH})|(%))`;

const QUANTITY_RE = new RegExp(`${L}${NUM}\\s?-?\\s?${UNIT}`, 'giu');
const DIMENSIONS_RE = new RegExp(
  `${L}${NUM}\\s?(${unitAlternatives}|${INCH})?\\s?[x×]\\s?${NUM}\\s?(${unitAlternatives}|${INCH})?(?:\\s?[x×]\\s?${NUM})?\\s?(?:(${unitAlternatives})${R}|(${INCH}))`,
  'giu',
);
const COUNT_RE = new RegExp(`${L}(?:(?:set|pack|box|bundle|case) of ${WORD_NUM}|${WORD_NUM}[\\s-](?:pack|piece|pc)s?)${R}`, 'giu');
const PRICE_RE = new RegExp(`(?:([$€£¥])\\s?${NUM}|${L}${NUM}\\s?(USD|EUR|GBP|CAD|AUD|NZD)${R})`, 'gu');
const DISCOUNT_RE = new RegExp(`${L}(?:(?:save|up to)\\s+${NUM}\\s?%|${NUM}\\s?%\\s?(?:off|discount)${R})`, 'giu');
const PERIOD = `(lifetime|${WORD_NUM}[\\s-](?:year|yr|month|day)s?)`;
const WARRANTY_RE = new RegExp(
  `${L}(?:${PERIOD}[\\s-](?:limited\\s+|manufacturer'?s?\\s+)?(warranty|guarantee)|(money[\\s-]back|satisfaction|price[\\s-]match)\\s+guarantee|guaranteed\\s+for\\s+(life|${WORD_NUM}\\s+years?)|${WORD_NUM}[\\s-]day\\s+(?:free\\s+)?returns?|free\\s+returns?)${R}`,
  'giu',
);
const SHIPPING_RE = new RegExp(
  `${L}(?:free\\s+(?:shipping|delivery)|(?:next|same)[\\s-]day\\s+(?:delivery|shipping|dispatch)|(?:ships|shipped|dispatched|dispatches|delivered|arrives)\\s+(?:with)?in\\s+((?:\\d+\\s?[–-]\\s?)?${WORD_NUM})\\s+(?:business\\s+|working\\s+)?(hours?|days?|weeks?)|(?:ships|dispatched)\\s+(?:today|tomorrow|same day)|express\\s+(?:shipping|delivery))${R}`,
  'giu',
);
// A model name: capitalised words and numbers ("iPhone 16 Pro", "MagSafe", "Galaxy S24", "A4").
const MODEL_WORD = `(?:[A-Z0-9]|[ie][A-Z])[\\w+\\-]*`;
const COMPAT_RE = new RegExp(
  `${L}(?:[Ff]its|[Cc]ompatible with|[Ww]orks with|[Dd]esigned for|[Mm]ade for)\\s+(?:the\\s+|all\\s+|most\\s+|your\\s+|an?\\s+)?(${MODEL_WORD}(?:(?:\\s+|\\s*[,/&]\\s*|\\s+(?:and|or)\\s+)${MODEL_WORD})*)`,
  'gu',
);
/**
 * A list of the choices a product comes in: "available in oak, ash or walnut", "choose lemons,
 * honeycomb or ferns". Each choice must be one the data has (an option value, a tag, the title…).
 */
const VARIANT_RE = /(?<![\p{L}\p{N}])(?:(?:is |are |also |now )?(?:available|comes?|offered|made) in(?: a choice of)?|choose(?: from| between)?|pick(?: from)?|in a choice of)\s+(?:either\s+)?([^.;:!?()]+)/giu;
/** Words after a list that say what its items are ("in oak and ash finishes"). */
const CHOICE_NOUNS = /\s+(?:sizes?|colou?rs?|colou?rways?|finish(?:es)?|shades?|styles?|options?|versions?|variants?|scents?|flavou?rs?|designs?|patterns?|prints?|glazes?|tones?)$/i;

/** "stone wash", "gold tone", "leather-look", "organic feel": the word describes a look, not the thing. */
const NOT_THE_THING = '(?![\\s-]+(?:wash|washed|feel|shape|look|looking|lines|curves|form|tone|toned|colou?r|colou?red|finish|effect|style|print|printed|pattern|grey|gray|blue|green|red|pink|white|black|brown|hue|shade)\\b)';
const NOT_THE_PROPERTY = '(?![\\s-]+(?:feel|shape|look|lines|curves|form|style)\\b)';
/** Materials that are also colours ("charcoal glaze", "dark bronze metal"): a material only after a cue. */
const COLOUR_MATERIALS = new Set(['gold', 'silver', 'bronze', 'copper', 'charcoal', 'stone', 'slate', 'ash', 'pewter', 'sand', 'ivory', 'cherry wood']);
const MATERIAL_CUE = /(?:\b(?:made (?:of|from|in)|solid|pure|genuine|real|crafted (?:from|in)|cast|\d+\s?k|\d+\s?%|sterling|plated in|in)\s+)$/i;
const MATERIAL_AFTER = /^(?:[\s-]+(?:plated|filled|leaf|wire|foil|alloy|infused|lining|lined|core|coating|coated))\b/i;
const APPROXIMATE = /(?:\b(?:around|about|roughly|approximately|approx\.?|nearly|almost|circa|some|just (?:under|over|below|above)|a little (?:under|over)|up to)|~)\s*$/i;
const THRESHOLD = /(?:\b(?:over|above|more than|orders? (?:of|from)|spend(?:ing)?|from)|\+)\s*$/i;
const NEGATION = /(?:\bnot|\bnon|\bnever|\bno|n't|\bwithout|\bisn't|\baren't)[\s-]+(?:\w+[\s-]+){0,2}$/i;

/** Sentences with their offsets; a line break also ends one. "No. 1", "fl. oz" and "1.5 l" do not. */
export function sentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  const re = /[.!?]+["”)]?\s+(?=[\p{Lu}\p{N}"“(#$€£])|\n+/gu;
  let start = 0;
  const push = (end: number): void => {
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    if (raw.trim()) out.push({ text: raw.trim(), start: start + lead, end });
  };
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0][0] !== '\n' && /(?:\bno|\bfl|\bapprox|\bincl|\bvs|\bca|\bmr|\bdr|\bst)\.$/i.test(text.slice(Math.max(0, m.index - 8), m.index + 1))) continue;
    push(m.index + m[0].trimEnd().length);
    start = m.index + m[0].length;
  }
  push(text.length);
  return out;
}

/**
 * A term's pattern, with the word it cannot match without (its first word, lower-cased, or its
 * name as written when it is case-sensitive): most texts hold few of the vocabulary's hundreds of
 * terms, and a substring search rules a term out far faster than running its pattern.
 */
interface TermPattern {
  term: Term;
  re: RegExp;
  kind: 'material' | 'property';
  needle: string;
  caseSensitive: boolean;
}

const compiled = new WeakMap<Vocabulary, { terms: TermPattern[]; sup: RegExp | null; ignore: RegExp | null }>();

function vocabPatterns(v: Vocabulary) {
  let c = compiled.get(v);
  if (c) return c;
  const terms: (TermPattern & { len: number })[] = [];
  for (const [kind, list] of [['material', v.materials], ['property', v.properties]] as const) {
    for (const term of list) {
      for (const p of term.phrases) {
        const flags = CASE_SENSITIVE.has(p.toUpperCase()) && p.length <= 4 ? 'gu' : 'giu';
        const body = flags === 'gu' ? esc(term.name) : phraseBody(p);
        const caseSensitive = flags === 'gu';
        const needle = caseSensitive ? term.name : p.trim().split(/[\s-]+/)[0]!.toLowerCase();
        const re = new RegExp(`${L}${body}(?:e?s)?${R}(?!-free|\\s+free)${kind === 'material' ? NOT_THE_THING : NOT_THE_PROPERTY}`, flags);
        terms.push({ term, kind, len: p.length, re, needle, caseSensitive });
      }
    }
  }
  terms.sort((a, b) => b.len - a.len); // "vegan leather" before "leather", "organic cotton" before "cotton"
  const sup = v.superlatives.length
    ? new RegExp(`(?<![\\p{L}\\p{N}#])(?:${[...v.superlatives].sort((a, b) => b.length - a.length).map(phraseBody).join('|')})${R}(?!-|\\s+of\\b)`, 'giu')
    : null;
  const ignore = v.ignore.length ? new RegExp(`${L}(?:${v.ignore.map(phraseBody).join('|')})${R}`, 'iu') : null;
  c = { terms, sup, ignore };
  compiled.set(v, c);
  return c;
}

/** Every checkable claim in a draft or a cell (plain text or HTML). */
export function extractClaims(
  input: string,
  vocab: Vocabulary,
  /**
   * `source`: the text is a cell of the data, read for what it can support. Choice lists and open
   * claims are left out: their matchers read a cell's words, never its claims, and their spans would
   * hide the terms inside them ("available in oak or walnut" still names oak and walnut).
   */
  opts: { html?: boolean; names?: string[]; source?: boolean } = {},
): { text: string; claims: FoundClaim[] } {
  const plain = opts.html || /<\/?[a-z][^>]*>/i.test(input) ? plainText(input) : input;
  const sents = sentences(plain);
  const text = maskNames(plain, opts.names ?? []);
  const taken: [number, number][] = [];
  const free = (s: number, e: number) => !taken.some(([a, b]) => s < b && e > a);
  const claims: FoundClaim[] = [];
  const { terms, sup, ignore } = vocabPatterns(vocab);
  const add = (c: Omit<FoundClaim, 'sentence'>): void => {
    if (!free(c.start, c.end) || (ignore && ignore.test(c.text))) return;
    taken.push([c.start, c.end]);
    const sentence = Math.max(0, sents.findIndex((s) => c.start >= s.start && c.start < s.end));
    claims.push({ ...c, sentence });
  };
  const each = (re: RegExp, fn: (m: RegExpExecArray) => Omit<FoundClaim, 'sentence'> | undefined): void => {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const c = fn(m);
      if (c) add(c);
    }
  };
  const span = (m: RegExpExecArray) => ({ text: m[0].trim(), start: m.index, end: m.index + m[0].trimEnd().length });

  each(DISCOUNT_RE, (m) => ({ kind: 'discount', ...span(m), amount: parseNumber(m[1] ?? m[2] ?? '') }));
  each(WARRANTY_RE, (m) => ({ kind: 'warranty', ...span(m), ...warrantyKey(m[0]) }));
  each(SHIPPING_RE, (m) => ({ kind: 'shipping', ...span(m), ...shippingKey(m[0]) }));
  const lead = (m: RegExpExecArray, n = 30): string => text.slice(Math.max(0, m.index - n), m.index);
  each(PRICE_RE, (m) => {
    const amount = parseNumber(m[2] ?? m[3] ?? '');
    if (amount === undefined) return undefined;
    return { kind: 'price', ...span(m), amount, ...(THRESHOLD.test(lead(m)) && /\b(?:shipping|delivery|ships|orders?)\b/i.test(text.slice(Math.max(0, m.index - 60), m.index + m[0].length + 40)) ? { threshold: true } : {}) };
  });
  each(DIMENSIONS_RE, (m) => {
    const last = m[6] ?? m[7]!;
    const qs = [[m[1], m[2]], [m[3], m[4]], [m[5], undefined]]
      .filter(([n]) => n !== undefined)
      .map(([n, u]) => quantity(parseNumber(n!) ?? NaN, normUnit(u ?? last), n!))
      .filter((q): q is Quantity => !!q && Number.isFinite(q.value));
    return qs.length >= 2 ? { kind: 'dimensions', ...span(m), quantities: qs, ...(APPROXIMATE.test(lead(m)) ? { approximate: true } : {}) } : undefined;
  });
  each(COUNT_RE, (m) => {
    const n = parseNumber(m[1] ?? m[2] ?? '');
    return n === undefined ? undefined : { kind: 'quantity', ...span(m), quantities: [quantity(n, 'pieces')!] };
  });
  each(QUANTITY_RE, (m) => {
    const n = parseNumber(m[1]!);
    // "100% cotton" is a claim about the material, checked as such below.
    if (m[4] && n === 100 && /^\s?[\p{L}]/u.test(text.slice(m.index + m[0].length))) return undefined;
    const q = n === undefined ? undefined : quantity(n, normUnit(m[2] ?? m[3] ?? m[4]!), m[1]!);
    return q ? { kind: 'quantity', ...span(m), quantities: [q], ...(APPROXIMATE.test(lead(m)) ? { approximate: true } : {}) } : undefined;
  });
  if (!opts.source) each(VARIANT_RE, (m) => {
    // "in 2 sizes", "in 100% cotton", "made in Portugal": a count, a material or a place, checked as such.
    // The list ends where the sentence goes on ("… or walnut for any kitchen").
    const list = m[1]!.split(/\s+(?:for|to|with|that|which|so|from|on|at|by|if|when|while|[—–-])\s/)[0]!.replace(CHOICE_NOUNS, '').trim();
    if (/\d/.test(list) || /^made in/i.test(m[0]) || !/(?:,|\band\b|\bor\b)/.test(list)) return undefined;
    // "Choose oak or ash." offers a choice; "when you choose our wax, …" is prose.
    if (/^(?:choose|pick)/i.test(m[0]) && !/(?:^|[.!?:\n])\s*$/.test(lead(m, 3))) return undefined;
    const models = list.split(/\s*(?:,|\band\b|\bor\b)\s*/).map((x) => x.replace(/^(?:a|an|the)\s+/i, '').trim()).filter(Boolean);
    // Choices are names of a few words ("space grey", "rose gold"); anything longer is a sentence going on.
    if (models.length < 2 || models.some((x) => x.split(/\s+/).length > 3 || /^(?:you|we|it|they|i|our|your|its|this|that)\b|['’]/i.test(x))) return undefined;
    const end = m.index + m[0].indexOf(m[1]!) + m[1]!.indexOf(list) + list.length;
    return { kind: 'variant', text: text.slice(m.index, end).trim(), start: m.index, end, models };
  });
  each(COMPAT_RE, (m) => {
    const models = m[1]!.split(/\s*(?:,|\/|&|\band\b|\bor\b)\s*/).map((s) => s.trim()).filter(Boolean);
    return { kind: 'compatibility', ...span(m), models };
  });
  const lower = text.toLowerCase();
  for (const { term, re, kind, needle, caseSensitive } of terms) {
    if (!(caseSensitive ? text : lower).includes(needle)) continue;
    each(re, (m) => {
      const before = text.slice(Math.max(0, m.index - 40), m.index);
      if (kind === 'material' && COLOUR_MATERIALS.has(term.name) && !MATERIAL_CUE.test(before) && !MATERIAL_AFTER.test(text.slice(m.index + m[0].length))) {
        return undefined;
      }
      const full = /100\s?%\s?$/.exec(before);
      const s = span(m);
      const start = full ? m.index - full[0].length : s.start;
      return { kind, ...s, start, text: text.slice(start, s.end), term, ...(full ? { pure: true } : {}), ...(NEGATION.test(before) ? { negated: true } : {}) };
    });
  }
  // "Plastic-free" of a material is its absence, which the data rarely states: left unchecked, as it always was.
  const materialFree = (c: { kind: string; text: string }): boolean =>
    c.kind === 'feature' && /-free$/i.test(c.text) && vocab.materials.some((t) => t.phrases.includes(c.text.slice(0, -5).toLowerCase()));
  if (!opts.source) for (const c of openClaims(text)) if (!materialFree(c)) add(c);
  if (sup) each(sup, (m) => ({ kind: 'superlative', ...span(m), key: `sup:${m[0].toLowerCase().replace(/[\s-]+/g, ' ').replace(/best ?sell(ing|er)/, 'bestseller')}` }));
  claims.sort((a, b) => a.start - b.start);
  return { text: plain, claims };
}

/**
 * Names (the vendor "Harbor Leather", the store "Little Oak") blanked out, offsets kept: a brand
 * quoted in a draft claims no material.
 */
function maskNames(text: string, names: string[]): string {
  let out = text;
  for (const n of names.map((x) => x.trim()).filter((x) => x.length >= 2)) {
    out = out.replace(new RegExp(`${L}${phraseBody(n)}${R}`, 'giu'), (m) => ' '.repeat(m.length));
  }
  return out;
}

function normUnit(u: string): string {
  const l = u.toLowerCase().replace(/\s+/g, ' ');
  if (l === 'in' || l === 'in.' || l === '"' || l === '”' || l === "''") return 'in';
  return l.replace(/\s?oz\.?$/, (x) => (l.startsWith('fl') ? ' oz' : x)).replace(/^fl\.?\s?oz$/, 'fl oz');
}

const numIn = (s: string): string => {
  const m = /\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve/i.exec(s);
  return m ? String(parseNumber(m[0]) ?? m[0]) : '';
};

function warrantyKey(t: string): { key: string; group: string } {
  const s = t.toLowerCase();
  if (/return/.test(s)) return { group: 'returns', key: `returns:${/free/.test(s) && !/\d/.test(s) ? 'free' : numIn(s)}` };
  if (/money|satisfaction|price/.test(s)) return { group: s.replace(/[\s-]+/g, ' ').replace(/ guarantee.*/, ''), key: s.replace(/[\s-]+/g, ' ') };
  const n = Number(numIn(s));
  // "12-month warranty" is "1-year warranty".
  const period = /lifetime|life/.test(s) ? 'life' : /month/.test(s) && n > 0 && n % 12 === 0 ? `${n / 12} year` : `${numIn(s)} ${/month/.test(s) ? 'month' : /day/.test(s) ? 'day' : 'year'}`;
  return { group: 'warranty', key: `warranty:${period}` };
}

function shippingKey(t: string): { key: string; group: string } {
  // "2–4 days" and "2-4 days" are one range; "next-day" is "next day".
  const s = t.toLowerCase().replace(/\s*[–—-]\s*(?=\d)/g, '-').replace(/(?<!\d)-|-(?!\d)/g, ' ').replace(/\s+/g, ' ');
  if (/free/.test(s)) return { group: 'free shipping', key: 'free shipping' };
  if (/next day|same day|today|tomorrow|express/.test(s)) return { group: 'shipping time', key: s.replace(/^(ships|dispatched) /, '') };
  const range = /((?:\d+\s?[–-]\s?)?\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:business |working )?(hour|day|week)/.exec(s);
  return { group: 'shipping time', key: range ? `${range[1]!.replace(/\s/g, '')} ${range[2]}` : s };
}
