/**
 * Units a claim can carry, each with the dimension it measures and its size in that dimension's
 * base unit (ml, g, mm, W, V, mAh, %, pieces). "oz" is both a weight and a volume: it is read as
 * whichever the product's data measures.
 */
export type Dimension =
  | 'volume' | 'mass' | 'length' | 'power' | 'voltage' | 'charge' | 'percent' | 'count'
  | 'paper' | 'threads' | 'denier' | 'light' | 'temperature' | 'angle';

export interface UnitDef {
  dim: Dimension;
  factor: number;
  /** Subtracted before the factor: °F is (value − 32) × 5/9 in °C. */
  offset?: number;
}

const U = (dim: Dimension, factor: number, offset?: number): UnitDef => ({ dim, factor, ...(offset ? { offset } : {}) });

/** Spelling (lower case) → unit. Longest spellings are tried first by the extractor. */
export const UNITS: Record<string, UnitDef[]> = {
  ml: [U('volume', 1)], millilitre: [U('volume', 1)], milliliter: [U('volume', 1)], millilitres: [U('volume', 1)], milliliters: [U('volume', 1)],
  cl: [U('volume', 10)], l: [U('volume', 1000)], litre: [U('volume', 1000)], liter: [U('volume', 1000)], litres: [U('volume', 1000)], liters: [U('volume', 1000)],
  'fl oz': [U('volume', 29.5735)], 'fl. oz': [U('volume', 29.5735)], 'fl. oz.': [U('volume', 29.5735)], 'fluid ounce': [U('volume', 29.5735)], 'fluid ounces': [U('volume', 29.5735)],
  gallon: [U('volume', 3785.41)], gallons: [U('volume', 3785.41)], gal: [U('volume', 3785.41)],
  oz: [U('mass', 28.3495), U('volume', 29.5735)], ounce: [U('mass', 28.3495), U('volume', 29.5735)], ounces: [U('mass', 28.3495), U('volume', 29.5735)],
  mg: [U('mass', 0.001)], g: [U('mass', 1)], gram: [U('mass', 1)], grams: [U('mass', 1)], gr: [U('mass', 1)],
  kg: [U('mass', 1000)], kilo: [U('mass', 1000)], kilos: [U('mass', 1000)], kilogram: [U('mass', 1000)], kilograms: [U('mass', 1000)],
  lb: [U('mass', 453.592)], lbs: [U('mass', 453.592)], pound: [U('mass', 453.592)], pounds: [U('mass', 453.592)],
  mm: [U('length', 1)], millimetre: [U('length', 1)], millimeter: [U('length', 1)], millimetres: [U('length', 1)], millimeters: [U('length', 1)],
  cm: [U('length', 10)], centimetre: [U('length', 10)], centimeter: [U('length', 10)], centimetres: [U('length', 10)], centimeters: [U('length', 10)],
  m: [U('length', 1000)], metre: [U('length', 1000)], meter: [U('length', 1000)], metres: [U('length', 1000)], meters: [U('length', 1000)],
  in: [U('length', 25.4)], 'in.': [U('length', 25.4)], inch: [U('length', 25.4)], inches: [U('length', 25.4)], '"': [U('length', 25.4)], '”': [U('length', 25.4)], "''": [U('length', 25.4)],
  ft: [U('length', 304.8)], foot: [U('length', 304.8)], feet: [U('length', 304.8)],
  w: [U('power', 1)], watt: [U('power', 1)], watts: [U('power', 1)], kw: [U('power', 1000)],
  v: [U('voltage', 1)], volt: [U('voltage', 1)], volts: [U('voltage', 1)],
  mah: [U('charge', 1)], ah: [U('charge', 1000)],
  '%': [U('percent', 1)], percent: [U('percent', 1)],
  // The units of a trade: paper weight, thread count, yarn denier, light output, temperatures, angles.
  gsm: [U('paper', 1)], 'g/m²': [U('paper', 1)], 'g/m2': [U('paper', 1)],
  'thread count': [U('threads', 1)], tc: [U('threads', 1)],
  denier: [U('denier', 1)],
  lumens: [U('light', 1)], lumen: [U('light', 1)], lm: [U('light', 1)],
  '°c': [U('temperature', 1)], 'degrees c': [U('temperature', 1)], celsius: [U('temperature', 1)],
  '°f': [U('temperature', 5 / 9, 32)], 'degrees f': [U('temperature', 5 / 9, 32)], fahrenheit: [U('temperature', 5 / 9, 32)],
  degrees: [U('angle', 1)], '°': [U('angle', 1)],
  pieces: [U('count', 1)], piece: [U('count', 1)], pcs: [U('count', 1)], pc: [U('count', 1)], pack: [U('count', 1)], count: [U('count', 1)], ct: [U('count', 1)],
};

