/**
 * Shared pieces of the Shopify import adapters: cell reading that turns a ValueError into a row
 * problem (on columns.ts, with 'exact' names: case-insensitive, trimmed, BOM stripped — never by
 * position), the Excel-damage warning collector, and a peek at the first data row for detection.
 */
import type { CsvRow } from '../../csv/types.js';
import type { ImportInput, Probe, RowProblem } from '../records.js';
import { type Col, Columns, readCell, RowSkip } from '../columns.js';

/** The raw cell (undefined when the column is absent). */
export const cell = (row: CsvRow, col: Col | undefined): string | undefined => (col ? row.cells[col.index] : undefined);

/** What `read` returns for a cell it could not read (the problem is already reported). */
export const FAIL: unique symbol = Symbol('unreadable');
export type Fail = typeof FAIL;

export type Report = (p: RowProblem) => void;

/**
 * Reads one cell with one of the value readers; a ValueError becomes a row problem naming the line,
 * the column and the cell, and FAIL is returned so the caller decides: skip the record (required
 * value) or leave the value out (optional one). `then` says which, in the message.
 */
export function read<T>(
  report: Report,
  row: CsvRow,
  col: Col | undefined,
  fn: (raw: string | undefined) => T,
  then = 'left empty',
): T | Fail {
  if (!col) return fn(undefined);
  try {
    return readCell(fn, cell(row, col), col.label);
  } catch (err) {
    if (!(err instanceof RowSkip)) throw err;
    report({ line: row.line, ...err.problem, message: `${err.problem.message}; ${then}` });
    return FAIL;
  }
}

/** An optional value: unreadable → undefined (the problem was reported). */
export const opt = <T>(v: T | Fail): T | undefined => (v === FAIL ? undefined : v);

/** An empty list is left out of a record. */
export const nonEmpty = (xs: string[]): string[] | undefined => (xs.length > 0 ? xs : undefined);

const MAX_LISTED_LINES = 5;

/**
 * Collects cells Excel turned into scientific notation and reports them as ONE warning per column,
 * naming the lines (the first few and how many more), after the file has been read.
 */
export class ExcelDamage {
  private readonly hits = new Map<string, { sample: string; lines: number[]; more: number }>();

  note(column: string, line: number, sample: string): void {
    const hit = this.hits.get(column);
    if (!hit) this.hits.set(column, { sample, lines: [line], more: 0 });
    else if (hit.lines.length < MAX_LISTED_LINES) hit.lines.push(line);
    else hit.more++;
  }

  flush(input: ImportInput, consequence: string): void {
    for (const [column, { sample, lines, more }] of this.hits) {
      const n = lines.length + more;
      const where = lines.join(', ') + (more > 0 ? ` and ${more} more` : '');
      input.warn({
        file: input.file,
        column,
        message:
          `${n === 1 ? 'line' : 'lines'} ${where}: "${sample}" is a number Excel turned into scientific notation; ` +
          `its digits are lost — ${consequence}. Export the file again from Shopify and import it without opening it in Excel`,
      });
    }
    this.hits.clear();
  }
}

/** Splits one physical line of CSV text, leniently (an unclosed quote just runs to the end). */
function splitLine(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"' && cur === '') quoted = true;
    else if (ch === delimiter) {
      cells.push(cur);
      cur = '';
    } else cur += ch;
  }
  cells.push(cur);
  return cells;
}

/**
 * The first data row of the probe, as a lookup by column name, for detection rules that need a
 * value (a checkout's `#36579383673135` Name). The header is the first line that is neither blank
 * nor a `#` comment; the data row is the next non-blank line (an order Name starts with `#`).
 * Only the first physical line of the row is read: fine for columns before any multi-line cell.
 */
export function firstDataRow(probe: Probe): ((name: string) => string | undefined) | undefined {
  const lines = probe.firstLines;
  let h = 0;
  while (h < lines.length && (lines[h]!.trim() === '' || lines[h]!.startsWith('#'))) h++;
  let d = h + 1;
  while (d < lines.length && lines[d]!.trim() === '') d++;
  const headerLine = lines[h];
  const dataLine = lines[d];
  if (headerLine === undefined || dataLine === undefined) return undefined;
  const delimiter = [',', ';', '\t'].find((c) => splitLine(headerLine, c).length === probe.header.length) ?? ',';
  const cells = splitLine(dataLine.replace(/^\uFEFF/, ''), delimiter);
  const cols = new Columns(probe.header, 'exact');
  return (name) => {
    const col = cols.col(name);
    return col ? cells[col.index]?.trim() : undefined;
  };
}
