/**
 * Traffic imports (kind `traffic`): sessions per day or per breakdown, for conversion = orders ÷ sessions.
 *
 * Layouts:
 *   - GA4 report download (platform ga4): `#` comment preamble with the period (`# Start date:
 *     20230322` / `# End date: …`, or `# 20230515-20230521` in Explorations), then one or several
 *     tables separated by blank lines and comment blocks. Read with input.text(); each table is parsed
 *     here. Tables without a `Sessions` column (events, revenue cards) and empty tables give nothing;
 *     an Exploration's `Grand total` row is skipped and only checked against the rows' sum (a warning
 *     when they differ). Columns and precedence: see the GA4 section below.
 *   - Shopify sessions report (platform shopify) — headers from third-party code only, UNVERIFIED:
 *       Day (required), Sessions (required), Sessions that completed checkout (→ conversions),
 *       Conversion rate / Sessions converted (%) (→ conversions when the checkout count is absent),
 *       Online store visitors (→ users); breakdown columns Landing page path, Landing page type,
 *       UTM campaign/source/medium, Referrer source/name, Device type, Country.
 *   - Generic traffic sheet (platform generic), documented here:
 *
 * Generic traffic columns (names case-insensitive; spaces, `_` and `-` are interchangeable):
 *   date         required  the day: 2025-06-01, 20250601, Jun 1, 2025, 06/01/2025 (month first)
 *   sessions     required  sessions that day
 *   users        optional  users (visitors) that day
 *   conversions  optional  orders, or the conversions you count, that day
 *   revenue      optional  revenue that day (store currency)
 * One row per day; a day listed twice, or a day without sessions, is a row problem (the row is
 * skipped). A file that starts with `#` comment lines is a GA4 download, not this form.
 *
 * Keys (all three layouts): `${date ?? periodStart + '..' + periodEnd}|${dimension}|${dimensionValue}`;
 * dimension and dimensionValue are '' when the table has no breakdown.
 *
 * The text helpers below (textRecords, cellsOf, findCol, cellValue, RowSkip) are shared with email.ts.
 */
import { parse } from 'csv-parse/sync';
import { InputError, type InputWarning } from '../../errors.js';
import { dropUndefined, looseName } from '../../formats/detect.js';
import type { ImportAdapter, ImportInput, ImportRecord, Probe, RowProblem, TrafficRecord } from '../types.js';
import { count, day, money, rate, ValueError } from '../values.js';

// --- shared helpers --------------------------------------------------------------------------------

/** One logical CSV record of a text: its 1-based first line and its raw text (several lines when a quoted cell holds line breaks). */
export interface TextRecord {
  line: number;
  raw: string;
}

/**
 * Splits a whole text into records, line by line, keeping a record open while its quotes are
 * unbalanced (a quoted cell with line breaks). Blank lines are kept as records with raw ''.
 * With `comments`, a line starting with `#` outside a record is one record whatever its quotes.
 */
export function textRecords(text: string, comments = false): TextRecord[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const out: TextRecord[] = [];
  let start = 0;
  let buf: string[] = [];
  let quotes = 0;
  lines.forEach((l, i) => {
    if (buf.length === 0) {
      start = i + 1;
      if (comments && l.startsWith('#')) {
        out.push({ line: start, raw: l });
        return;
      }
    }
    buf.push(l);
    quotes += l.split('"').length - 1;
    if (quotes % 2 === 0) {
      out.push({ line: start, raw: buf.join('\n') });
      buf = [];
      quotes = 0;
    }
  });
  if (buf.length > 0) out.push({ line: start, raw: buf.join('\n') });
  while (out.length > 0 && out[out.length - 1]!.raw.trim() === '') out.pop();
  return out;
}

/** The cells of one record. Throws ValueError when the quoting is broken. */
export function cellsOf(raw: string): string[] {
  try {
    const rows = parse(raw, { relax_column_count: true, relax_quotes: true, skip_empty_lines: false }) as string[][];
    return rows[0] ?? [];
  } catch {
    throw new ValueError('the quotes on this line do not match up');
  }
}

export const blankCells = (cells: string[]): boolean => cells.every((c) => c.trim() === '');

/** A column found in a header: its index and its label as written (trimmed). */
export interface Col {
  index: number;
  label: string;
}

/** The first of `names` in the header; case-insensitive, spaces, `_` and `-` interchangeable. */
export function findCol(header: readonly string[], ...names: string[]): Col | undefined {
  const labels = header.map((h) => looseName(h));
  for (const name of names) {
    const index = labels.indexOf(looseName(name));
    if (index >= 0) return { index, label: (header[index] ?? name).replace(/^\uFEFF/, '').trim() };
  }
  return undefined;
}

/** A row problem on its way out of a record builder: the row is skipped and the problem reported (at `line` when given). */
export class RowSkip extends Error {
  constructor(readonly problem: Omit<RowProblem, 'line'> & { line?: number }) {
    super(problem.message);
    this.name = 'RowSkip';
  }
}