/** A measured amount, in the base unit of each dimension its unit may mean. */
export interface Quantity {
  value: number;
  unit: string;
  /** Dimension → value in the base unit. */
  base: Partial<Record<Dimension, number>>;
  /** Half a step of the last decimal written, in base units per dimension: "0.88 lb" is 0.875–0.885. */
  slack: Partial<Record<Dimension, number>>;
}

export function quantity(value: number, unit: string, written = String(value)): Quantity | undefined {
  const defs = UNITS[unit.toLowerCase().replace(/\s+/g, ' ')];
  if (!defs) return undefined;
  // Only a written decimal says how it was rounded; "1 l" is not "anything from 0.5 to 1.5 l".
  const decimals = (/[.,](\d+)$/.exec(written)?.[1] ?? '').length;
  const half = decimals > 0 ? 0.5 * 10 ** -decimals : 0;
  const base: Quantity['base'] = {};
  const slack: Quantity['slack'] = {};
  for (const d of defs) {
    base[d.dim] = (value - (d.offset ?? 0)) * d.factor;
    slack[d.dim] = half * d.factor;
  }
  return { value, unit, base, slack };
}

/**
 * Tolerances, stated: the same amount in the same unit may differ by 2 % (rounding: 12 oz for
 * 350 ml is 1.4 % off); an amount converted to another unit (the claim's `a`) may be the data
 * rounded to a whole number of that unit, up to 8 % off (60 g said as "2 oz", 110 g as "4 oz"),
 * for weights and volumes, which labels round so; an amount the text says is approximate
 * ("around 3 oz", "just under 1 kg", "roughly 4 x 6 inches") may be 12 % off.
 */
export const TOLERANCE = { same: 0.02, converted: 0.08, approximate: 0.12 } as const;

const defsOf = (unit: string): UnitDef[] => UNITS[unit.toLowerCase().replace(/\s+/g, ' ')] ?? [];

/** Whether two spellings are one unit ("in", "inch" and '"'; "g" and "grams"): no conversion between them. */
function sameUnit(a: string, b: string): boolean {
  return defsOf(a).some((x) => defsOf(b).some((y) => x.dim === y.dim && x.factor === y.factor));
}

/** Whether the claimed amount `a` is the data's amount `b`, in any dimension both can mean. */
export function sameAmount(a: Quantity, b: Quantity, opts: { approximate?: boolean } = {}): boolean {
  const same = sameUnit(a.unit, b.unit);
  return sharedDims(a, b).some((d) => {
    const x = a.base[d]!;
    const y = b.base[d]!;
    const rel = opts.approximate ? TOLERANCE.approximate : TOLERANCE.same;
    let room = Math.max(rel * Math.max(Math.abs(x), Math.abs(y)), a.slack[d]! + b.slack[d]!);
    // Lengths are left out: a product has many (a 42 cm bag is no 17" laptop sleeve).
    if (!same && !opts.approximate && d !== 'length') {
      // Rounded to a whole number of the claim's unit, within the stated bound.
      const halfUnit = 0.5 * (defsOf(a.unit).find((u) => u.dim === d)?.factor ?? 0);
      room = Math.max(room, Math.min(halfUnit, TOLERANCE.converted * Math.abs(y)));
    }
    return Math.abs(x - y) <= room;
  });
}

export function sharedDims(a: Quantity, b: Quantity): Dimension[] {
  return (Object.keys(a.base) as Dimension[]).filter((d) => b.base[d] !== undefined);
}

export const NUMBER_WORDS: Readonly<Record<string, number>> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, dozen: 12,
  twenty: 20, thirty: 30, forty: 40, fifty: 50, hundred: 100,
};

/** An English plural's singular, as near as claims need it: "filters" → "filter", "boxes" → "box". */
export const singular = (w: string): string => w.replace(/(?<=\w)(?:es|s)$/i, '');

/**
 * A number as a store writes it: "1,200", "1.200,5" with a decimal comma, "0,5", "½", "four".
 * Returns undefined for anything else.
 */
export function parseNumber(s: string): number | undefined {
  const t = s.trim().toLowerCase();
  if (t in NUMBER_WORDS) return NUMBER_WORDS[t];
  if (t === '½') return 0.5;
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) return Number(t.replace(/,/g, ''));
  if (/^\d{1,3}(\.\d{3})+,\d+$/.test(t)) return Number(t.replace(/\./g, '').replace(',', '.'));
  if (/^\d+,\d{1,2}$/.test(t)) return Number(t.replace(',', '.'));
  if (/^\d*\.?\d+$/.test(t)) return Number(t);
  return undefined;
}
