/**
 * GA4 report downloads (kind `traffic`, platform ga4): a `#` comment preamble with the period, then
 * one or several tables separated by blank lines and comment blocks. See traffic.ts for the layouts
 * and keys of all traffic imports.
 */
import { InputError, type InputWarning } from '../../errors.js';
import { looseName } from '../header.js';
import { compact } from '../../lib/objects.js';
import type { ImportAdapter, ImportInput, ImportRecord, Probe, TrafficRecord } from '../records.js';
import { count, day } from '../values.js';
import { cellValue, Columns, guarded, RowSkip, SeenKeys } from '../columns.js';
import { blankCells, cellsOf, decimal, textRecords, type TextRecord } from '../report-files.js';
import { DIMENSION_JOIN, trafficKey } from '../traffic-sheets.js';

// --- GA4 -------------------------------------------------------------------------------------------

/**
 * GA4 columns and their precedence (first present in a table wins, for the whole table):
 *   sessions     Sessions (a table without it yields nothing)
 *   users        Users, Total users, Active users
 *   conversions  Transactions, Ecommerce purchases, Purchases, Key events, Conversions
 *                — e-commerce purchases first: they are orders, which is what conversion = orders ÷
 *                sessions wants; Key events/Conversions (renamed in 2024) count whatever events the
 *                property marks (sign-ups, leads) and are the fallback.
 *   revenue      Purchase revenue, Total revenue (Total revenue adds ad and subscription revenue)
 * Dimensions: the leading columns before the first metric. `Date` (YYYYMMDD) among them makes the row
 * one day (date set); the other leading columns are the breakdown, their headers and values joined
 * with ' · ' (one column in the usual reports: `Session default channel group` = `Direct`; GA4's own
 * names and values contain ' / ': `Session source / medium` = `google / organic`).
 */
const GA4_USERS = ['Users', 'Total users', 'Active users'];
const GA4_CONVERSIONS = ['Transactions', 'Ecommerce purchases', 'Purchases', 'Key events', 'Conversions'];
const GA4_REVENUE = ['Purchase revenue', 'Total revenue'];
const GA4_METRICS = new Set(
  [
    'Sessions', 'Engaged sessions', 'Users', 'Total users', 'Active users', 'New users', 'Returning users',
    'Views', 'Event count', 'Conversions', 'Key events', 'Transactions', 'Purchases', 'Ecommerce purchases',
    'Total revenue', 'Purchase revenue', 'Total ad revenue', 'Total purchasers', 'First time purchasers',
    'Items purchased', 'Items viewed', 'Items viewed in promotion', 'Add to carts', 'Checkouts', 'Bounce rate',
    'Engagement rate', 'Average engagement time', 'Average engagement time per session', 'Average session duration',
    'Engaged sessions per user', 'Events per session', 'Sessions per user', 'Views per user', 'Views per session',
    'Event count per user', 'Session conversion rate', 'Session key event rate', 'User conversion rate',
    'User key event rate', 'Average purchase revenue', 'Average purchase revenue per user', 'ARPU', 'ARPPU',
  ].map(looseName),
);
const isGa4Metric = (label: string): boolean =>
  GA4_METRICS.has(looseName(label)) || /(\brate|revenue|\bcount)$|\bper (user|session|view|event|active user)$|^average /i.test(label.trim());

const NO_SESSIONS =
  'no sessions in this GA4 report; export Reports › Acquisition › Traffic acquisition or a report with a Date dimension';

interface Ga4Table {
  header: string[];
  headerLine: number;
  rows: TextRecord[];
  periodStart?: string | undefined;
  periodEnd?: string | undefined;
}

