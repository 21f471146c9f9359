/**
 * Helpers for the report exports (GA4, Mailchimp, Klaviyo): splitting a whole text into CSV records
 * (for files with a preamble, key/value lines or several tables), and the metric readers and
 * derivations the value readers of values.ts do not cover, and the campaigns table of Mailchimp and Klaviyo.
 */
import { CsvSyntaxError } from '../csv/tokenizer.js';
import { readTextRecords, recordCells, type TextRecord } from '../csv/text-records.js';
import type { EmailCampaignRecord, ImportInput } from './records.js';
import { id, money, rate, text, ValueError } from './values.js';
import { type Columns, guarded, missingColumn, needCell, SeenKeys } from './columns.js';

export type { TextRecord };

/**
 * Splits a whole text into records (csv/text-records.ts: the one tokenizer). Blank lines are kept
 * as records with raw ''. With `comments`, a line starting with `#` outside a record is one record
 * whatever its quotes.
 */
export function textRecords(text: string, comments = false): TextRecord[] {
  return readTextRecords(text, comments);
}

/** The cells of one record. Throws ValueError when the quoting is broken. */
export function cellsOf(raw: string): string[] {
  try {
    return recordCells(raw);
  } catch (err) {
    if (!(err instanceof CsvSyntaxError)) throw err;
    throw new ValueError('the quotes on this line do not match up');
  }
}

export const blankCells = (cells: string[]): boolean => cells.every((c) => c.trim() === '');

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

/** The count when given; else round(rate × base). The rate is read only when needed, so a bad rate cell next to a good count is no problem. */
export function derive(n: number | undefined, rateOf: () => number | undefined, base: number | undefined): number | undefined {
  if (n !== undefined) return n;
  const r = rateOf();
  return r !== undefined && base !== undefined ? Math.round(r * base) : undefined;
}

/** Bounce rate is bounces ÷ recipients; recipients = delivered + bounces when only delivered is known. */
export function deriveBounces(n: number | undefined, rateOf: () => number | undefined, recipients: number | undefined, delivered: number | undefined): number | undefined {
  if (n !== undefined) return n;
  const r = rateOf();
  if (r === undefined) return undefined;
  if (recipients !== undefined) return Math.round(r * recipients);
  return delivered !== undefined && r < 1 ? Math.round((r * delivered) / (1 - r)) : undefined;
}

/** The columns the Mailchimp and Klaviyo campaigns tables both have, under the same names. */
export const campaignColumns = (cols: Columns) => ({
  subject: cols.col('Subject'),
  list: cols.col('List'),
  recipients: cols.col('Total Recipients'),
  delivered: cols.col('Successful Deliveries'),
  opens: cols.col('Unique Opens'),
  openRate: cols.col('Open Rate'),
  clicks: cols.col('Unique Clicks'),
  clickRate: cols.col('Click Rate'),
  unsubscribes: cols.col('Unsubscribes'),
});

/**
 * The rows of a campaigns table (one campaign per row, Mailchimp or Klaviyo): the id and name columns
 * are required, each row needs both, and an id seen twice is a row problem. `build` reads the rest.
 */
export async function* campaignRows(
  input: ImportInput,
  cols: Columns,
  names: { id: string; name: string },
  build: (cells: string[], found: { key: string; line: number; name: string }) => EmailCampaignRecord,
): AsyncIterable<EmailCampaignRecord> {
  const idCol = cols.col(names.id);
  const nameCol = cols.col(names.name);
  if (!idCol) throw missingColumn(input.file, input.header, names.id, 'it identifies each campaign from one export to the next');
  if (!nameCol) throw missingColumn(input.file, input.header, names.name, 'it names each campaign');
  const seen = new SeenKeys();
  for await (const row of input.rows()) {
    const rec = guarded(input, row.line, () => {
      const key = needCell(id, row.cells, idCol, `the campaign has no ${names.id}`);
      const name = needCell(text, row.cells, nameCol, `the campaign has no ${names.name}`);
      const r = build(row.cells, { key, line: row.line, name });
      seen.claim(key, row.line, `campaign ${key}`);
      return r;
    });
    if (rec) yield rec;
  }
}
