/**
 * Reading large CSV exports (a million rows, hundreds of MB) as a stream, never whole.
 *
 * Decisions:
 * - The encoding is decided once, from the first 1 MiB, by read.ts's rules (`decodeCsvBytes`). Invalid
 *   UTF-8 met later in a UTF-8 file is read as U+FFFD and reported once, naming its line and column.
 * - Before the header, blank lines, delimiter-only lines (Excel's `,,,,`) and `#` lines (the GA4
 *   preamble) are skipped. After it, nothing is a comment: Shopify order names start with `#`.
 * - Cells are split by tokenizer.ts, as read.ts splits whole files (inch marks read literally, with
 *   the same warning, added once the pass has read the whole file). Start lines count CRLF, LF and
 *   lone CR as one line each. A record that passes MAX_RECORD characters (a quote left open) stops
 *   the pass rather than pulling the rest of the file into memory.
 * - Cell counts are not checked: adapters decide what a short or long row means. Trailing empty cells
 *   beyond the header are dropped and all-empty rows skipped, as read.ts does.
 * - Each rows() call is its own pass over the file; leaving the loop early closes the file.
 */
import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import iconv from 'iconv-lite';
import { InputError, UserError, type InputWarning } from '../errors.js';
import { decodeCsvBytes, EMPTY, FILE_ERRORS, inchMarkWarning, isBlank, scanHeaderLine, stripBom, syntaxError } from './read.js';
import { incompleteTail, Utf8Check } from './stream-bytes.js';
import { CsvSyntaxError, CsvTokenizer, type EmitRecord } from './tokenizer.js';
import type { CsvEncoding, CsvRow, CsvTable, Probe } from './types.js';

export interface CsvStream {
  /** The header (first line that is not blank or a `#` comment) and the first 40 lines of text. */
  probe: Probe;
  encoding: CsvEncoding;
  bom: boolean;
  delimiter: CsvTable['delimiter'];
  /** A CR without LF ends a record (set when the first MiB has one: old Mac files). */
  loneCr: boolean;
  /** Grows while rows() or text() runs (invalid UTF-8 found late): read it after iterating. */
  warnings: InputWarning[];
  /** Data rows after the header, each with the 1-based line it starts on. */
  rows(): AsyncIterable<CsvRow>;
  /** The whole decoded text, BOM stripped, for small files with a preamble or several tables. */
  text(): Promise<string>;
}

type Delimiter = CsvTable['delimiter'];

const SAMPLE = 1024 * 1024;
const CHUNK = 64 * 1024; // Node's default
const MAX_RECORD = 16 * 1024 * 1024;
const MAX_TEXT = 50 * 1024 * 1024;
const FIRST_LINES = 40;
const BAD_UTF8 = 'the first bytes that are not valid UTF-8 are here; they were read as "\uFFFD" — check accented characters';
const ONLY_DELIMITERS = /^[\s,;]*$/; // \s covers TAB and U+FEFF

