/**
 * An RFC 4180 tokenizer that remembers where every cell is, and a splice that rewrites chosen cells
 * and leaves every other character of the text as it was. `sync export --source` uses it to write
 * approved copy into the owner's own export without re-serialising (and so changing) anything else.
 *
 * Offsets are UTF-16 code-unit indexes into the decoded text. A leading BOM (U+FEFF) is skipped.
 * Lenient where real files are: a bare CR also ends a record, and text after a closing quote
 * (`"a"b`) is kept as part of the cell value.
 */

export type Delimiter = ',' | ';' | '\t';
export type Eol = '\r\n' | '\n';

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

/** Thrown for text that is not CSV (an unclosed quote). Callers add the file name. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    reason: string,
  ) {
    super(reason);
    this.name = 'CsvSyntaxError';
  }
}

const QUOTE = 34; // "
const LF = 10;
const CR = 13;

/** Splits `text` into records and cells, keeping each cell's raw span. A blank line is a record with one empty cell. */
export function tokenize(text: string, delimiter: Delimiter): RecordSpan[] {
  const records: RecordSpan[] = [];
  const n = text.length;
  const delim = delimiter.charCodeAt(0);
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (i < n) {
    const recStart = i;
    const recLine = line;
    const cells: CellSpan[] = [];
    for (;;) {
      const cellStart = i;
      if (text.charCodeAt(i) === QUOTE) {
        let value = '';
        let seg = ++i;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q < 0) throw new CsvSyntaxError(recLine, 'a quoted cell is never closed (a " is missing)');
          if (text.charCodeAt(q + 1) === QUOTE) {
            value += text.slice(seg, q + 1);
            i = seg = q + 2;
            continue;
          }
          value += text.slice(seg, q);
          i = q + 1;
          break;
        }
        const tail = i;
        while (i < n && !isEnd(text.charCodeAt(i), delim)) i++;
        cells.push({ start: cellStart, end: i, value: value + text.slice(tail, i), quoted: true });
      } else {
        while (i < n && !isEnd(text.charCodeAt(i), delim)) i++;
        cells.push({ start: cellStart, end: i, value: text.slice(cellStart, i), quoted: false });
      }
      if (i < n && text.charCodeAt(i) === delim) {
        i++;
        continue;
      }
      break;
    }
    const end = i;
    let eol: RecordSpan['eol'] = '';
    if (text.charCodeAt(i) === CR && text.charCodeAt(i + 1) === LF) eol = '\r\n';
    else if (text.charCodeAt(i) === LF) eol = '\n';
    else if (text.charCodeAt(i) === CR) eol = '\r';
    i += eol.length;
    records.push({ line: recLine, start: recStart, end, eol, cells });
    line += countLineBreaks(text, recStart, i);
  }
  return records;
}

function isEnd(c: number, delim: number): boolean {
  return c === delim || c === LF || c === CR;
}

function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === LF) count++;
    else if (c === CR && text.charCodeAt(k + 1) !== LF) count++;
  }
  return count;
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

