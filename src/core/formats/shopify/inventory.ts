/**
 * Shopify inventory export (README §4), three generations:
 * - 2024–: one row per variant × location, `Available (not editable)`, `On hand (current)`, …
 * - 2023: the same with `Available`, `On hand`, `Committed`, `Incoming`, `Unavailable`;
 * - ≤2022: one row per variant, one column per location after `COO`, holding the available count.
 *
 * Decisions:
 * - One InventoryRecord per variant × location; key = `handle|sku|variant|location` (empty parts
 *   stay empty); variant = the option values joined with ' / ', 'Default Title' left out.
 * - `not stocked` → null. `On hand (new)` is the import column (always empty): not read.
 * - An unreadable or empty available count skips that record (row problem naming line and
 *   column); an unreadable on hand / committed / incoming / unavailable is reported and left empty.
 *   A row with no Location, or with neither Handle nor SKU, is skipped with a problem.
 * - Structure: no `Handle` column, or neither a `Location` column (with an `Available` one) nor
 *   location columns after `COO` → InputError.
 */
import { InputError } from '../../errors.js';
import type { CsvRow } from '../../csv/types.js';
import type { ImportAdapter, ImportInput, InventoryRecord, Probe } from '../records.js';
import { quantity, text } from '../values.js';
import { Columns, type Col } from '../columns.js';
import { cell, FAIL, opt, read, type Report } from './common.js';

const SIGNATURE = [
  'Handle', 'Title', 'Option1 Name', 'Option1 Value', 'Option2 Name', 'Option2 Value', 'Option3 Name', 'Option3 Value',
  'SKU', 'HS Code', 'COO', 'Location',
];
const AVAILABLE = ['Available (not editable)', 'Available'];

/** Columns of the per-row layouts (2023–): where they follow COO, the file is not the ≤2022 layout. */
const PER_ROW = /^(location|bin name|incoming|unavailable|committed|available|on hand)\b/i;

/** The location columns of the ≤2022 layout: every column after COO. */
function locationColumns(cols: Columns): Col[] {
  const coo = cols.col('COO');
  if (!coo || cols.has('Location')) return [];
  const after = cols.labels.slice(coo.index + 1);
  if (after.some((label) => PER_ROW.test(label))) return [];
  return after.flatMap((label, i) => (label === '' ? [] : [{ index: coo.index + 1 + i, label }]));
}

function detect(probe: Probe): number {
  const cols = new Columns(probe.header, 'exact');
  // Every generation has Handle, the option columns and HS Code / COO; product exports have no COO.
  if (!cols.has('Handle') || !cols.has('Option1 Value') || !cols.has('COO', 'HS Code')) return 0;
  if (cols.has('Body (HTML)', 'Variant Price', 'Price', 'Vendor')) return 0;
  const perRow = cols.has('Location') && cols.has(...AVAILABLE, 'On hand (current)', 'On hand');
  const perColumn = cols.has('HS Code') && locationColumns(cols).length > 0;
  if (!perRow && !perColumn) return 0;
  return 50 + 3 * cols.count(SIGNATURE);
}

async function* readInventory(input: ImportInput): AsyncGenerator<InventoryRecord> {
  const cols = new Columns(input.header, 'exact');
  const place = (column: string) => ({ file: input.file, line: 1, column });
  if (!cols.has('Handle')) throw new InputError(place('Handle'), 'no "Handle" column, so this is not a Shopify inventory export as Shopify writes it');
  const location = cols.col('Location');
  const perColumn = location ? [] : locationColumns(cols);
  if (!location && perColumn.length === 0) {
    throw new InputError(place('Location'), 'no "Location" column and no location columns after "COO", so the file does not say where the stock is');
  }
  const available = cols.col(...AVAILABLE);
  if (location && !available) throw new InputError(place('Available'), 'no "Available" column, so the file does not say how much stock is available');
  const c = {
    handle: cols.col('Handle'),
    title: cols.col('Title'),
    sku: cols.col('SKU'),
    options: ['Option1 Value', 'Option2 Value', 'Option3 Value'].map((n) => cols.col(n)),
    onHand: cols.col('On hand (current)', 'On hand'),
    committed: cols.col('Committed (not editable)', 'Committed'),
    incoming: cols.col('Incoming (not editable)', 'Incoming'),
    unavailable: cols.col('Unavailable (not editable)', 'Unavailable'),
  };
  const report: Report = (p) => input.problem(p);

  /** The count at one location; undefined when the record is skipped (problem reported). */
  const availableAt = (row: CsvRow, col: Col): number | null | undefined => {
    const v = read(report, row, col, quantity, 'skipped');
    if (v === FAIL) return undefined;
    if (v === undefined) report({ line: row.line, column: col.label, message: `no ${col.label} count; skipped` });
    return v;
  };

  for await (const row of input.rows()) {
    const handle = text(cell(row, c.handle));
    const sku = text(cell(row, c.sku));
    if (handle === undefined && sku === undefined) {
      report({ line: row.line, column: c.handle!.label, message: 'no Handle or SKU; skipped' });
      continue;
    }
    const variant = c.options
      .map((col) => text(cell(row, col)))
      .filter((v): v is string => v !== undefined && v !== 'Default Title')
      .join(' / ');
    const base = { handle, sku, title: text(cell(row, c.title)), variant };
    const record = (loc: string, avail: number | null): InventoryRecord => ({
      kind: 'inventory',
      key: `${handle ?? ''}|${sku ?? ''}|${variant}|${loc}`,
      line: row.line,
      ...base,
      location: loc,
      available: avail,
    });

    if (location && available) {
      const loc = text(cell(row, location));
      if (loc === undefined) {
        report({ line: row.line, column: location.label, message: 'no Location; skipped' });
        continue;
      }
      const avail = availableAt(row, available);
      if (avail === undefined) continue;
      const rec = record(loc, avail);
      rec.onHand = opt(read(report, row, c.onHand, quantity));
      rec.committed = opt(read(report, row, c.committed, quantity));
      rec.incoming = opt(read(report, row, c.incoming, quantity));
      rec.unavailable = opt(read(report, row, c.unavailable, quantity));
      yield rec;
      continue;
    }
    for (const col of perColumn) {
      const avail = availableAt(row, col);
      if (avail !== undefined) yield record(col.label, avail);
    }
  }
}

export const shopifyInventory: ImportAdapter = {
  kind: 'inventory',
  platform: 'shopify',
  layout: 'Shopify inventory export',
  detect,
  read: readInventory,
};
