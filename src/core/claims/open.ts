/**
 * Claims with an open slot: statements of fact whose words are not in any closed list, found by
 * their shape and checked word for word against the data. "Made in Portugal" needs "Portugal" (or
 * "Portuguese") in the data; "hand-poured" needs hand pouring; "caffeine-free" needs caffeine-free;
 * "a limited run of 500" needs "limited" and 500. Run after the vocabulary, so a known term keeps
 * its own, finer matching (negation, families, exclusions).
 */
import type { ClaimKind } from './types.js';
import { NUMBER_WORDS, singular } from './units.js';

export interface OpenClaim {
  kind: ClaimKind;
  text: string;
  start: number;
  end: number;
  /** What the data must say: every entry, each by one of its phrasings. */
  needs: string[][];
}

const L = '(?<![\\p{L}\\p{N}])';
const R = '(?![\\p{L}\\p{N}])';
const NUMBER = `(\\d+(?:[.,]\\d+)?|${Object.keys(NUMBER_WORDS).join('|')})`;
/** A number as the data may write it: "three" is also "3", "3" also "three". */
const numberForms = (n: string): string[] => {
  const l = n.toLowerCase();
  const value = NUMBER_WORDS[l];
  const word = Object.keys(NUMBER_WORDS).find((w) => String(NUMBER_WORDS[w]) === l);
  return [l, ...(value !== undefined ? [String(value)] : []), ...(word ? [word] : [])];
};

/** Places named by their adjective: "Italian leather" is leather from Italy. */
const DEMONYMS: Record<string, string[]> = {
  italy: ['italian'], portugal: ['portuguese'], spain: ['spanish'], france: ['french'], germany: ['german'], japan: ['japanese'],
  china: ['chinese'], india: ['indian'], peru: ['peruvian'], nepal: ['nepalese', 'nepali'], scotland: ['scottish'], england: ['english'],
  wales: ['welsh'], ireland: ['irish'], britain: ['british'], 'united kingdom': ['uk', 'british'], uk: ['united kingdom', 'british'],
  usa: ['american', 'united states', 'us'], 'united states': ['usa', 'american', 'us'], america: ['american', 'usa'], canada: ['canadian'],
  mexico: ['mexican'], turkey: ['turkish'], greece: ['greek'], sweden: ['swedish'], norway: ['norwegian'], denmark: ['danish'],
  finland: ['finnish'], iceland: ['icelandic'], belgium: ['belgian'], netherlands: ['dutch', 'holland'], morocco: ['moroccan'],
  kenya: ['kenyan'], ethiopia: ['ethiopian'], colombia: ['colombian'], brazil: ['brazilian'], vietnam: ['vietnamese'], thailand: ['thai'],
  australia: ['australian'], 'new zealand': ['nz'], provence: ['provençal'],
};
const placeForms = (place: string): string[] => {
  const l = place.toLowerCase();
  const back = Object.entries(DEMONYMS).filter(([, d]) => d.includes(l)).map(([p]) => p);
  return [l, ...(DEMONYMS[l] ?? []), ...back];
};

const MAKING_VERBS = 'made|poured|painted|thrown|stitched|sewn|knitted|knit|woven|dyed|carved|crafted|blown|printed|finished|rolled|cut|forged|built|bound|lettered|tied|picked|spun|glazed|turned|shaped|assembled|roasted|blended|harvested|grown|cast|milled|tanned|embroidered|quilted|pressed';
// A place is capitalised words on one line ("New Zealand", "Rio de Janeiro").
const PLACE = "((?:the[ \\t]+)?\\p{Lu}[\\p{L}'’-]*(?:[ \\t]+(?:\\p{Lu}[\\p{L}'’-]*|of|de|del|di))*)";