export async function openCsvStream(path: string, displayName = path): Promise<CsvStream> {
  const file = displayName;
  const { sample, whole } = await readSample(path, file);
  const meta = decodeCsvBytes(sample, file); // encoding, BOM, binary and empty refusal
  const { encoding, bom } = meta;
  const bodyStart = !bom ? 0 : encoding.startsWith('utf-16') ? 2 : 3;
  const sampleText = decodeText(sample.subarray(bodyStart), encoding);

  // Find the header, counting the lines skipped before it.
  const breaks = /\r\n|\n|\r/g;
  let at = 0;
  let headerLine = 1;
  for (let m = breaks.exec(sampleText); ; m = breaks.exec(sampleText), headerLine++) {
    const line = sampleText.slice(at, m?.index);
    if (!ONLY_DELIMITERS.test(line) && !stripBom(line).startsWith('#')) break;
    if (!m) throw new InputError({ file }, whole ? EMPTY : 'no header row in the first 1 MB, only blank lines and # comments');
    at = m.index + m[0].length;
  }
  const fromHeader = sampleText.slice(at);
  const { delimiter } = scanHeaderLine(fromHeader);
  // A lone CR ends records only in a file whose sample has one (old Mac files); else it is text. A
  // CR that ends a sample cut from a longer file is most likely half of a CRLF: it does not count.
  const loneCr = (whole ? /\r(?!\n)/ : /\r(?!\n|$)/).test(fromHeader);
  const header = readHeader(fromHeader, file, headerLine, delimiter, loneCr);
  // Where the header starts in the file: the sample decoded cleanly, so lengths map back exactly.
  const before = sampleText.slice(0, at);
  const rawStart = bodyStart + (encoding === 'utf-8' ? Buffer.byteLength(before) : before.length * (encoding === 'windows-1252' ? 1 : 2));

  const firstLines = stripBom(sampleText).split(/\r\n|\n|\r/);
  if (!whole && firstLines.length <= FIRST_LINES) firstLines.pop(); // cut by the sample's end
  const warnings = [...meta.warnings];
  const reportBadUtf8 = (line: number, column?: string): void => {
    if (!warnings.some((w) => w.message === BAD_UTF8)) warnings.push({ file, line, column, message: BAD_UTF8 });
  };
  const reportInchMarks: Pass['reportInchMarks'] = (at) => {
    const w = inchMarkWarning(file, at, header);
    if (!warnings.some((x) => x.message === w.message && x.line === w.line)) warnings.push(w);
  };
  const pass: Pass = { path, file, encoding, rawStart, headerLine, delimiter, loneCr, header, reportBadUtf8, reportInchMarks };
  return {
    probe: { file, header, firstLines: firstLines.slice(0, FIRST_LINES) },
    encoding,
    bom,
    delimiter,
    loneCr,
    warnings,
    rows: () => readRows(pass),
    async text() {
      const size = (await stat(path)).size;
      if (size > MAX_TEXT) {
        throw new UserError(`${file}: this file is too large to be read in one piece (${(size / 1e6).toFixed(0)} MB, the limit is 50 MB)`);
      }
      const body = (await readFile(path)).subarray(bodyStart);
      const text = decodeText(body, encoding);
      if (encoding === 'utf-8' && !isUtf8(body)) reportBadUtf8(text.slice(0, text.indexOf('\uFFFD')).split(/\r\n|\n|\r/).length);
      return stripBom(text);
    },
  };
}

interface Pass {
  path: string;
  file: string;
  encoding: CsvEncoding;
  rawStart: number;
  headerLine: number;
  delimiter: Delimiter;
  loneCr: boolean;
  header: string[];
  reportBadUtf8: (line: number, column?: string) => void;
  /** Warns of the cells read by the inch-mark rule, once per file (each pass finds the same). */
  reportInchMarks: (at: { line: number; field: number; count: number }) => void;
}

async function* readRows(p: Pass): AsyncGenerator<CsvRow> {
  const width = p.header.length;
  const tokenizer = new CsvTokenizer({ delimiter: p.delimiter, loneCr: p.loneCr, line: p.headerLine, maxRecord: MAX_RECORD });
  const check = p.encoding === 'utf-8' ? new Utf8Check() : undefined;
  const decoder = p.encoding === 'utf-8' ? new StringDecoder('utf8') : iconv.getDecoder(iconvName(p.encoding));
  let isHeader = true; // the tokenizer reads the header again
  let lookForBad = false; // invalid UTF-8 was met: the next record with a U+FFFD holds it
  let badFound = false; // and that record was found (one warning is enough)
  let rows: CsvRow[] = [];
  const emit: EmitRecord = (cells, line, raw) => {
    if (isHeader) {
      isHeader = false;
      return;
    }
    if (lookForBad) {
      const i = cells.findIndex((c) => c.includes('\uFFFD'));
      if (i >= 0) {
        p.reportBadUtf8(line, p.header[i]);
        lookForBad = false;
        badFound = true;
      }
    }
    let n = cells.length;
    while (n > width && isBlank(cells[n - 1] as string)) n--;
    if (n < cells.length) cells.length = n;
    if (!cells.every(isBlank)) rows.push({ line, cells, raw });
  };
  // Records found in a chunk are handed on before a problem found later in it is raised.
  let failure: unknown;
  const feed = (step: () => void): CsvRow[] => {
    try {
      step();
    } catch (err) {
      failure = err;
    }
    const found = rows;
    rows = [];
    return found;
  };
  const armBadUtf8 = (): void => {
    if (check && check.badFrom !== Infinity && !badFound) lookForBad = true;
  };
  const input = createReadStream(p.path, { start: p.rawStart, highWaterMark: CHUNK });
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      const found = feed(() => {
        check?.add(chunk);
        armBadUtf8();
        tokenizer.push(decoder.write(chunk), emit);
      });
      for (const row of found) yield checked(row, width, p.file); // a loop: `yield*` costs twice as much per row
      if (failure !== undefined) break;
    }
    if (failure === undefined) {
      const found = feed(() => {
        check?.end();
        armBadUtf8();
        tokenizer.push(decoder.end() ?? '', emit);
        tokenizer.end(emit);
      });
      for (const row of found) yield checked(row, width, p.file);
      if (tokenizer.literalQuote) p.reportInchMarks(tokenizer.literalQuote);
    }
    if (failure !== undefined) throw failure;
  } catch (err) {
    if (err instanceof CsvSyntaxError) throw syntaxError(p.file, err.line, err.field, p.header, err.syntax);
    throw fileError(err, p.file);
  } finally {
    input.destroy();
    if (!input.closed) await new Promise<void>((resolve) => input.once('close', () => resolve()));
  }
}