/** Reads one cell with a value reader; an unreadable cell becomes a RowSkip naming the column. */
export function cellValue<T>(read: (raw: string | undefined) => T, cells: readonly string[], col: Col | undefined): T | undefined {
  if (!col) return undefined;
  const raw = cells[col.index];
  try {
    return read(raw);
  } catch (err) {
    if (err instanceof ValueError) throw new RowSkip({ column: col.label, value: raw?.trim() ?? '', message: err.message });
    throw err;
  }
}

/** A column a layout cannot do without is absent: a structure problem, nothing is imported. */
export function missingColumn(file: string, header: readonly string[], name: string, why: string, line = 1): InputError {
  const found = header.map((h) => h.trim()).filter((h) => h !== '');
  const shown = found.length === 0 ? '(none)' : found.slice(0, 20).join(', ') + (found.length > 20 ? ', …' : '');
  return new InputError({ file, line, column: name }, `no "${name}" column; ${why} (found: ${shown})`);
}

/**
 * A generic sheet's detection score, on the scale of the other generic adapters (1–5): more for a
 * header made mostly of the documented columns. Platform layouts score 60–80.
 */
export function genericScore(header: readonly string[], known: readonly string[]): number {
  const labels = header.filter((h) => h.trim() !== '');
  if (labels.length === 0) return 0;
  const share = labels.filter((h) => findCol(known, h)).length / labels.length;
  return 1 + Math.round(4 * share);
}

/** A rate as a fraction, refusing values above 100% (a percent written without its `%`). */
export function fraction(raw: string | undefined): number | undefined {
  const r = rate(raw);
  if (r !== undefined && (r < 0 || r > 1)) throw new ValueError(`"${raw?.trim()}" is not a rate between 0 and 100%`);
  return r;
}

/** A metric that may have decimals (GA4 attributes fractional conversions): `12`, `12.5`, `"1,200"`. */
export function decimal(raw: string | undefined): number | undefined {
  try {
    return money(raw);
  } catch {
    throw new ValueError(`"${raw?.trim()}" is not a number`);
  }
}

/** Runs a record builder over a row; a RowSkip becomes input.problem and `undefined`. */
export function guarded<T>(input: ImportInput, line: number, build: () => T): T | undefined {
  try {
    return build();
  } catch (err) {
    if (err instanceof RowSkip) {
      input.problem({ line, ...err.problem });
      return undefined;
    }
    throw err;
  }
}

/** Joins the headers and values of several breakdown columns. */
const DIMENSION_JOIN = ' · ';

const trafficKey = (date: string | null, start: string | undefined, end: string | undefined, dim: string, value: string): string =>
  `${date ?? `${start ?? ''}..${end ?? ''}`}|${dim}|${value}`;

