/**
 * Traffic tables read row by row (kind `traffic`): the Shopify sessions report and the generic
 * traffic sheet. See traffic.ts for their columns and for the keys of all traffic imports.
 */
import { compact } from '../lib/objects.js';
import type { ImportAdapter, ImportInput, ImportRecord, Probe, TrafficRecord } from './records.js';
import { count, day, money } from './values.js';
import { cellValue, type Col, Columns, commentFirst, guarded, missingColumn, needCell, SeenKeys, sheetScore } from './columns.js';
import { decimal, fraction } from './report-files.js';

/** Joins the headers and values of several breakdown columns. */
export const DIMENSION_JOIN = ' · ';

export const trafficKey = (date: string | null, start: string | undefined, end: string | undefined, dim: string, value: string): string =>
  `${date ?? `${start ?? ''}..${end ?? ''}`}|${dim}|${value}`;

/** What differs between the row-per-day tables; the rest is `dailyRecords`. */
interface DailyTable {
  day: string;
  sessions: string;
  /** The row problem when the day cell is empty. */
  emptyDay: string;
  /** The breakdown columns present (none: the rows are whole days). */
  dims: Col[];
  /** The row's other metrics, read in this order after the sessions. */
  metrics: (cells: string[], sessions: number) => Pick<TrafficRecord, 'users' | 'conversions' | 'revenue'>;
}

/** A table of one row per day (and breakdown): a row with a day already seen is a row problem. */
async function* dailyRecords(input: ImportInput, cols: Columns, t: DailyTable): AsyncIterable<TrafficRecord> {
  const dayCol = cols.col(t.day);
  const sessionsCol = cols.col(t.sessions);
  if (!dayCol) throw missingColumn(input.file, input.header, t.day, 'each row must be one day');
  if (!sessionsCol) throw missingColumn(input.file, input.header, t.sessions, 'it is what conversion is measured against');
  const dimension = t.dims.map((c) => c.label).join(DIMENSION_JOIN);
  const seen = new SeenKeys();
  for await (const row of input.rows()) {
    const rec = guarded(input, row.line, () => {
      const date = needCell(day, row.cells, dayCol, t.emptyDay);
      const dimensionValue = t.dims.map((c) => (row.cells[c.index] ?? '').trim()).join(DIMENSION_JOIN);
      const key = trafficKey(date, undefined, undefined, dimension, dimensionValue);
      seen.check(key, `${date} ${dimensionValue}`.trim());
      const sessions = needCell(count, row.cells, sessionsCol, 'the sessions cell is empty');
      const r: TrafficRecord = compact({
        kind: 'traffic' as const,
        key,
        line: row.line,
        date,
        dimension,
        dimensionValue,
        sessions,
        ...t.metrics(row.cells, sessions),
      });
      seen.add(key, row.line);
      return r;
    });
    if (rec) yield rec;
  }
}

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
    const cols = new Columns(probe.header, 'loose');
    if (!cols.hasAll('Day', 'Sessions')) return 0;
    return cols.has('Sessions that completed checkout', 'Sessions that reached checkout', 'Sessions with cart additions', 'Online store visitors', 'Conversion rate') ? 70 : 60;
  },
  read(input: ImportInput): AsyncIterable<ImportRecord> {
    const cols = new Columns(input.header, 'loose');
    const completed = cols.col('Sessions that completed checkout');
    const rateCol = cols.col('Conversion rate');
    const convertedPct = cols.col('Sessions converted (%)');
    const usersCol = cols.col('Online store visitors');
    return dailyRecords(input, cols, {
      day: 'Day',
      sessions: 'Sessions',
      emptyDay: 'the day is empty',
      dims: SHOPIFY_DIMENSIONS.map((n) => cols.col(n)).filter((c): c is Col => c !== undefined),
      metrics: (cells, sessions) => {
        let conversions = cellValue(count, cells, completed);
        if (conversions === undefined) {
          // Conversion rate: `0.5` or `50%` (both a half); `Sessions converted (%)` is a percent without its sign.
          let share = cellValue(fraction, cells, rateCol);
          if (share === undefined && convertedPct) {
            const pct = cellValue(decimal, cells, convertedPct);
            if (pct !== undefined) share = pct / 100;
          }
          if (share !== undefined) conversions = Math.round(share * sessions);
        }
        return { users: cellValue(count, cells, usersCol), conversions };
      },
    });
  },
};

// --- generic traffic sheet --------------------------------------------------------------------------

export const genericTraffic: ImportAdapter = {
  kind: 'traffic',
  platform: 'generic',
  layout: 'traffic sheet (date, sessions)',
  detect(probe: Probe): number {
    if (commentFirst(probe)) return 0;
    const form = { required: ['date', 'sessions'], optional: ['users', 'conversions', 'revenue'] };
    return sheetScore(probe.header, form, { matching: 'loose', minShare: 0, blankHeaders: 'ignore' });
  },
  read(input: ImportInput): AsyncIterable<ImportRecord> {
    const cols = new Columns(input.header, 'loose');
    const usersCol = cols.col('users');
    const convCol = cols.col('conversions');
    const revenueCol = cols.col('revenue');
    const decimalComma = input.settings.decimalComma;
    return dailyRecords(input, cols, {
      day: 'date',
      sessions: 'sessions',
      emptyDay: 'the date is empty',
      dims: [],
      metrics: (cells) => ({
        users: cellValue(count, cells, usersCol),
        conversions: cellValue(decimal, cells, convCol),
        revenue: cellValue((raw) => money(raw, { decimalComma }), cells, revenueCol),
      }),
    });
  },
};
