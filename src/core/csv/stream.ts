/**
 * Reading large CSV exports (a million rows, hundreds of MB) as a stream, never whole.
 *
 * Decisions:
 * - The encoding is decided once, from the first 1 MiB, by read.ts's rules (`decodeCsvBytes`). Invalid
 *   UTF-8 met later in a UTF-8 file is read as U+FFFD and reported once, naming its line and column.
 * - Before the header, blank lines, delimiter-only lines (Excel's `,,,,`) and `#` lines (the GA4
 *   preamble) are skipped. After it, nothing is a comment: Shopify order names start with `#`.
 * - csv-parse reads UTF-8 bytes (other encodings are transcoded on the way in), so its byte offsets
 *   and our line count speak of the same bytes. As in read.ts, start lines come from counting those
 *   bytes (CRLF, LF, lone CR: one line each), not from csv-parse's `info.lines`. Chunks are kept from
 *   the start of the last record on, to place and explain an error; a record over MAX_RECORD bytes
 *   (a quote left open) stops the pass rather than pulling the rest of the file into memory.
 * - Cell counts are not checked: adapters decide what a short or long row means. Trailing empty cells
 *   beyond the header are dropped and all-empty rows skipped, as read.ts does.
 * - Each rows() call is its own pass over the file; leaving the loop early closes the file.
 */
import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { pipeline, Transform, type Readable, type TransformCallback } from 'node:stream';
import type * as CsvParse from 'csv-parse';
import { CsvError as HeaderCsvError, parse as parseHeader } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { InputError, UserError, type InputWarning } from '../errors.js';
import type { Probe } from '../import/types.js';
import { decodeCsvBytes, EMPTY, FILE_ERRORS, isBlank, LineCounter, scanHeaderLine, stripBom, translateParseError } from './read.js';
import type { CsvEncoding, CsvRow, CsvTable } from './types.js';
import { incompleteTail, LineTracker, Utf8Check } from './stream-bytes.js';

// Rows go through csv-parse's CommonJS build, a copy of its code that read.ts and the header parse
// (ES module build) never run: V8 tunes csv-parse's big parse loop to the first inputs it sees, and a
// small parse run first (a header, a products file) left streaming 10–15% slower.
const { CsvError, Parser } = createRequire(import.meta.url)('csv-parse') as typeof CsvParse;

export interface CsvStream {
  /** The header (first line that is not blank or a `#` comment) and the first 40 lines of text. */
  probe: Probe;
  encoding: CsvEncoding;
  bom: boolean;
  delimiter: CsvTable['delimiter'];
  /** Grows while rows() or text() runs (invalid UTF-8 found late): read it after iterating. */
  warnings: InputWarning[];
  /** Data rows after the header, each with the 1-based line it starts on. */
  rows(): AsyncIterable<CsvRow>;
  /** The whole decoded text, BOM stripped, for small files with a preamble or several tables. */
  text(): Promise<string>;
}

type Delimiter = CsvTable['delimiter'];

const SAMPLE = 1024 * 1024;
const CHUNK = 64 * 1024; // Node's default; 256 KiB chunks measured ~8% slower overall
const MAX_RECORD = 16 * 1024 * 1024;
const MAX_TEXT = 50 * 1024 * 1024;
const FIRST_LINES = 40;
const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const TOO_LONG = new Error('record too long'); // from the feed; readRows turns it into an InputError
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
  // Lone CRs (old Mac files) cost csv-parse a third test per byte: only look for them when the sample has one.
  const recordDelimiters = /\r(?!\n)/.test(fromHeader) ? ['\r\n', '\n', '\r'] : ['\r\n', '\n'];
  const header = readHeader(Buffer.from(fromHeader, 'utf8'), file, headerLine, delimiter, recordDelimiters);
  // Where the header starts in the file: the sample decoded cleanly, so lengths map back exactly.
  const before = sampleText.slice(0, at);
  const rawStart = bodyStart + (encoding === 'utf-8' ? Buffer.byteLength(before) : before.length * (encoding === 'windows-1252' ? 1 : 2));

  const firstLines = stripBom(sampleText).split(/\r\n|\n|\r/);
  if (!whole && firstLines.length <= FIRST_LINES) firstLines.pop(); // cut by the sample's end
  const warnings = [...meta.warnings];
  const reportBadUtf8 = (line: number, column?: string): void => {
    if (!warnings.some((w) => w.message === BAD_UTF8)) warnings.push({ file, line, column, message: BAD_UTF8 });
  };
  const pass: Pass = { path, file, encoding, rawStart, headerLine, delimiter, recordDelimiters, header, reportBadUtf8 };
  return {
    probe: { file, header, firstLines: firstLines.slice(0, FIRST_LINES) },
    encoding,
    bom,
    delimiter,
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
  recordDelimiters: string[];
  header: string[];
  reportBadUtf8: (line: number, column?: string) => void;
}