/** The row, unless it is short: a cut-off file or another table pasted in is never half-read. */
function checked(row: CsvRow, width: number, file: string): CsvRow {
  if (row.cells.length < width) {
    throw new InputError({ file, line: row.line }, `expected ${width} cells as in the header, found ${row.cells.length}; the file may be cut off or mix two exports`);
  }
  return row;
}

async function readSample(path: string, file: string): Promise<{ sample: Buffer; whole: boolean }> {
  let fh;
  try {
    fh = await open(path, 'r');
    const buf = Buffer.alloc(SAMPLE + 1); // one byte more tells whether the sample is the whole file
    let n = 0;
    for (let r = 1; r > 0 && n < buf.length; n += r) r = (await fh.read(buf, n, buf.length - n, n)).bytesRead;
    if (n <= SAMPLE) return { sample: buf.subarray(0, n), whole: true };
    const utf16 = (buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff);
    return { sample: buf.subarray(0, utf16 ? SAMPLE : SAMPLE - incompleteTail(buf.subarray(0, SAMPLE))), whole: false };
  } catch (err) {
    throw fileError(err, file);
  } finally {
    await fh?.close();
  }
}

function fileError(err: unknown, file: string): unknown {
  const reason = FILE_ERRORS[(err as NodeJS.ErrnoException).code ?? ''];
  return reason ? new InputError({ file }, reason) : err;
}

function decodeText(bytes: Buffer, encoding: CsvEncoding): string {
  return encoding === 'utf-8' ? bytes.toString('utf8') : iconv.decode(bytes, iconvName(encoding));
}

function iconvName(encoding: CsvEncoding): string {
  return encoding === 'windows-1252' ? 'windows1252' : encoding.replace('-', '');
}

/** Parses the header record alone; its empty trailing cells (Excel's `,,,,`) are dropped. */
function readHeader(text: string, file: string, line: number, delimiter: Delimiter, loneCr: boolean): string[] {
  let cells: string[] | undefined;
  const take: EmitRecord = (record) => {
    cells ??= record.map(stripBom);
  };
  const tokenizer = new CsvTokenizer({ delimiter, loneCr, line, maxRecord: Infinity });
  try {
    tokenizer.push(text, take);
    if (!cells) tokenizer.end(take); // the header is the whole sample, or a quoted cell in it is left open
  } catch (err) {
    if (!(err instanceof CsvSyntaxError)) throw err;
    // A problem in a later record of the sample is the row pass's to report.
    if (!cells) throw syntaxError(file, err.line, err.field, undefined, err.syntax);
  }
  const header = cells ?? [];
  let width = header.length;
  while (width > 0 && isBlank(header[width - 1] as string)) width--;
  return header.slice(0, width);
}