/** Keys already taken in this file; a second row with the same key is a row problem. */
class SeenKeys {
  private readonly lines = new Map<string, number>();
  check(key: string, what: string): void {
    const first = this.lines.get(key);
    if (first !== undefined) throw new RowSkip({ message: `${what} was already on line ${first}; this row was skipped` });
  }
  add(key: string, line: number): void {
    this.lines.set(key, line);
  }
}

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
    const sessionsCol = findCol(t.header, 'Sessions');
    if (!sessionsCol) continue; // events, revenue cards…: nothing for traffic
    sessionTables++;
    const width = t.header.length;
    const firstMetric = t.header.findIndex(isGa4Metric);
    const leading = t.header.slice(0, firstMetric < 0 ? 0 : firstMetric).map((label, index) => ({ index, label }));
    const dateCol = leading.find((c) => looseName(c.label) === 'date');
    const dims = leading.filter((c) => c !== dateCol);
    const dimension = dims.map((c) => c.label).join(DIMENSION_JOIN);
    const usersCol = findCol(t.header, ...GA4_USERS);
    const convCol = findCol(t.header, ...GA4_CONVERSIONS);
    const revenueCol = findCol(t.header, ...GA4_REVENUE);
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
        const r: TrafficRecord = dropUndefined({
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

// --- Shopify sessions report (UNVERIFIED headers) ---------------------------------------------------

const SHOPIFY_DIMENSIONS = [
  'Landing page path', 'Landing page type', 'UTM campaign', 'UTM source', 'UTM medium',
  'Referrer source', 'Referrer name', 'Device type', 'Country',
];

export const shopifySessions: ImportAdapter = {
  kind: 'traffic',
  platform: 'shopify',
  layout: 'Shopify sessions report',
  detect(probe: Probe): number {
    const h = probe.header;
    if (!findCol(h, 'Day') || !findCol(h, 'Sessions')) return 0;
    const extra = ['Sessions that completed checkout', 'Sessions that reached checkout', 'Sessions with cart additions', 'Online store visitors', 'Conversion rate'];
    return extra.some((n) => findCol(h, n)) ? 70 : 60;
  },
  async *read(input: ImportInput): AsyncIterable<ImportRecord> {
    const h = input.header;
    const dayCol = findCol(h, 'Day');
    const sessionsCol = findCol(h, 'Sessions');
    if (!dayCol) throw missingColumn(input.file, h, 'Day', 'each row must be one day');
    if (!sessionsCol) throw missingColumn(input.file, h, 'Sessions', 'it is what conversion is measured against');
    const completed = findCol(h, 'Sessions that completed checkout');
    const rateCol = findCol(h, 'Conversion rate');
    const convertedPct = findCol(h, 'Sessions converted (%)');
    const usersCol = findCol(h, 'Online store visitors');
    const dims = SHOPIFY_DIMENSIONS.map((n) => findCol(h, n)).filter((c): c is Col => c !== undefined);
    const dimension = dims.map((c) => c.label).join(DIMENSION_JOIN);
    const seen = new SeenKeys();
    for await (const row of input.rows()) {
      const rec = guarded(input, row.line, () => {
        const date = cellValue(day, row.cells, dayCol);
        if (!date) throw new RowSkip({ column: dayCol.label, value: '', message: 'the day is empty' });
        const dimensionValue = dims.map((c) => (row.cells[c.index] ?? '').trim()).join(DIMENSION_JOIN);
        const key = trafficKey(date, undefined, undefined, dimension, dimensionValue);
        seen.check(key, `${date} ${dimensionValue}`.trim());
        const sessions = cellValue(count, row.cells, sessionsCol);
        if (sessions === undefined) throw new RowSkip({ column: sessionsCol.label, value: '', message: 'the sessions cell is empty' });
        let conversions = cellValue(count, row.cells, completed);
        if (conversions === undefined) {
          // Conversion rate: `0.5` or `50%` (both a half); `Sessions converted (%)` is a percent without its sign.
          let share = cellValue(fraction, row.cells, rateCol);
          if (share === undefined && convertedPct) {
            const pct = cellValue(decimal, row.cells, convertedPct);
            if (pct !== undefined) share = pct / 100;
          }
          if (share !== undefined) conversions = Math.round(share * sessions);
        }
        const r: TrafficRecord = dropUndefined({
          kind: 'traffic' as const,
          key,
          line: row.line,
          date,
          dimension,
          dimensionValue,
          sessions,
          users: cellValue(count, row.cells, usersCol),
          conversions,
        });
        seen.add(key, row.line);
        return r;
      });
      if (rec) yield rec;
    }
  },
};

// --- generic traffic sheet --------------------------------------------------------------------------

export const genericTraffic: ImportAdapter = {
  kind: 'traffic',
  platform: 'generic',
  layout: 'traffic sheet (date, sessions)',
  detect(probe: Probe): number {
    if (probe.firstLines.find((l) => l.trim() !== '')?.startsWith('#')) return 0;
    return findCol(probe.header, 'date') && findCol(probe.header, 'sessions') ? genericScore(probe.header, ['date', 'sessions', 'users', 'conversions', 'revenue']) : 0;
  },
  async *read(input: ImportInput): AsyncIterable<ImportRecord> {
    const h = input.header;
    const dateCol = findCol(h, 'date');
    const sessionsCol = findCol(h, 'sessions');
    if (!dateCol) throw missingColumn(input.file, h, 'date', 'each row must be one day');
    if (!sessionsCol) throw missingColumn(input.file, h, 'sessions', 'it is what conversion is measured against');
    const usersCol = findCol(h, 'users');
    const convCol = findCol(h, 'conversions');
    const revenueCol = findCol(h, 'revenue');
    const decimalComma = input.settings.decimalComma;
    const seen = new SeenKeys();
    for await (const row of input.rows()) {
      const rec = guarded(input, row.line, () => {
        const date = cellValue(day, row.cells, dateCol);
        if (!date) throw new RowSkip({ column: dateCol.label, value: '', message: 'the date is empty' });
        const key = trafficKey(date, undefined, undefined, '', '');
        seen.check(key, date);
        const sessions = cellValue(count, row.cells, sessionsCol);
        if (sessions === undefined) throw new RowSkip({ column: sessionsCol.label, value: '', message: 'the sessions cell is empty' });
        const r: TrafficRecord = dropUndefined({
          kind: 'traffic' as const,
          key,
          line: row.line,
          date,
          dimension: '',
          dimensionValue: '',
          sessions,
          users: cellValue(count, row.cells, usersCol),
          conversions: cellValue(decimal, row.cells, convCol),
          revenue: cellValue((raw) => money(raw, { decimalComma }), row.cells, revenueCol),
        });
        seen.add(key, row.line);
        return r;
      });
      if (rec) yield rec;
    }
  },
};

export const trafficAdapters: ImportAdapter[] = [ga4Traffic, shopifySessions, genericTraffic];