/** A verb list matching a capital first letter too, for patterns that must stay case-sensitive elsewhere. */
const anyFirstCase = (verbs: string): string => verbs.split('|').map((v) => `[${v[0]}${v[0]!.toUpperCase()}]${v.slice(1)}`).join('|');
/** "Made in Portugal", "woven in Peru", "forged in Sheffield"; "made in small batches" is no place (a place has a capital). */
const ORIGIN_RE = new RegExp(`${L}(?:${anyFirstCase(`${MAKING_VERBS}|designed|produced|manufactured|sourced|bottled|packed`)})\\s+in\\s+${PLACE}`, 'gu');
/** "Hand-poured", "hand painted", "handmade", "made by hand"; "small-batch". */
const MAKING_RE = new RegExp(`${L}(?:hand[\\s-]?(${MAKING_VERBS})|(${MAKING_VERBS}) by hand|small[\\s-]batch(?:es)?)${R}`, 'giu');
/** "-free", "-proof", "-safe" and kin outside the vocabulary: "caffeine-free", "stovetop-safe", "fade-proof". */
const COMPOUND_RE = new RegExp(`${L}((?:\\p{L}+-)*\\p{L}+)-(free|proof|safe|resistant|repellent|tested|approved|certified|friendly|locking|wicking)${R}`, 'giu');
/** Compounds that describe a feeling, not the product: never checked. */
const MOOD_COMPOUNDS = new Set(['care', 'worry', 'hassle', 'stress', 'guilt', 'clutter', 'fuss', 'trouble', 'pain', 'risk', 'user', 'family', 'kid', 'budget', 'eco', 'planet', 'earth', 'gift', 'crowd']);
/** "Limited to 200 tins", "a limited run of 500", "numbered and signed" ("one of a kind" is said of atmospheres too: not checked). */
const EDITION_RE = new RegExp(`${L}(?:limited(?:\\s+(?:edition|run|batch|release))?(?:\\s+(?:of|to)\\s+${NUMBER})?|(?:hand[\\s-])?numbered|signed)${R}`, 'giu');
/** "Free gift wrapping", "gift-wrapped free", "monogramming", "engraving included" (as services: "an engraved moon" is a design). */
const SERVICE_RE = new RegExp(`${L}(?:free\\s+)?(?:gift[\\s-]wrap(?:ped|ping)?|monogramming|engraving|personali[sz]ation)${R}`, 'giu');
/** "lasts up to 60 washes", "burns for around 50 hours", "serves eight", "fits twelve pens". */
const DURATION_RE = new RegExp(
  `${L}(?:lasts?|burns?|stays?\\s+\\p{L}+|keeps?|runs?|fills?\\s+the\\s+room|reused|serves|seats|fits|holds|makes|brews)\\s+(?:for\\s+)?(?:around\\s+|about\\s+|up\\s+to\\s+|roughly\\s+|over\\s+)?${NUMBER}(?:\\s+(hours?|days?|weeks?|months?|years?|washes|uses|cups|servings|people|guests|pens|pencils|bottles|mugs|books|plates))?${R}`,
  'giu',
);

