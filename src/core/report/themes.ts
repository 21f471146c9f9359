import type { Theme } from './types.js';

/**
 * Phrase extraction for the low-star reviews: the one- to three-word phrases that appear in most
 * reviews (each review counts once), without stop words at either end, a shorter phrase dropped
 * when a longer one holds it in as many reviews. Deterministic, no model.
 */
const STOP = new Set(
  ('a an the and or but if so to of in on at by for from with without into as is are was were be been being am ' +
    'i me my we our you your it its this that these those they them their he she his her there here then than ' +
    'do did does done have has had not no nor very just too also only really quite all any some more most ' +
    'would could should will can may might must shall get got one two after before when while what which who ' +
    'how why about up out over under again once s t don didn doesn isn wasn aren weren im ive its it\'s i\'m').split(' '),
);

/** Words that may open a phrase though they are stop words: "too small", "not working", "no reply". */
const OPENERS = new Set(['too', 'not', 'no', 'very', 'never']);

const words = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}']+/gu)?.map((w) => w.replace(/^'+|'+$/g, '')).filter(Boolean) ?? [];

function phrasesOf(text: string): Set<string> {
  const w = words(text);
  const out = new Set<string>();
  for (let n = 1; n <= 3; n++) {
    for (let i = 0; i + n <= w.length; i++) {
      const g = w.slice(i, i + n);
      if ((STOP.has(g[0]!) && !(n > 1 && OPENERS.has(g[0]!))) || STOP.has(g[n - 1]!)) continue;
      if (n === 1 && g[0]!.length < 4) continue;
      out.add(g.join(' '));
    }
  }
  return out;
}

/** The sentence of `text` that holds `phrase`, cut to about 120 characters. */
function quote(text: string, phrase: string): string {
  const sentences = text.split(/(?<=[.!?])\s+|\n+/);
  const s = (sentences.find((x) => words(x).join(' ').includes(phrase)) ?? text).trim();
  return s.length > 120 ? `${s.slice(0, 117).trimEnd()}…` : s;
}

export function extractThemes(texts: string[], max = 5): Theme[] {
  const seen = new Map<string, number[]>();
  texts.forEach((t, i) => {
    for (const p of phrasesOf(t)) seen.set(p, [...(seen.get(p) ?? []), i]);
  });
  const candidates = [...seen.entries()].filter(([, ids]) => ids.length >= 2);
  const kept = candidates.filter(
    ([p, ids]) => !candidates.some(([q, qids]) => q !== p && q.length > p.length && ` ${q} `.includes(` ${p} `) && qids.length >= ids.length),
  );
  kept.sort((a, b) => b[1].length - a[1].length || b[0].split(' ').length - a[0].split(' ').length || a[0].localeCompare(b[0]));
  return kept.slice(0, max).map(([phrase, ids]) => ({
    phrase,
    count: ids.length,
    quotes: ids.slice(0, 3).map((i) => quote(texts[i]!, phrase)),
  }));
}
