import { describe, expect, test } from 'vitest';
import { comparePeriod, localToday, makePeriod, resolvePeriod } from '../src/core/report/period.js';
import { UserError } from '../src/core/errors.js';

describe('report periods (inclusive local dates)', () => {
  test('today is the local date in the store timezone', () => {
    const now = new Date('2026-11-27T03:30:00Z');
    expect(localToday(now, 'UTC')).toBe('2026-11-27');
    expect(localToday(now, 'America/Los_Angeles')).toBe('2026-11-26');
    expect(localToday(now, 'Asia/Kolkata')).toBe('2026-11-27');
    expect(() => localToday(now, 'Mars/Olympus')).toThrow('store.timezone "Mars/Olympus" is not a time zone');
  });

  test('named periods from Friday 27 Nov 2026', () => {
    const today = '2026-11-27';
    const p = (period?: 'last-week' | 'this-week' | 'last-month' | 'last-30-days') => resolvePeriod({ period }, today);
    expect(p().period).toEqual({ since: '2026-11-16', until: '2026-11-22', days: 7, label: 'last week (ISO week 47, 16–22 Nov 2026)' });
    expect(p('this-week').period).toMatchObject({ since: '2026-11-23', until: '2026-11-26', days: 4 });
    expect(p('this-week').notes).toEqual(['Today (2026-11-27) is not finished and is left out.']);
    expect(p('last-month').period).toMatchObject({ since: '2026-10-01', until: '2026-10-31', days: 31 });
    expect(p('last-30-days').period).toMatchObject({ since: '2026-10-28', until: '2026-11-26', days: 30 });
  });

  test('ISO weeks across a year end, and this-week on a Monday', () => {
    expect(resolvePeriod({}, '2027-01-06').period).toMatchObject({ since: '2026-12-28', until: '2027-01-03', label: 'last week (ISO week 53, 28 Dec 2026 – 3 Jan 2027)' });
    expect(() => resolvePeriod({ period: 'this-week' }, '2026-11-23')).toThrow(UserError);
  });

  test('--since/--until: inclusive; the unfinished day is cut off with a note', () => {
    expect(resolvePeriod({ since: '2026-11-01', until: '2026-11-30' }, '2026-12-05').period).toMatchObject({ days: 30, label: '1–30 Nov 2026' });
    const cut = resolvePeriod({ since: '2026-11-20', until: '2026-11-27' }, '2026-11-27');
    expect(cut.period).toMatchObject({ since: '2026-11-20', until: '2026-11-26' });
    expect(cut.notes).toEqual(['Today (2026-11-27) is not finished and is left out.']);
    expect(() => resolvePeriod({ since: '2026-11-10', until: '2026-11-01' }, '2026-11-27')).toThrow('--until 2026-11-01 is before --since 2026-11-10');
    expect(() => resolvePeriod({ since: '2026-11-27' }, '2026-11-27')).toThrow('has not finished yet');
    expect(() => resolvePeriod({ period: 'last-week', since: '2026-11-01' }, '2026-11-27')).toThrow('--period cannot be combined');
  });

  test('comparison periods', () => {
    const week = makePeriod('2026-11-16', '2026-11-22');
    expect(comparePeriod(week, 'previous')).toMatchObject({ since: '2026-11-09', until: '2026-11-15' });
    expect(comparePeriod(week, 'last-year')).toMatchObject({ since: '2025-11-17', until: '2025-11-23' }); // same weekdays
    expect(comparePeriod(makePeriod('2026-03-01', '2026-03-31'), 'previous')).toMatchObject({ since: '2026-02-01', until: '2026-02-28' });
    expect(comparePeriod(makePeriod('2028-02-29', '2028-03-03'), 'last-year')).toMatchObject({ since: '2027-02-28', until: '2027-03-03' });
    expect(comparePeriod(week, 'none')).toBeNull();
  });
});
