import { UserError } from '../errors.js';
import type { Period } from './types.js';

/**
 * Periods are inclusive local dates in the store's timezone. Date arithmetic is done on plain
 * calendar dates (UTC midnight), so a daylight-saving change never moves a day boundary: the
 * orders are grouped by the local date the export printed, not by UTC.
 */
export const PERIODS = ['last-week', 'this-week', 'last-month', 'last-30-days'] as const;
export type PeriodName = (typeof PERIODS)[number];
export type CompareMode = 'previous' | 'last-year' | 'none';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const toDate = (d: string): Date => new Date(`${d}T00:00:00Z`);
const fmt = (d: Date): string => d.toISOString().slice(0, 10);
export const addDays = (d: string, n: number): string => fmt(new Date(toDate(d).getTime() + n * 86_400_000));
const daysBetween = (a: string, b: string): number => Math.round((toDate(b).getTime() - toDate(a).getTime()) / 86_400_000);

/** The local calendar date of `now` in `timeZone`. */
export function localToday(now: Date, timeZone: string): string {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  } catch {
    throw new UserError(`store.timezone "${timeZone}" is not a time zone (use an IANA name such as Europe/Berlin)`);
  }
  const get = (t: string): string => parts.find((p) => p.type === t)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** ISO week number of a date. */
function isoWeek(d: string): number {
  const date = toDate(d);
  const day = (date.getUTCDay() + 6) % 7; // Monday 0
  const thursday = new Date(date.getTime() + (3 - day) * 86_400_000);
  const jan1 = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  return 1 + Math.floor((thursday.getTime() - jan1) / (7 * 86_400_000));
}

const mondayOf = (d: string): string => addDays(d, -((toDate(d).getUTCDay() + 6) % 7));

function rangeLabel(since: string, until: string): string {
  const [y1, m1, d1] = since.split('-').map(Number) as [number, number, number];
  const [y2, m2, d2] = until.split('-').map(Number) as [number, number, number];
  if (since === until) return `${d1} ${MONTHS[m1 - 1]} ${y1}`;
  if (y1 === y2 && m1 === m2) return `${d1}–${d2} ${MONTHS[m1 - 1]} ${y1}`;
  if (y1 === y2) return `${d1} ${MONTHS[m1 - 1]} – ${d2} ${MONTHS[m2 - 1]} ${y1}`;
  return `${d1} ${MONTHS[m1 - 1]} ${y1} – ${d2} ${MONTHS[m2 - 1]} ${y2}`;
}

export function makePeriod(since: string, until: string, name?: string): Period {
  const range = rangeLabel(since, until);
  const isWeek = daysBetween(since, until) === 6 && mondayOf(since) === since;
  const label = name ?? (isWeek ? `ISO week ${isoWeek(since)}, ${range}` : range);
  return { since, until, days: daysBetween(since, until) + 1, label };
}

export interface PeriodChoice {
  period?: PeriodName | undefined;
  since?: string | undefined;
  until?: string | undefined;
}

export interface ResolvedPeriod {
  period: Period;
  notes: string[];
}

/**
 * The period to report on. Default: the last complete ISO week. The unfinished day (today, in the
 * store's timezone) is never included: a range reaching it is cut at yesterday, with a note.
 */
export function resolvePeriod(choice: PeriodChoice, today: string): ResolvedPeriod {
  const yesterday = addDays(today, -1);
  const notes: string[] = [];
  if (choice.since !== undefined || choice.until !== undefined) {
    if (choice.period) throw new UserError('--period cannot be combined with --since/--until', 2);
    const since = choice.since ?? choice.until!;
    if (since >= today) throw new UserError(`--since ${since}: the period has not finished yet (today is ${today} in the store's timezone)`, 2);
    let until = choice.until ?? yesterday;
    if (until < since) throw new UserError(`--until ${until} is before --since ${since}`, 2);
    if (until >= today) {
      notes.push(`Today (${today}) is not finished and is left out.`);
      until = yesterday;
    }
    return { period: makePeriod(since, until), notes };
  }
  const name = choice.period ?? 'last-week';
  const thisMonday = mondayOf(today);
  switch (name) {
    case 'last-week': {
      const since = addDays(thisMonday, -7);
      return { period: makePeriod(since, addDays(since, 6), `last week (ISO week ${isoWeek(since)}, ${rangeLabel(since, addDays(since, 6))})`), notes };
    }
    case 'this-week': {
      if (thisMonday === today) {
        throw new UserError(`--period this-week: the week started today (${today}) and has no finished day yet; try --period last-week`, 2);
      }
      notes.push(`Today (${today}) is not finished and is left out.`);
      return { period: makePeriod(thisMonday, yesterday, `this week so far (${rangeLabel(thisMonday, yesterday)})`), notes };
    }
    case 'last-month': {
      const first = `${today.slice(0, 7)}-01`;
      const until = addDays(first, -1);
      const since = `${until.slice(0, 7)}-01`;
      return { period: makePeriod(since, until, `last month (${rangeLabel(since, until)})`), notes };
    }
    case 'last-30-days': {
      const since = addDays(today, -30);
      return { period: makePeriod(since, yesterday, `last 30 days (${rangeLabel(since, yesterday)})`), notes };
    }
  }
}

/**
 * The comparison period: the same number of days just before (previous), or a year earlier
 * (last-year: 52 weeks earlier for a whole-week period so the weekdays match, else the same dates).
 */
export function comparePeriod(p: Period, mode: CompareMode): Period | null {
  if (mode === 'none') return null;
  if (mode === 'previous') {
    const wholeMonth = p.since.endsWith('-01') && addDays(p.until, 1).endsWith('-01') && p.days >= 28;
    if (wholeMonth) {
      const until = addDays(p.since, -1);
      return makePeriod(`${until.slice(0, 7)}-01`, until);
    }
    return makePeriod(addDays(p.since, -p.days), addDays(p.since, -1));
  }
  if (p.days % 7 === 0 && mondayOf(p.since) === p.since) return makePeriod(addDays(p.since, -364), addDays(p.until, -364));
  const back = (d: string): string => {
    const y = `${Number(d.slice(0, 4)) - 1}`;
    // 29 Feb has no last-year date: 28 Feb.
    return d.slice(5) === '02-29' ? `${y}-02-28` : `${y}${d.slice(4)}`;
  };
  return makePeriod(back(p.since), back(p.until));
}

export const DATE = /^\d{4}-\d{2}-\d{2}$/;
export const isDate = (s: string): boolean => DATE.test(s) && fmt(toDate(s)) === s;
