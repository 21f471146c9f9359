import { EXCEL_SCIENTIFIC } from '../csv/safe.js';
import type { Stamp } from './records.js';

/**
 * Readers for values as the platforms write them. Each returns undefined for an empty cell and
 * throws ValueError (with a message a store owner understands) for a cell it cannot read; the
 * adapter turns that into a row problem naming the line and column.
 */
export class ValueError extends Error {
  override name = 'ValueError';
}

const EMPTY = new Set(['', 'n/a', 'N/A', '-', '--', 'null', 'NULL']);
const isEmpty = (s: string): boolean => EMPTY.has(s.trim());

/** Text as written, trimmed; the spreadsheet guard (`'` before `= + - @`, zips, phones, ids) removed. */
export function text(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const t = raw.trim();
  if (t === '') return undefined;
  return t.startsWith("'") ? t.slice(1) : t;
}

/** Numbers Excel turned into scientific notation lose digits: `7.02255E+12`. */
export const excelDamaged = (raw: string): boolean => EXCEL_SCIENTIFIC.test(raw.trim());

/** An id (order, customer, barcode): the `'` guard removed; Excel damage is an error. */
export function id(raw: string | undefined): string | undefined {
  const t = text(raw);
  if (t === undefined) return undefined;
  if (excelDamaged(t)) throw new ValueError(`"${t}" is an id Excel turned into scientific notation; its digits are lost`);
  return t;
}

const PLAIN_AMOUNT = /^\d+(?:\.\d{1,2})?$/;
const CURRENCY = /^(?:[A-Z]{2,3}\$|[A-Z]{3}\s*|[$€£¥₹])|(?:\s*[A-Z]{3}|[€£₹])$/;

/**
 * Money: `1234.56`, `1,234.56`, `1.234,56`, `12,50`, `$12`, `CA$0.00`, `€ 9,90`, `12.00 EUR`, `(5.00)`.
 * A single comma followed by exactly three digits is a thousands separator (`1,751`) unless the
 * store writes decimal commas.
 */
