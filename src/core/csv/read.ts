/**
 * Reading the CSV files store owners hand us: platform exports, often re-saved by Excel.
 *
 * Decisions:
 * - A structurally bad row (wrong number of cells, a NUL byte in a cell) refuses the WHOLE file:
 *   every bad row is collected and reported in one error, and no table is returned, so nothing
 *   half-imported ever reaches the database.
 * - Rows whose cells are all empty (blank lines, Excel's `,,,,` lines) are skipped, like blank lines.
 * - Empty trailing header cells (Excel's `,,,,`) are dropped with their cells; an empty header cell
 *   before a named one is an error, as is a duplicate name (compared after trimming).
 * - "Binary" means: a known binary signature (xlsx/zip, xls, pdf, images, gzip), or NUL bytes
 *   making up more than 10% of the first 64 KiB (UTF-16 without a BOM, most binary formats), or
 *   control bytes making up more than 30%. A stray NUL in an otherwise text file is NOT "binary":
 *   it is reported as a bad row naming the line and column, which is what the user can act on.
 * - Cells are split by tokenizer.ts, the streaming reader's tokenizer, with CRLF, LF and lone CR
 *   all ending records: one CSV dialect for the whole tool. It reads what csv-parse reads (the
 *   csv-parse comparison in test/csv-tokenizer.test.ts), except that a quote inside a cell that does
 *   not start with one is read as a character (an inch mark), with one warning naming the first. A
 *   record's line is the physical line it starts on (CRLF, LF and lone CR count one line each),
 *   wherever its cells span more.
 * - Broken CSV is reported in the owner's words (SYNTAX_REASONS below), naming line and column.
 */
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { InputError, placeText, type InputWarning } from '../errors.js';
import { CsvSyntaxError, CsvTokenizer, type CsvSyntax, type EmitRecord } from './tokenizer.js';
import type { CsvEncoding, CsvRow, CsvTable } from './types.js';
import { EXCEL_SCIENTIFIC } from './safe.js';

type Delimiter = CsvTable['delimiter'];
type Eol = CsvTable['eol'];
export type CsvMeta = { encoding: CsvEncoding; bom: boolean; warnings: InputWarning[] };

const LF = 0x0a;
const CR = 0x0d;
export const EMPTY = 'the file is empty';
const BINARY = 'this looks like a binary file, not a CSV export';
const CP1252_WARNING = 'not UTF-8; read as Windows-1252 — check accented characters';
const SCIENTIFIC = EXCEL_SCIENTIFIC;
const MAX_LISTED_ROWS = 10;
const MAX_LISTED_LINES = 5;
export const FILE_ERRORS: Record<string, string> = {
  ENOENT: 'the file does not exist',
  EISDIR: 'this is a folder, not a file',
  EACCES: 'permission denied — the file cannot be read',
};

/** xlsx/numbers/ods (zip), old xls (OLE), %PDF-, png, jpeg, gif, gzip: what users pick by mistake. */
const SIGNATURES: readonly number[][] = [
  [0x50, 0x4b, 0x03, 0x04], [0xd0, 0xcf, 0x11, 0xe0], [0x25, 0x50, 0x44, 0x46, 0x2d],
  [0x89, 0x50, 0x4e, 0x47], [0xff, 0xd8, 0xff], [0x47, 0x49, 0x46, 0x38], [0x1f, 0x8b],
];

export function decodeCsvBytes(buf: Buffer, file: string): CsvMeta & { text: string } {
  const warnings: InputWarning[] = [];
  const utf16 = buf[0] === 0xff && buf[1] === 0xfe ? 'utf-16le' : buf[0] === 0xfe && buf[1] === 0xff ? 'utf-16be' : null;
  if (utf16) {
    const text = stripBom(iconv.decode(buf.subarray(2), utf16 === 'utf-16le' ? 'utf16le' : 'utf16be'));
    if (text.trim() === '') throw new InputError({ file }, EMPTY);
    return { text, encoding: utf16, bom: true, warnings };
  }
  const bom = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
  const body = bom ? buf.subarray(3) : buf;
  if (isBlankBytes(body)) throw new InputError({ file }, EMPTY);
  if (looksBinary(body)) throw new InputError({ file }, BINARY);
  let text: string;
  let encoding: CsvEncoding = 'utf-8';
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    text = iconv.decode(body, 'windows1252');
    encoding = 'windows-1252';
    warnings.push({ file, message: CP1252_WARNING });
  }
  return { text: stripBom(text), encoding, bom, warnings };
}

