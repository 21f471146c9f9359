// The reference the tokenizer is checked against: what read.ts made of csv-parse before it moved to
// the tokenizer. Start lines come from csv-parse's byte offsets (`context.bytes`, where a record
// ends) counted over the bytes (CRLF, LF and lone CR one line each), and its errors are walked back
// to the start of the failing cell, as read.ts did.
import type { CsvError } from 'csv-parse/sync';
import { syntaxError } from '../../src/core/csv/read.js';
import type { CsvSyntax } from '../../src/core/csv/tokenizer.js';
import { InputError } from '../../src/core/errors.js';

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;

/** Physical line numbers over UTF-8 bytes; CRLF, LF and lone CR each end one line. Only moves forward. */
export class LineCounter {
  pos = 0;
  line = 1;
  constructor(readonly bytes: Uint8Array) {}
  advance(to: number): void {
    const b = this.bytes;
    for (let i = this.pos; i < to; i++) if (b[i] === LF || (b[i] === CR && b[i + 1] !== LF)) this.line++;
    if (to > this.pos) this.pos = to;
  }
  skipLineBreaks(): void {
    let p = this.pos;
    while (this.bytes[p] === LF || this.bytes[p] === CR) p++;
    this.advance(p);
  }
}


const CSV_PARSE_SYNTAX: Record<string, CsvSyntax> = {
  CSV_QUOTE_NOT_CLOSED: 'quote-not-closed',
  CSV_INVALID_CLOSING_QUOTE: 'closing-quote',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'closing-quote',
};

/**
 * Where the quote is that csv-parse refused as an opening quote (INVALID_OPENING_QUOTE): the first
 * quote of the cell it names. `lines` stands at the start of the failing record.
 */
export function inchMarkAt(err: CsvError, bytes: Uint8Array, lines: LineCounter, delimiter: string): number {
  const field = err['column'];
  if (typeof field !== 'number') throw new Error(`csv-parse named no cell: ${err.message}`);
  const p = fieldStart(bytes, lines.pos, field, delimiter.charCodeAt(0));
  const q = bytes.indexOf(QUOTE, p);
  if (q < 0) throw new Error(`no quote after the start of cell ${field}`);
  return q;
}

/** The index of the cell `field` of the record starting at `from`, walking quoted cells whole. */
function fieldStart(bytes: Uint8Array, from: number, field: number, delim: number): number {
  let p = from;
  for (let f = 0; f < field && p < bytes.length; f++) {
    if (bytes[p] === QUOTE) p = pastQuoted(bytes, p);
    while (p < bytes.length && bytes[p] !== delim) p++;
    p++;
  }
  return p;
}

/** The index of the closing quote of the quoted cell opening at `p` (bytes.length: none). */
function pastQuoted(bytes: Uint8Array, p: number): number {
  for (p++; p < bytes.length; p++) {
    if (bytes[p] !== QUOTE) continue;
    if (bytes[p + 1] !== QUOTE) return p;
    p++;
  }
  return p;
}

/** Turns a csv-parse error into a plain-English InputError. `lines` stands at the start of the failing record. */
export function translateParseError(
  err: CsvError,
  file: string,
  bytes: Uint8Array,
  lines: LineCounter,
  delimiter: string,
  header: string[] | undefined,
): InputError {
  const field = typeof err['column'] === 'number' ? err['column'] : undefined;
  const syntax = CSV_PARSE_SYNTAX[err.code];
  if (field === undefined || syntax === undefined) return new InputError({ file, line: lines.line }, 'this line could not be read as CSV');
  const delim = delimiter.charCodeAt(0);
  // Walk the failing record to the start of the field csv-parse complained about.
  let p = lines.pos;
  const skipQuoted = (): void => {
    for (p++; p < bytes.length; p++) {
      if (bytes[p] !== QUOTE) continue;
      if (bytes[p + 1] !== QUOTE) return;
      p++;
    }
  };
  for (let f = 0; f < field && p < bytes.length; f++) {
    if (bytes[p] === QUOTE) skipQuoted();
    while (p < bytes.length && bytes[p] !== delim) p++;
    p++;
  }
  // The line of the cell's start; for text after a closing quote, the line of that quote.
  if (syntax === 'closing-quote' && bytes[p] === QUOTE) skipQuoted();
  lines.advance(Math.min(p, bytes.length));
  return syntaxError(file, lines.line, field, header, syntax);
}