/** Age and size ranges: "from 1 to 10 years", "up to 2 years", "from 8 weeks", "sizes S to 3XL". */
// A range needs an age or size word or "from" before it: "every 2–4 weeks" in care notes is no age.
const AGE_RANGE_RE = new RegExp(`${L}(?:(?:ages?|aged|sizes?|sized|from|fits)\\s+(?:\\p{L}+\\s+)?${NUMBER}\\s*(?:to|-|–)\\s*${NUMBER}|(?:up\\s+to|from|under|over)\\s+${NUMBER})\\s*(years?|yrs?|months?|weeks?)${R}`, 'giu');
const SIZE = '(\\d?X{0,3}[SML]|XX?L|\\dXL)';
const SIZE_RANGE_RE = new RegExp(`${L}sizes?\\s+(?:from\\s+)?${SIZE}\\s*(?:to|-|–)\\s*${SIZE}${R}`, 'gu');
/** Suitability: "safe for newborns", "suitable for babies' skin", "safe around cats and dogs". */
const SUITABLE_RE = /(?<![\p{L}\p{N}])(?:safe|suitable|gentle enough|approved|recommended|kind)\s+(?:for|around|with|to use on)\s+([^.,;:!?()\n]+)/giu;
/** Shipping promises the closed patterns miss: "free worldwide shipping", "delivered next day". */
const SHIP_RE = new RegExp(`${L}(?:free\\s+(worldwide|international|global|uk|eu|us|european|express|next[\\s-]day)\\s+(?:shipping|delivery)|(?:delivered|arrives|dispatched|ships|shipped)\\s+(next|same)[\\s-]day)${R}`, 'giu');
/** What comes in the box: "comes with a detachable chest strap", "includes a spare strap" ("including …" lists things, as a category page lists products: not checked). */
const EXTRA_RE = /(?<![\p{L}\p{N}])(?:comes with|includes|supplied with|complete with|with a spare|with an extra)\s+(?:a|an|the|its own|two|three|four|a spare|an extra)?\s*([\p{L}-]+(?:\s+[\p{L}-]+){0,2})/giu;
/** Offers: "buy one, get one half price", "get a third free", "second one half price". */
const OFFER_RE = new RegExp(`${L}(?:buy\\s+(?:one|two|three|\\d+)[\\s,]+get\\s+[^.;:!?]*?(?:free|half[\\s-]price|\\d+\\s?%\\s?off)|get\\s+(?:a|the)\\s+(?:second|third|fourth)(?:\\s+one)?\\s+(?:free|half[\\s-]price)|(?:second|2nd)(?:\\s+one)?\\s+half[\\s-]price)${R}`, 'giu');
const STOP = new Set(['a', 'an', 'the', 'and', 'or', 'of', 'with', 'to', 'your', 'our', 'its', 'their', 'all', 'most', 'even', 'very', 'every', 'any', 'use', 'using', 'on', 'in', 'for', 'by', 'from', 'so', 'that', 'it', 'them', 'you']);
const contentWords = (phrase: string, max = 4): string[] =>
  phrase.toLowerCase().replace(/['’]s?\b/g, '').split(/[\s-]+/).filter((w) => w && !STOP.has(w)).slice(0, max);
const LIST_END = /\s+(?:that|which|so|while|when|if|because|at|—|–)\s/i;

const span = (m: RegExpExecArray) => ({ text: m[0].trim(), start: m.index, end: m.index + m[0].trimEnd().length });

/** Every open claim of a text (names already masked). */
export function openClaims(text: string): OpenClaim[] {
  const out: OpenClaim[] = [];
  const each = (re: RegExp, fn: (m: RegExpExecArray) => OpenClaim | undefined): void => {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const c = fn(m);
      if (c) out.push(c);
    }
  };
  each(ORIGIN_RE, (m) => {
    const place = m[1]!.replace(/^the\s+/i, '').replace(/[’']+$/, '');
    if (/^(?:Our|My|The|A|An)$/.test(place)) return undefined;
    const t = m[0].trim().replace(/[.’']+$/, '');
    return { kind: 'origin', text: t, start: m.index, end: m.index + t.length, needs: [placeForms(place)] };
  });
  each(MAKING_RE, (m) => {
    if (!m[1] && !m[2]) return { kind: 'making', ...span(m), needs: [['small batch', 'small batches', 'small-batch']] };
    const verb = (m[1] ?? m[2])!.toLowerCase();
    const forms = verb === 'made' ? ['handmade', 'hand made', 'made by hand', 'handcrafted', 'hand crafted'] : [`hand ${verb}`, `hand${verb}`, `${verb} by hand`];
    return { kind: 'making', ...span(m), needs: [forms] };
  });
  each(COMPOUND_RE, (m) => {
    const head = m[1]!.toLowerCase();
    if (MOOD_COMPOUNDS.has(head)) return undefined;
    return { kind: 'feature', ...span(m), needs: [[`${head} ${m[2]!.toLowerCase()}`, `${head}${m[2]!.toLowerCase()}`]] };
  });
  each(EDITION_RE, (m) => {
    const word = /limited/i.test(m[0]) ? 'limited' : /numbered/i.test(m[0]) ? 'numbered' : 'signed';
    return { kind: 'edition', ...span(m), needs: [[word], ...(m[1] ? [numberForms(m[1])] : [])] };
  });
  each(SERVICE_RE, (m) => {
    const s = m[0].toLowerCase();
    const stem = /gift/.test(s) ? ['gift wrap', 'gift-wrap', 'giftwrap', 'gift wrapping', 'gift wrapped'] : /monogram/.test(s) ? ['monogram'] : /engrav/.test(s) ? ['engrav'] : ['personalis', 'personaliz'];
    return { kind: 'service', ...span(m), needs: [stem, ...(/free/.test(s) ? [['free']] : [])] };
  });
  each(DURATION_RE, (m) => {
    const noun = m[2] ? [[m[2].toLowerCase(), singular(m[2].toLowerCase())]] : [];
    return { kind: 'amount', ...span(m), needs: [numberForms(m[1]!), ...noun] };
  });
  each(AGE_RANGE_RE, (m) => {
    const unit = singular(m[4]!.toLowerCase()).replace(/^yr$/, 'year');
    const nums = [m[1], m[2], m[3]].filter((n): n is string => n !== undefined).map(numberForms);
    return { kind: 'range', ...span(m), needs: [...nums, [unit, `${unit}s`, unit === 'year' ? 'yr' : unit]] };
  });
  each(SIZE_RANGE_RE, (m) => ({ kind: 'range', ...span(m), needs: [[m[1]!.toLowerCase()], [m[2]!.toLowerCase()]] }));
  each(SUITABLE_RE, (m) => {
    // "Not suitable for food use" is a warning the owner gives, not a promise to check.
    if (/\b(?:not|never|isn['’]t|aren['’]t|no longer)\s+$/i.test(text.slice(Math.max(0, m.index - 12), m.index))) return undefined;
    const words = contentWords(m[1]!.split(LIST_END)[0]!);
    if (words.length === 0) return undefined;
    const t = m[0].slice(0, m[0].indexOf(m[1]!)) + m[1]!.split(LIST_END)[0]!;
    return { kind: 'suitability', text: t.trim(), start: m.index, end: m.index + t.trimEnd().length, needs: words.map((w) => [w, singular(w)]) };
  });
  each(SHIP_RE, (m) =>
    m[1]
      ? { kind: 'shipping', ...span(m), needs: [['free'], [m[1].toLowerCase().replace('-', ' ')], ['shipping', 'delivery']] }
      : { kind: 'shipping', ...span(m), needs: [[`${m[2]!.toLowerCase()} day`]] },
  );
  each(EXTRA_RE, (m) => {
    const thing = m[1]!.split(/\s+(?:to|for|and|or|that|which|so|while|when|if|at)(?:\s|$)/i)[0]!;
    const words = contentWords(thing, 3);
    if (words.length === 0) return undefined;
    const t = m[0].slice(0, m[0].lastIndexOf(m[1]!)) + thing;
    return { kind: 'extra', text: t.trim(), start: m.index, end: m.index + t.trimEnd().length, needs: words.map((w) => [w, singular(w)]) };
  });
  each(OFFER_RE, (m) => ({ kind: 'offer', ...span(m), needs: [[m[0].toLowerCase().replace(/[\s,-]+/g, ' ').trim()]] }));
  return out;
}