/** Dates in one preamble line: `# Start date: 20230322`, `# Date de début : 20260701`, `# 20230515-20230521`. */
function commentDates(raw: string): string[] {
  const body = raw.replace(/^#\s*/, '').trim();
  let m = /^(\d{8})\s*-\s*(\d{8})$/.exec(body);
  const found = m ? [m[1]!, m[2]!] : (m = /^[^\d:]*:\s*(\d{8})$/.exec(body)) ? [m[1]!] : [];
  const days: string[] = [];
  for (const f of found) {
    try {
      const d = day(f);
      if (d) days.push(d);
    } catch {
      // not a date after all (an id): ignore the line
    }
  }
  return days;
}

/** Splits a GA4 download into its tables; each table takes the dates of the comment block before it. */
function ga4Tables(text: string, file: string): Ga4Table[] {
  const tables: Ga4Table[] = [];
  let current: Ga4Table | undefined;
  let pending: string[] = [];
  let start: string | undefined;
  let end: string | undefined;
  for (const rec of textRecords(text, true)) {
    if (rec.raw.startsWith('#')) {
      current = undefined;
      pending.push(...commentDates(rec.raw));
      continue;
    }
    let cells: string[];
    try {
      cells = cellsOf(rec.raw);
    } catch (err) {
      if (!current) throw new InputError({ file, line: rec.line }, (err as Error).message);
      current.rows.push(rec); // reported as a row problem when the table is read
      continue;
    }
    if (blankCells(cells)) {
      current = undefined;
      continue;
    }
    if (current) {
      current.rows.push(rec);
      continue;
    }
    if (pending.length > 0) {
      start = pending[0];
      end = pending[1] ?? pending[0];
      pending = [];
    }
    current = { header: cells.map((c) => c.trim()), headerLine: rec.line, rows: [], periodStart: start, periodEnd: end };
    tables.push(current);
  }
  return tables;
}

const isGrandTotal = (cells: string[], width: number): boolean =>
  (cells.length === width + 1 && /^grand total$/i.test(cells[width]!.trim())) || /^grand total$/i.test(cells[0]?.trim() ?? '');

function ga4Records(input: ImportInput, text: string): { records: TrafficRecord[]; warnings: InputWarning[] } {
  const { file } = input;
  const records: TrafficRecord[] = [];
  const warnings: InputWarning[] = [];
  const seen = new SeenKeys();
  let sessionTables = 0;
  for (const t of ga4Tables(text, file)) {
    const cols = new Columns(t.header, 'loose');
    const sessionsCol = cols.col('Sessions');
    if (!sessionsCol) continue; // events, revenue cards…: nothing for traffic
    sessionTables++;
    const width = t.header.length;
    const firstMetric = t.header.findIndex(isGa4Metric);
    const leading = t.header.slice(0, firstMetric < 0 ? 0 : firstMetric).map((label, index) => ({ index, label }));
    const dateCol = leading.find((c) => looseName(c.label) === 'date');
    const dims = leading.filter((c) => c !== dateCol);
    const dimension = dims.map((c) => c.label).join(DIMENSION_JOIN);
    const usersCol = cols.col(...GA4_USERS);
    const convCol = cols.col(...GA4_CONVERSIONS);
    const revenueCol = cols.col(...GA4_REVENUE);
    if (!dateCol && !t.periodStart && t.rows.length > 0) {
      warnings.push({
        file,
        line: t.headerLine,
        message: 'no Start date/End date above this table and no Date column: its rows are kept without a period, so another download would replace them',
      });
    }
    let totalSessions: number | undefined;
    let totalLine = 0;
    let sum = 0;
    for (const row of t.rows) {
      const rec = guarded(input, row.line, () => {
        let cells: string[];
        try {
          cells = cellsOf(row.raw);
        } catch (err) {
          throw new RowSkip({ message: (err as Error).message });
        }
        if (isGrandTotal(cells, width)) {
          totalSessions = cellValue(count, cells, sessionsCol);
          totalLine = row.line;
          return undefined;
        }
        if (cells.length > width && blankCells(cells.slice(width))) cells = cells.slice(0, width);
        if (cells.length !== width) throw new RowSkip({ message: `expected ${width} cells like the header on line ${t.headerLine}, found ${cells.length}` });
        let date: string | null = null;
        if (dateCol) {
          date = cellValue(day, cells, dateCol) ?? null;
          if (date === null) throw new RowSkip({ column: dateCol.label, value: '', message: 'the date is empty' });
        }
        const dimensionValue = dims.map((c) => (cells[c.index] ?? '').trim()).join(DIMENSION_JOIN);
        const key = trafficKey(date, t.periodStart, t.periodEnd, dimension, dimensionValue);
        seen.check(key, date ? `${date} ${dimensionValue}`.trim() : `"${dimensionValue}"`);
        const r: TrafficRecord = compact({
          kind: 'traffic' as const,
          key,
          line: row.line,
          date,
          periodStart: t.periodStart,
          periodEnd: t.periodEnd,
          dimension,
          dimensionValue,
          sessions: cellValue(count, cells, sessionsCol),
          users: cellValue(count, cells, usersCol),
          conversions: cellValue(decimal, cells, convCol),
          revenue: cellValue(decimal, cells, revenueCol),
        });
        seen.add(key, row.line);
        return r;
      });
      if (rec) {
        records.push(rec);
        sum += rec.sessions ?? 0;
      }
    }
    if (totalSessions !== undefined && totalSessions !== sum) {
      warnings.push({
        file,
        line: totalLine,
        column: sessionsCol.label,
        message: `the rows add up to ${sum} sessions but the Grand total says ${totalSessions}; the download may hold only the top rows of the report`,
      });
    }
  }
  if (sessionTables === 0) warnings.push({ file, message: NO_SESSIONS });
  else if (records.length === 0 && sessionTables > 0) warnings.push({ file, message: 'the tables with sessions in this GA4 report have no rows' });
  return { records, warnings };
}

export const ga4Traffic: ImportAdapter = {
  kind: 'traffic',
  platform: 'ga4',
  layout: 'GA4 report download',
  detect(probe: Probe): number {
    const lines = probe.firstLines;
    const first = lines.find((l) => l.trim() !== '');
    if (!first?.startsWith('#')) return 0;
    const comments = lines.filter((l) => l.startsWith('#'));
    const dated = comments.some((l) => commentDates(l).length > 0);
    const named = comments.some((l) => /report csv export|\bGA4\b|google analytics/i.test(l));
    return dated || named ? 80 : 0;
  },
  async *read(input: ImportInput): AsyncIterable<ImportRecord> {
    const { records, warnings } = ga4Records(input, await input.text());
    for (const w of warnings) input.warn(w);
    yield* records;
  },
};