export function money(raw: string | undefined, opts: { decimalComma?: boolean | undefined } = {}): number | undefined {
  // The common case first (`12.50`, `0`): read the same by every rule below, in either store locale.
  if (raw !== undefined && PLAIN_AMOUNT.test(raw)) return Number(raw);
  if (raw === undefined || isEmpty(raw)) return undefined;
  let s = raw.trim().replace(/^'/, '');
  let sign = 1;
  if (/^\(.*\)$/.test(s)) {
    sign = -1;
    s = s.slice(1, -1).trim();
  }
  if (s.startsWith('-')) {
    sign = -sign;
    s = s.slice(1).trim();
  }
  s = s.replace(CURRENCY, '').trim().replace(CURRENCY, '').trim();
  if (s.startsWith('-')) {
    sign = -sign;
    s = s.slice(1);
  }
  s = s.replace(/[\s\u00a0\u202f']/g, '');
  const n = normaliseNumber(s, opts.decimalComma ?? false);
  if (n === undefined) throw new ValueError(`"${raw.trim()}" is not an amount`);
  return sign * n;
}

function normaliseNumber(s: string, decimalComma: boolean): number | undefined {
  if (!/^\d[\d.,]*$|^[.,]\d+$/.test(s)) return undefined;
  const dots = (s.match(/\./g) ?? []).length;
  const commas = (s.match(/,/g) ?? []).length;
  let t = s;
  if (dots > 0 && commas > 0) {
    // Whichever comes last is the decimal separator.
    t = s.lastIndexOf(',') > s.lastIndexOf('.') ? s.replace(/\./g, '').replace(',', '.') : s.replace(/,/g, '');
  } else if (commas === 1) {
    t = !decimalComma && /,\d{3}$/.test(s) ? s.replace(',', '') : s.replace(',', '.');
  } else if (commas > 1) {
    if (!/^\d{1,3}(,\d{3})+$/.test(s)) return undefined;
    t = s.replace(/,/g, '');
  } else if (dots > 1) {
    if (!/^\d{1,3}(\.\d{3})+$/.test(s)) return undefined;
    t = s.replace(/\./g, '');
  } else if (dots === 1 && decimalComma && /^\d{1,3}\.\d{3}$/.test(s)) {
    t = s.replace('.', ''); // `1.234` in a store that writes 1.234,56: a thousands separator
  }
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

/** An amount rounded to cents, after adding amounts read from the file (floating point sums drift). */
export const cents = (n: number): number => Math.round(n * 100) / 100;

/** A count: `1204`, `64517.0`, `"1,751"`, `"141 (8.1%)"`. */
export function count(raw: string | undefined): number | undefined {
  if (raw === undefined || isEmpty(raw)) return undefined;
  const s = raw.trim().replace(/\s*\([^)]*%\)\s*$/, '');
  const n = normaliseNumber(s.replace(/[\s\u00a0]/g, ''), false);
  if (n === undefined || !Number.isInteger(Math.round(n * 1e6) / 1e6)) throw new ValueError(`"${raw.trim()}" is not a count`);
  return Math.round(n);
}

/** An integer quantity that may be negative (oversold stock) or `not stocked` (null). */
export function quantity(raw: string | undefined): number | null | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const s = raw.trim();
  if (/^not stocked$/i.test(s)) return null;
  if (!/^-?\d+(\.0+)?$/.test(s)) throw new ValueError(`"${s}" is not a quantity`);
  return Math.round(Number(s));
}

/** A rate as a fraction: `0.07%` → 0.0007, `27.78%` → 0.2778, `0.52107` → 0.52107. */
export function rate(raw: string | undefined): number | undefined {
  if (raw === undefined || isEmpty(raw)) return undefined;
  const s = raw.trim();
  const pct = s.endsWith('%');
  const n = normaliseNumber(s.replace(/%$/, '').trim(), false);
  if (n === undefined) throw new ValueError(`"${s}" is not a rate`);
  return pct ? n / 100 : n;
}

const TRUE = new Set(['true', 'yes', 'y', '1']);
const FALSE = new Set(['false', 'no', 'n', '0']);

export function bool(raw: string | undefined): boolean | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const s = raw.trim().toLowerCase();
  if (TRUE.has(s)) return true;
  if (FALSE.has(s)) return false;
  throw new ValueError(`"${raw.trim()}" is not yes or no`);
}

/** A comma list in one cell: `"vip, wholesale"` → ['vip', 'wholesale']. */
export function list(raw: string | undefined, sep = ','): string[] {
  const t = text(raw);
  return t ? t.split(sep).map((x) => x.trim()).filter(Boolean) : [];
}

const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

function makeStamp(y: number, mo: number, d: number, h: number, mi: number, s: number, offset: string | null): Stamp | undefined {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return undefined;
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCMonth() !== mo - 1) return undefined; // 31 April
  const local = `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}`;
  if (offset === null) return { local, offset: null, utc: null };
  const sign = offset.startsWith('-') ? -1 : 1;
  const minutes = sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  const utc = new Date(Date.UTC(y, mo - 1, d, h, mi, s) - minutes * 60_000).toISOString().replace('.000Z', 'Z');
  return { local, offset, utc };
}

function offsetOf(tz: string | undefined): string | null {
  if (!tz) return null;
  if (/^(Z|UTC|GMT)$/i.test(tz)) return '+00:00';
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(tz);
  return m ? `${m[1]}${m[2]}:${m[3]}` : null;
}

function hour12(h: number, ampm: string | undefined): number {
  if (!ampm) return h;
  const pm = ampm.toLowerCase() === 'pm';
  return h === 12 ? (pm ? 12 : 0) : pm ? h + 12 : h;
}

const year2 = (y: number): number => (y < 100 ? 2000 + y : y);

/**
 * A point in time as the platforms print it:
 * `2025-05-11 09:55:16 -0400` (Shopify), ISO 8601, `2025-04-09 09:38:00` (Klaviyo, no offset),
 * `2025-03-02 10:12:00 UTC`, `Jun 09, 2018 09:30 pm` and `Sat, May 1, 2021 10:15` (Mailchimp),
 * `20230322` (GA4), `12/31/2023`, `1/4/24`, `4/30/21 6:04` (US month first: Etsy, Mailchimp).
 */