export function parseCsvText(text: string, file: string, meta: CsvMeta): CsvTable {
  text = stripBom(text);
  if (text.trim() === '') throw new InputError({ file }, EMPTY);
  const { delimiter, eol } = scanHeaderLine(text);
  const records: CsvRow[] = [];
  let inch: CsvTokenizer['literalQuote'];
  try {
    inch = splitRecords(text, delimiter, records);
  } catch (err) {
    if (!(err instanceof CsvSyntaxError)) throw err;
    throw syntaxError(file, err.line, err.field, records[0]?.cells, err.syntax);
  }

  const headerRow = records[0];
  if (!headerRow) throw new InputError({ file }, EMPTY);
  const header = checkHeader(headerRow, file);
  const width = header.length;
  const rows = records.slice(1);
  const problems: string[] = [];
  const nulProblem = (row: CsvRow, names: readonly string[]): void => {
    const i = row.cells.findIndex((c) => c.includes('\u0000'));
    if (i >= 0) problems.push(`${placeText({ file, line: row.line, column: names[i] ?? i + 1 })}: contains a NUL byte`);
  };
  nulProblem(headerRow, []);
  for (const row of rows) {
    const found = row.cells.length;
    if (found > width && row.cells.slice(width).every(isBlank)) row.cells.length = width;
    if (row.cells.length !== width) problems.push(`${placeText({ file, line: row.line })}: expected ${width} cells, found ${found}`);
    else nulProblem(row, header);
  }
  if (problems.length > 0) {
    const n = problems.length;
    const listed = problems.slice(0, MAX_LISTED_ROWS).map((p) => `  ${p}`);
    if (n > MAX_LISTED_ROWS) listed.push(`  and ${n - MAX_LISTED_ROWS} more`);
    const what = n === 1 ? '1 row is broken' : `${n} rows are broken`;
    throw new InputError({ file }, `${what}, so nothing from this file was used:\n${listed.join('\n')}`);
  }
  const warnings = [...meta.warnings, ...(inch ? [inchMarkWarning(file, inch, header)] : []), ...scientificWarnings(file, header, rows)];
  return { file, encoding: meta.encoding, bom: meta.bom, delimiter, eol, header, rows, warnings };
}

/**
 * Splits a whole text into its records that are not all blank, appended to `records` (so that the
 * ones before a syntax error are there when the tokenizer's CsvSyntaxError is thrown). Returns the
 * cells read by the inch-mark rule.
 */
export function splitRecords(text: string, delimiter: Delimiter, records: CsvRow[]): CsvTokenizer['literalQuote'] {
  const keep: EmitRecord = (cells, line) => {
    if (!cells.every(isBlank)) records.push({ line, cells });
  };
  const tokenizer = new CsvTokenizer({ delimiter, loneCr: true, line: 1, maxRecord: Infinity });
  tokenizer.push(text, keep);
  tokenizer.end(keep);
  return tokenizer.literalQuote;
}

export function readCsvFile(path: string, displayName = path): CsvTable {
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (err) {
    const reason = FILE_ERRORS[(err as NodeJS.ErrnoException).code ?? ''];
    throw reason ? new InputError({ file: displayName }, reason) : err;
  }
  const decoded = decodeCsvBytes(buf, displayName);
  return parseCsvText(decoded.text, displayName, decoded);
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function isBlank(cell: string): boolean {
  return cell === '' || cell.trim() === '';
}

function isBlankBytes(b: Uint8Array): boolean {
  for (const c of b) if (c !== 0x20 && (c < 0x09 || c > 0x0d)) return false;
  return true;
}

function looksBinary(b: Uint8Array): boolean {
  if (SIGNATURES.some((sig) => b.length >= sig.length && sig.every((x, i) => b[i] === x))) return true;
  const n = Math.min(b.length, 64 * 1024);
  let nul = 0;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const c = b[i] as number;
    if (c === 0) nul++;
    else if ((c < 0x20 && c !== 0x09 && c !== LF && c !== CR && c !== 0x0c) || c === 0x7f) control++;
  }
  return nul * 10 > n || (nul + control) * 10 > n * 3;
}