async function* readRows(p: Pass): AsyncGenerator<CsvRow> {
  const width = p.header.length;
  const tracker = new LineTracker(p.headerLine);
  const check = p.encoding === 'utf-8' ? new Utf8Check() : undefined;
  let lastEnd = 0; // offset just past the last record csv-parse emitted
  let isHeader = true;
  const toRecordStart = (): number => {
    tracker.advance(lastEnd);
    tracker.skipLineBreaks();
    return tracker.line;
  };
  const options = { delimiter: p.delimiter, record_delimiter: p.recordDelimiters, relax_column_count: true };
  const parser = new RowParser(options, (cells, end) => {
    const line = toRecordStart();
    lastEnd = end;
    if (check && check.badFrom < end) {
      // csv-parse decoded the bad bytes as U+FFFD: the first record from that chunk on with one has them.
      const i = cells.findIndex((c) => c.includes('\uFFFD'));
      if (i >= 0) p.reportBadUtf8(line, p.header[i]);
      if (i >= 0) check.badFrom = Infinity;
    }
    if (isHeader) {
      isHeader = false; // csv-parse reads the header again
      return null;
    }
    let n = cells.length;
    while (n > width && isBlank(cells[n - 1] as string)) n--;
    if (n < cells.length) cells.length = n;
    return cells.every(isBlank) ? null : { line, cells };
  });
  const input = createReadStream(p.path, { start: p.rawStart, highWaterMark: CHUNK });
  pipeline(input, new Utf8Feed(p.encoding, tracker, check), parser, () => {}); // errors reach us through the parser
  try {
    for await (const row of parser as AsyncIterable<CsvRow>) {
      // A short row is a cut-off file or another table pasted in: never half-read it.
      if (row.cells.length < width) {
        throw new InputError(
          { file: p.file, line: row.line },
          `expected ${width} cells as in the header, found ${row.cells.length}; the file may be cut off or mix two exports`,
        );
      }
      yield row;
    }
  } catch (err) {
    if (!(err instanceof CsvError) && err !== TOO_LONG) throw fileError(err, p.file);
    toRecordStart();
    const bytes = tracker.rest();
    const lines = new LineCounter(bytes);
    lines.line = tracker.line;
    const why = err instanceof CsvError ? err : new CsvError('CSV_MAX_RECORD_SIZE', 'too long', undefined, { column: openCell(bytes, p.delimiter) });
    throw translateParseError(why, p.file, bytes, lines, p.delimiter, p.header);
  } finally {
    parser.destroy();
    input.destroy();
    if (!input.closed) await new Promise<void>((resolve) => input.once('close', () => resolve()));
  }
}

/**
 * csv-parse's stream parser, handing each record and the byte offset where it ends (`info.bytes`, set
 * just before the push) to `rowOf`, which returns the row to pass on, or null to drop it.
 * Cheaper than `on_record`, which builds two context objects per record.
 */
class RowParser extends Parser {
  constructor(
    options: CsvParse.Options,
    private readonly rowOf: (cells: string[], end: number) => CsvRow | null,
  ) {
    super(options);
  }
  override push(chunk: unknown, encoding?: BufferEncoding): boolean {
    if (chunk === null) return super.push(null, encoding);
    const row = this.rowOf(chunk as string[], this.info.bytes);
    return row === null || super.push(row);
  }
}

/** Turns the file's bytes into UTF-8 for csv-parse, and shows every chunk to the line tracker first. */
class Utf8Feed extends Transform {
  private readonly decoder;
  constructor(
    encoding: CsvEncoding,
    private readonly tracker: LineTracker,
    private readonly check: Utf8Check | undefined,
  ) {
    super();
    this.decoder = encoding === 'utf-8' ? undefined : iconv.getDecoder(iconvName(encoding));
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.check?.add(chunk);
    this.send(this.decoder ? Buffer.from(this.decoder.write(chunk), 'utf8') : chunk);
    done(this.tracker.kept > MAX_RECORD ? TOO_LONG : null);
  }
  override _flush(done: TransformCallback): void {
    this.check?.end();
    this.send(Buffer.from(this.decoder?.end() ?? '', 'utf8'));
    done();
  }
  private send(buf: Buffer): void {
    if (buf.length === 0) return;
    this.tracker.push(buf);
    this.push(buf);
  }
}

/** Index of the cell still open at the end of `b`, which starts a record: delimiters counted outside quotes. */
function openCell(b: Uint8Array, delimiter: Delimiter): number {
  const d = delimiter.charCodeAt(0);
  let cell = 0;
  let quoted = false;
  for (const c of b) {
    if (c === QUOTE) quoted = !quoted;
    else if (!quoted && c === d) cell++;
    else if (!quoted && (c === LF || c === CR)) break;
  }
  return cell;
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
function readHeader(bytes: Buffer, file: string, line: number, delimiter: Delimiter, recordDelimiters: string[]): string[] {
  let cells: string[];
  try {
    const records = parseHeader(bytes, { delimiter, record_delimiter: recordDelimiters, relax_column_count: true, to: 1 }) as string[][];
    cells = (records[0] ?? []).map(stripBom);
  } catch (err) {
    if (!(err instanceof HeaderCsvError)) throw err;
    const lines = new LineCounter(bytes);
    lines.line = line;
    throw translateParseError(err, file, bytes, lines, delimiter, undefined);
  }
  let width = cells.length;
  while (width > 0 && isBlank(cells[width - 1] as string)) width--;
  return cells.slice(0, width);
}
