/**
 * The tokenizer's span mode: where each record and cell of a whole text is, for the splice
 * (splice.ts), which rewrites chosen cells and leaves every other character as it was. Offsets are
 * UTF-16 code-unit indexes into the text; a leading BOM (U+FEFF) is passed over. The dialect is the
 * whole-file reader's (read.ts): LF, CRLF and a lone CR end a record, so the records and their lines
 * are the ones `readCsvFile` numbers rows by.
 */
import { CsvTokenizer } from './tokenizer.js';
import type { CsvTable } from './types.js';

export interface CellSpan {
  /** Start of the raw cell text, including an opening quote. */
  start: number;
  /** End (exclusive) of the raw cell text, including a closing quote. */
  end: number;
  /** The decoded value: quotes removed, `""` turned into `"`. */
  value: string;
  quoted: boolean;
}

export interface RecordSpan {
  /** 1-based physical line where the record starts. */
  line: number;
  start: number;
  /** End (exclusive) of the last cell; the line ending, if any, follows. */
  end: number;
  /** The line ending after the record: '' for the last record of a file with no final newline. */
  eol: '' | '\r\n' | '\n' | '\r';
  cells: CellSpan[];
}

const QUOTE = 0x22;

/**
 * Every record of `text` with its cells' spans. A blank line is a record with one empty cell.
 * Throws the tokenizer's CsvSyntaxError for text that is not CSV.
 */
export function csvSpans(text: string, delimiter: CsvTable['delimiter']): RecordSpan[] {
  const t = CsvTokenizer.whole(text, { delimiter, loneCr: true, line: 1 });
  if (text.charCodeAt(0) === 0xfeff) t.seek(1, 1);
  const records: RecordSpan[] = [];
  let found: { cells: string[]; line: number; raw: string } | undefined;
  for (let start = t.offset; t.step((cells, line, raw) => void (found = { cells, line, raw })); start = t.offset) {
    const { cells, line, raw } = found!;
    const end = start + raw.length;
    records.push({ line, start, end, eol: text.slice(end, t.offset) as RecordSpan['eol'], cells: cellSpans(text, start, cells) });
  }
  return records;
}

/**
 * The spans of a record's cells, from their values: the tokenizer reads a quoted cell only when it
 * ends at its closing quote, so its raw text is the value with each quote doubled, between quotes;
 * any other cell's raw text is its value.
 */
function cellSpans(text: string, start: number, cells: string[]): CellSpan[] {
  let at = start;
  return cells.map((value) => {
    const quoted = text.charCodeAt(at) === QUOTE;
    const length = quoted ? value.length + 2 + countQuotes(value) : value.length;
    const span = { start: at, end: at + length, value, quoted };
    at += length + 1; // and the delimiter
    return span;
  });
}

function countQuotes(value: string): number {
  let n = 0;
  for (let i = value.indexOf('"'); i !== -1; i = value.indexOf('"', i + 1)) n++;
  return n;
}