/** Sniffs the delimiter (most frequent of , ; TAB outside quotes) and the line ending from the header line. */
export function scanHeaderLine(text: string): { delimiter: Delimiter; eol: Eol } {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let eol: Eol = '\n';
  let inQuotes = false;
  let i = 0;
  while (text[i] === '\r' || text[i] === '\n') i++;
  for (; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === '"') inQuotes = !inQuotes;
    else if (inQuotes) continue;
    else if (ch === ',' || ch === ';' || ch === '\t') counts[ch]++;
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') eol = '\r\n';
      break;
    }
  }
  let delimiter: Delimiter = ',';
  for (const d of [';', '\t'] as const) if (counts[d] > counts[delimiter]) delimiter = d;
  return { delimiter, eol };
}

function checkHeader(row: CsvRow, file: string): string[] {
  let width = row.cells.length;
  while (width > 0 && isBlank(row.cells[width - 1] as string)) width--;
  const header = row.cells.slice(0, width);
  const seen = new Map<string, number>();
  header.forEach((name, i) => {
    if (isBlank(name)) {
      throw new InputError({ file, line: row.line, column: i + 1 }, 'this header cell is empty; every column needs a name — name the column or delete it');
    }
    const key = name.trim();
    const first = seen.get(key);
    if (first !== undefined) {
      throw new InputError({ file, line: row.line, column: key }, `two columns have this name (columns ${first + 1} and ${i + 1}) — rename or delete one of them`);
    }
    seen.set(key, i);
  });
  return header;
}

/** What each kind of broken CSV means to the owner, in one place for both readers. */
export const SYNTAX_REASONS: Record<CsvSyntax, string> = {
  'quote-not-closed': 'a quoted cell starts here but its closing quote (") is missing, so the rest of the file would run into this one cell',
  'closing-quote': 'this quoted cell has text after its closing quote; inside a quoted cell, each quote (") must be doubled ("")',
  // Only the streaming reader sets a size limit: a row that long is a quote left open.
  'too-long': 'this row is far too long to be real: most likely a quoted cell starts here and its closing quote (") is missing',
};

/**
 * The InputError for broken CSV at `line`, in the cell with 0-based index `field`: named by the
 * header when it is known, else (an error inside the header itself) by its 1-based number.
 */
export function syntaxError(file: string, line: number, field: number, header: string[] | undefined, syntax: CsvSyntax): InputError {
  const column = header?.[field] !== undefined && !isBlank(header[field] as string) ? header[field] : field + 1;
  return new InputError({ file, line, column }, SYNTAX_REASONS[syntax]);
}

/** The warning for cells with a quote inside that were read literally (the inch-mark rule): the first is named. */
export function inchMarkWarning(file: string, at: { line: number; field: number; count: number }, header: string[]): InputWarning {
  const more = at.count > 1 ? `; ${at.count - 1} more ${at.count === 2 ? 'cell has' : 'cells have'} one too` : '';
  const column = header[at.field];
  return {
    file,
    line: at.line,
    ...(column !== undefined && !isBlank(column) ? { column } : {}),
    message:
      `this cell has a quote (") inside it, read as a character (an inch mark?)${more}. ` +
      'If a cell was meant to be quoted, wrap it whole in quotes and double each inner quote ("")',
  };
}

function scientificWarnings(file: string, header: string[], rows: CsvRow[]): InputWarning[] {
  const hits = new Map<number, { sample: string; lines: number[] }>();
  for (const row of rows) {
    row.cells.forEach((cell, i) => {
      if (cell.length < 5 || !SCIENTIFIC.test(cell)) return;
      const hit = hits.get(i);
      if (hit) hit.lines.push(row.line);
      else hits.set(i, { sample: cell, lines: [row.line] });
    });
  }
  return [...hits.entries()]
    .sort(([a], [b]) => a - b)
    .map(([i, { sample, lines }]) => {
      let where = lines.slice(0, MAX_LISTED_LINES).join(', ');
      if (lines.length > MAX_LISTED_LINES) where += ` and ${lines.length - MAX_LISTED_LINES} more`;
      // The lines are in the message; a `line` here would print the first one twice.
      return {
        file,
        column: header[i],
        message:
          `${lines.length === 1 ? 'line' : 'lines'} ${where}: "${sample}" looks like a number Excel turned into ` +
          'scientific notation; its digits are lost — export the file again from the platform',
      };
    });
}