export function stamp(raw: string | undefined): Stamp | undefined {
  if (raw !== undefined && raw.length === 25) {
    const r = shopifyStamp(raw);
    if (r) return r;
  }
  if (raw === undefined || isEmpty(raw)) return undefined;
  const s = raw.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?$/i.exec(s);
  if (m) {
    const r = makeStamp(+m[1]!, +m[2]!, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), offsetOf(m[7]));
    if (r) return r;
  }
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) {
    const r = makeStamp(+m[1]!, +m[2]!, +m[3]!, 0, 0, 0, null);
    if (r) return r;
  }
  m = /^(?:[A-Za-z]{3},\s*)?([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]m)?)?$/i.exec(s);
  if (m && MONTHS[m[1]!.toLowerCase()]) {
    const r = makeStamp(+m[3]!, MONTHS[m[1]!.toLowerCase()]!, +m[2]!, hour12(+(m[4] ?? 0), m[7]), +(m[5] ?? 0), +(m[6] ?? 0), null);
    if (r) return r;
  }
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]m)?)?$/i.exec(s);
  if (m) {
    const r = makeStamp(year2(+m[3]!), +m[1]!, +m[2]!, hour12(+(m[4] ?? 0), m[7]), +(m[5] ?? 0), +(m[6] ?? 0), null);
    if (r) return r;
  }
  throw new ValueError(`"${s}" is not a date and time shopflow can read`);
}

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
let lastShopify: { raw: string; stamp: Stamp } | undefined;

/**
 * Shopify's `2025-05-11 09:55:16 -0400`, the form of every time in a million-row orders export,
 * read without a regular expression or the general path's padding and calendar check: the same
 * Stamp as makeStamp gives. Anything it does not accept (29 February of a common year too) goes
 * the general way. An order's times are often the same (created and paid): the last one is kept.
 */
function shopifyStamp(s: string): Stamp | undefined {
  if (lastShopify?.raw === s) return { ...lastShopify.stamp };
  const sign = s.charCodeAt(20);
  const at = (i: number, c: number): boolean => s.charCodeAt(i) === c;
  if (!at(4, 0x2d) || !at(7, 0x2d) || !at(10, 0x20) || !at(13, 0x3a) || !at(16, 0x3a) || !at(19, 0x20) || (sign !== 0x2b && sign !== 0x2d)) return undefined;
  // The digits between; -1 for anything else.
  const num = (from: number, to: number): number => {
    let n = 0;
    for (let i = from; i < to; i++) {
      const c = s.charCodeAt(i) - 0x30;
      if (c < 0 || c > 9) return -1;
      n = n * 10 + c;
    }
    return n;
  };
  const y = num(0, 4), mo = num(5, 7), d = num(8, 10), h = num(11, 13), mi = num(14, 16), sec = num(17, 19);
  const oh = num(21, 23), om = num(23, 25);
  if (y < 0 || h < 0 || mi < 0 || sec < 0 || oh < 0 || om < 0) return undefined;
  if (mo < 1 || mo > 12 || d < 1 || d > DAYS[mo - 1]! || (mo === 2 && d === 29) || h > 23 || mi > 59 || sec > 60) return undefined;
  const offset = `${s.slice(20, 23)}:${s.slice(23, 25)}`;
  const minutes = (sign === 0x2d ? -1 : 1) * (oh * 60 + om);
  const utc = new Date(Date.UTC(y, mo - 1, d, h, mi, sec) - minutes * 60_000).toISOString().replace('.000Z', 'Z');
  const stamp = { local: `${s.slice(0, 10)}T${s.slice(11, 19)}`, offset, utc };
  lastShopify = { raw: s, stamp };
  return { ...stamp };
}

/** A day: any stamp() form, reduced to 'YYYY-MM-DD'. */
export function day(raw: string | undefined): string | undefined {
  return stamp(raw)?.local.slice(0, 10);
}

/** A month: `08/2025`, `2025-08`, `Aug 2025` → '2025-08'. */
export function month(raw: string | undefined): string | undefined {
  if (raw === undefined || isEmpty(raw)) return undefined;
  const s = raw.trim();
  let m = /^(\d{1,2})\/(\d{4})$/.exec(s);
  if (m && +m[1]! >= 1 && +m[1]! <= 12) return `${m[2]}-${pad(+m[1]!)}`;
  m = /^(\d{4})-(\d{2})$/.exec(s);
  if (m && +m[2]! >= 1 && +m[2]! <= 12) return `${m[1]}-${m[2]}`;
  m = /^([A-Za-z]{3})[a-z]*\s+(\d{4})$/.exec(s);
  if (m && MONTHS[m[1]!.toLowerCase()]) return `${m[2]}-${pad(MONTHS[m[1]!.toLowerCase()]!)}`;
  throw new ValueError(`"${s}" is not a month`);
}
