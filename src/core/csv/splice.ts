/**
 * A splice that rewrites chosen cells of a CSV text and leaves every other character of it as it
 * was. `sync export --source` uses it to write approved copy into the owner's own export without
 * re-serialising (and so changing) anything else. The records and cell spans come from the one
 * tokenizer's span mode (spans.ts), so the splice reads the file exactly as `readCsvFile` does.
 */
import { SYNTAX_REASONS } from './read.js';
import { csvSpans, type RecordSpan } from './spans.js';
import { CsvSyntaxError as TokenizerSyntaxError, type CsvSyntax } from './tokenizer.js';

export type { CellSpan, RecordSpan } from './spans.js';
export type Delimiter = ',' | ';' | '\t';
export type Eol = '\r\n' | '\n';

/** Thrown for text that is not CSV, with the owner-facing reason. Callers add the file name. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    reason: string,
    /** The 0-based cell index and the kind, when the tokenizer found it. */
    readonly field?: number,
    readonly syntax?: CsvSyntax,
  ) {
    super(reason);
    this.name = 'CsvSyntaxError';
  }
}

/** Splits `text` into records and cells, keeping each cell's raw span. A blank line is a record with one empty cell. */
export function tokenize(text: string, delimiter: Delimiter): RecordSpan[] {
  try {
    return csvSpans(text, delimiter);
  } catch (err) {
    if (!(err instanceof TokenizerSyntaxError)) throw err;
    throw new CsvSyntaxError(err.line, SYNTAX_REASONS[err.syntax], err.field, err.syntax);
  }
}

/** The first record ending in the file, or LF when there is none. */
export function fileEol(records: RecordSpan[]): Eol {
  for (const r of records) {
    if (r.eol === '\r\n') return '\r\n';
    if (r.eol) return '\n';
  }
  return '\n';
}

/**
 * The raw text of one cell. Quoted when the value holds the delimiter, a quote, a line break or a
 * leading/trailing space, or when `alwaysQuote` (the cell it replaces was quoted). Line breaks
 * inside the value are written with the file's own line ending.
 */
export function quoteCell(value: string, delimiter: Delimiter, eol: Eol, alwaysQuote = false): string {
  const v = value.replace(/\r\n|\r|\n/g, eol);
  const needs = alwaysQuote || v.includes(delimiter) || v.includes('"') || /[\r\n]/.test(v) || /^[ \t]|[ \t]$/.test(v);
  return needs ? `"${v.replace(/"/g, '""')}"` : v;
}

/** One change of the text: replace [start, end) with `text`. */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

/** recordIndex → (columnIndex → new value). Record 0 is the header. */
export type Replacements = Map<number, Map<number, string>>;

/**
 * The edits that write `replacements` into the tokenized text, sorted by position. A column past
 * the end of a short record is reached by appending delimiters (empty cells) to that record.
 */
export function planEdits(records: RecordSpan[], replacements: Replacements, delimiter: Delimiter, eol: Eol): Edit[] {
  const edits: Edit[] = [];
  for (const [recIndex, cols] of replacements) {
    const rec = records[recIndex];
    if (!rec) throw new RangeError(`no record ${recIndex} (the text has ${records.length})`);
    const pad = new Map<number, string>();
    for (const [col, value] of cols) {
      if (!Number.isInteger(col) || col < 0) throw new RangeError(`bad column index ${col}`);
      const cell = rec.cells[col];
      if (cell) edits.push({ start: cell.start, end: cell.end, text: quoteCell(value, delimiter, eol, cell.quoted) });
      else pad.set(col, value);
    }
    if (pad.size > 0) {
      const last = Math.max(...pad.keys());
      let text = '';
      for (let c = rec.cells.length; c <= last; c++) {
        const v = pad.get(c);
        text += delimiter + (v === undefined ? '' : quoteCell(v, delimiter, eol));
      }
      edits.push({ start: rec.end, end: rec.end, text });
    }
  }
  return edits.sort((a, b) => a.start - b.start || a.end - b.end);
}

