/**
 * Reading large CSV exports (up to a million rows, hundreds of MB) as a stream, never whole.
 *
 * Decisions:
 * - The encoding is decided once, from the first 1 MiB, by read.ts's rules (`decodeCsvBytes`: BOMs,
 *   binary and empty refusal, Windows-1252 fallback). Invalid UTF-8 met later in a UTF-8 file is not
 *   a reason to re-read the file: it is shown as U+FFFD and reported once, naming its line.
 * - Blank lines, lines holding only delimiters (Excel's `,,,,`) and lines starting with `#` (the
 *   GA4 preamble) before the header are skipped. After the header nothing is skipped as a comment:
 *   Shopify order names (`#1001`) start with `#`.
 * - csv-parse reads UTF-8 bytes (other encodings are transcoded on the way in), so its byte offsets
 *   and our line count speak of the same bytes. As in read.ts, start lines come from our own count
 *   of the bytes (CRLF, LF and lone CR end one line each), not from csv-parse's `info.lines`.
 *   The chunks are kept only from the start of the record being read, so an error can still be
 *   placed and explained; a record may not exceed MAX_RECORD bytes (a quote left open would
 *   otherwise swallow the whole file into memory).
 * - Cell counts are not checked here: adapters decide what a short or long row means. Only trailing
 *   empty cells beyond the header are dropped, and rows whose cells are all empty are skipped.
 * - Each rows() call is its own pass over the file; stopping early closes the file.
 */
import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import { pipeline, type Readable, type TransformCallback } from 'node:stream';
import { createRequire } from 'node:module';
import type * as CsvParse from 'csv-parse';
import { CsvError as HeaderCsvError, parse as parseHeader } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { InputError, UserError, type InputWarning } from '../errors.js';
import type { Probe } from '../import/types.js';
import { decodeCsvBytes, EMPTY, FILE_ERRORS, isBlank, LineCounter, scanHeaderLine, stripBom, translateParseError } from './read.js';
import type { CsvEncoding, CsvRow, CsvTable } from './types.js';

// The rows go through csv-parse's CommonJS build, a copy of the code that read.ts and the header
// (ES module build) never run: V8 optimises csv-parse's big parse loop for the first inputs it
// sees, and a small parse run first (a header, a products file) made streaming ~10% slower.
const { CsvError, Parser } = createRequire(import.meta.url)('csv-parse') as typeof CsvParse;

export interface CsvStream {
  /** The header (first line that is not blank or a `#` comment) and the first 40 lines of text. */
  probe: Probe;
  encoding: CsvEncoding;
  bom: boolean;
  delimiter: CsvTable['delimiter'];
  /** Grows while rows() runs (invalid UTF-8 found late): read it after iterating. */
  warnings: InputWarning[];
  /** Data rows after the header, each with the 1-based line it starts on. */
  rows(): AsyncIterable<CsvRow>;
  /** The whole decoded text, BOM stripped, for small files with a preamble or several tables. */
  text(): Promise<string>;
}

const SAMPLE = 1024 * 1024;
const CHUNK = 64 * 1024;
const MAX_RECORD = 16 * 1024 * 1024;
const MAX_TEXT = 50 * 1024 * 1024;
const FIRST_LINES = 40;
const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
/** Raised by the feed when a record outgrows MAX_RECORD; turned into an InputError by readRows. */
const TOO_LONG = new Error('record too long');
const BAD_UTF8 = 'from this line on, some bytes are not valid UTF-8; they were replaced with "\uFFFD" — check accented characters';
const ONLY_DELIMITERS = /^[\s,;]*$/; // \s covers TAB and U+FEFF

export async function openCsvStream(path: string, displayName = path): Promise<CsvStream> {
  const file = displayName;
  const { sample, whole } = await readSample(path, file);
  const meta = decodeCsvBytes(sample, file); // the encoding rules, binary and empty refusal
  const { encoding, bom } = meta;
  const bodyStart = !bom ? 0 : encoding.startsWith('utf-16') ? 2 : 3;
  const sampleText = decodeText(sample.subarray(bodyStart), encoding);

  // Find the header: skip blank, delimiter-only and `#` lines, counting lines as we go.
  const breaks = /\r\n|\n|\r/g;
  let at = 0;
  let headerLine = 1;
  for (;;) {
    const m = breaks.exec(sampleText);
    const line = sampleText.slice(at, m ? m.index : undefined);
    if (!ONLY_DELIMITERS.test(line) && !stripBom(line).startsWith('#')) break;
    if (!m) throw new InputError({ file }, whole ? EMPTY : 'no header row in the first 1 MB, only blank lines and # comments');
    at = m.index + m[0].length;
    headerLine++;
  }
  const rawStart = bodyStart + rawLength(sampleText.slice(0, at), encoding);
  const fromHeader = sampleText.slice(at);
  const { delimiter } = scanHeaderLine(fromHeader);
  // Lone CRs (old Mac files) cost csv-parse a third test per byte: only look for them when the sample has one.
  const recordDelimiters = /\r(?!\n)/.test(fromHeader) ? ['\r\n', '\n', '\r'] : ['\r\n', '\n'];
  const header = readHeader(Buffer.from(fromHeader, 'utf8'), file, headerLine, delimiter, recordDelimiters);

  const firstLines = stripBom(sampleText).split(/\r\n|\n|\r/);
  if (!whole && firstLines.length <= FIRST_LINES) firstLines.pop(); // cut by the sample's end
  const warnings = [...meta.warnings];
  let badUtf8Reported = false;
  const reportBadUtf8 = (line: number): void => {
    if (!badUtf8Reported) warnings.push({ file, line, message: BAD_UTF8 });
    badUtf8Reported = true;
  };

  return {
    probe: { file, header, firstLines: firstLines.slice(0, FIRST_LINES) },
    encoding,
    bom,
    delimiter,
    warnings,
    rows: () => readRows({ path, file, encoding, rawStart, headerLine, delimiter, header, recordDelimiters, reportBadUtf8 }),
    async text() {
      const size = (await stat(path)).size;
      if (size > MAX_TEXT) {
        throw new UserError(`${file}: this file is too large to be read in one piece (${(size / 1e6).toFixed(0)} MB, the limit is 50 MB)`);
      }
      const body = (await readFile(path)).subarray(bodyStart);
      if (encoding === 'utf-8' && !isUtf8(body)) {
        const lines = new LineCounter(body);
        lines.advance(firstInvalidUtf8(body));
        reportBadUtf8(lines.line);
      }
      return stripBom(decodeText(body, encoding));
    },
  };
}

interface Pass {
  path: string;
  file: string;
  encoding: CsvEncoding;
  rawStart: number;
  headerLine: number;
  delimiter: CsvTable['delimiter'];
  header: string[];
  recordDelimiters: string[];
  reportBadUtf8: (line: number) => void;
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
  const parser = new RowParser(options, p.encoding, tracker, check, (cells, end) => {
    const line = toRecordStart();
    if (check && check.firstBad >= 0 && check.firstBad < end) {
      tracker.advance(check.firstBad);
      p.reportBadUtf8(tracker.line);
      check.firstBad = Infinity;
    }
    lastEnd = end;
    if (isHeader) {
      isHeader = false;
      return null;
    }
    let n = cells.length;
    while (n > width && isBlank(cells[n - 1] as string)) n--;
    if (n < cells.length) cells.length = n;
    return cells.every(isBlank) ? null : { line, cells };
  });
  const input = createReadStream(p.path, { start: p.rawStart, highWaterMark: CHUNK });
  pipeline(input, parser, () => {}); // errors reach us through the parser
  try {
    for await (const row of parser as AsyncIterable<CsvRow>) yield row;
  } catch (err) {
    if (err instanceof CsvError || err === TOO_LONG) {
      toRecordStart();
      const bytes = tracker.rest();
      const lines = new LineCounter(bytes);
      lines.line = tracker.line;
      const why = err === TOO_LONG ? new CsvError('CSV_MAX_RECORD_SIZE', 'record too long', undefined, { column: openField(bytes, p.delimiter) }) : (err as CsvParse.CsvError);
      throw translateParseError(why, p.file, bytes, lines, p.delimiter, p.header);
    }
    const reason = FILE_ERRORS[(err as NodeJS.ErrnoException).code ?? ''];
    throw reason ? new InputError({ file: p.file }, reason) : err;
  } finally {
    parser.destroy();
    input.destroy();
    await closed(input);
  }
}

/**
 * csv-parse's stream parser, extended at both ends (one stream, not two: a second Transform in the
 * pipe cost more than all the work below):
 * - in: each chunk is decoded to UTF-8 when needed, checked, and shown to the line tracker before
 *   csv-parse reads it; a record outgrowing MAX_RECORD stops the pass;
 * - out: each record and the byte offset where it ends (`info.bytes`, set just before the push) go
 *   to `rowOf`, which returns the row to pass on or null. Cheaper than `on_record`, which builds
 *   two context objects per record.
 */
class RowParser extends Parser {
  private readonly decoder;
  constructor(
    options: CsvParse.Options,
    encoding: CsvEncoding,
    private readonly tracker: LineTracker,
    private readonly check: Utf8Check | undefined,
    private readonly rowOf: (cells: string[], end: number) => CsvRow | null,
  ) {
    super(options);
    this.decoder = encoding === 'utf-8' ? undefined : iconv.getDecoder(iconvName(encoding));
  }
  override _transform(chunk: Buffer, enc: BufferEncoding, done: TransformCallback): void {
    this.check?.add(chunk);
    const utf8 = this.decoder ? Buffer.from(this.decoder.write(chunk), 'utf8') : chunk;
    this.tracker.push(utf8);
    if (this.tracker.kept > MAX_RECORD) done(TOO_LONG);
    else super._transform(utf8, enc, done);
  }
  override _flush(done: TransformCallback): void {
    this.check?.end();
    const rest = this.decoder?.end();
    if (!rest) return super._flush(done);
    const utf8 = Buffer.from(rest, 'utf8');
    this.tracker.push(utf8);
    super._transform(utf8, 'utf8', (err) => (err ? done(err) : super._flush(done)));
  }
  override push(chunk: unknown, encoding?: BufferEncoding): boolean {
    if (chunk === null) return super.push(null, encoding);
    const row = this.rowOf(chunk as string[], this.info.bytes);
    return row === null || super.push(row);
  }
}

/** Index of the cell still open at the end of `b` (the start of a record): cells counted outside quotes. */
function openField(b: Uint8Array, delimiter: string): number {
  const d = delimiter.charCodeAt(0);
  let field = 0;
  let quoted = false;
  for (const c of b) {
    if (c === QUOTE) quoted = !quoted;
    else if (!quoted && c === d) field++;
    else if (!quoted && (c === LF || c === CR)) break;
  }
  return field;
}

/**
 * Physical line numbers over a stream of chunks. It keeps the chunks from its position on, so
 * callers advance it to each record's start; CRLF, LF and lone CR each end one line.
 */
class LineTracker {
  private chunks: Buffer[] = [];
  private base = 0; // offset of chunks[0]
  private end = 0; // offset just past the last chunk
  private nextLf = -1;
  private nextCr = -1;
  pos = 0;
  constructor(public line: number) {}

  /** Bytes kept: those of the records not yet passed, and of the chunk csv-parse is about to read. */
  get kept(): number {
    return this.end - this.pos;
  }

  push(buf: Buffer): void {
    this.chunks.push(buf);
    this.end += buf.length;
  }

  advance(to: number): void {
    while (this.pos < to && this.chunks.length > 0) {
      const c = this.chunks[0] as Buffer;
      const from = this.pos - this.base;
      const stop = Math.min(to - this.base, c.length);
      let n = 0;
      // nextLf/nextCr: the first LF/CR at or after `from` (c.length: none), kept between calls so
      // that a chunk with no CR is searched once, not once per record.
      let i = this.nextLf >= from ? this.nextLf : find(c, LF, from);
      for (; i < stop; i = find(c, LF, i + 1)) n++;
      this.nextLf = i;
      let j = this.nextCr >= from ? this.nextCr : find(c, CR, from);
      for (; j < stop; j = find(c, CR, j + 1)) if ((j + 1 < c.length ? c[j + 1] : this.chunks[1]?.[0]) !== LF) n++;
      this.nextCr = j;
      this.line += n;
      this.pos = this.base + stop;
      if (stop === c.length) {
        this.chunks.shift();
        this.base += c.length;
        this.nextLf = this.nextCr = -1;
      }
    }
  }

  skipLineBreaks(): void {
    for (let b = this.byteAt(this.pos); b === LF || b === CR; b = this.byteAt(this.pos)) this.advance(this.pos + 1);
  }

  /** The bytes kept, from the position on. */
  rest(): Buffer {
    return Buffer.concat(this.chunks).subarray(this.pos - this.base);
  }

  private byteAt(offset: number): number | undefined {
    let at = offset - this.base;
    for (const c of this.chunks) {
      if (at < c.length) return c[at];
      at -= c.length;
    }
    return undefined;
  }
}

/** Index of the first `byte` in `b` at or after `from`, or b.length. */
function find(b: Buffer, byte: number, from: number): number {
  const i = b.indexOf(byte, from);
  return i === -1 ? b.length : i;
}

/** Finds the first invalid UTF-8 byte of a stream, chunk by chunk (sequences may span two chunks). */
class Utf8Check {
  firstBad = -1;
  private offset = 0;
  private carry: Buffer | undefined;
  add(chunk: Buffer): void {
    const base = this.offset - (this.carry?.length ?? 0);
    this.offset += chunk.length;
    if (this.firstBad !== -1) return;
    const buf = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    const body = buf.subarray(0, buf.length - incompleteTail(buf));
    this.carry = body.length < buf.length ? buf.subarray(body.length) : undefined;
    if (!isUtf8(body)) this.firstBad = base + firstInvalidUtf8(body);
  }
  end(): void {
    if (this.firstBad === -1 && this.carry) this.firstBad = this.offset - this.carry.length;
  }
}

/** Bytes at the end of `b` that start a multi-byte sequence the chunk does not finish. */
function incompleteTail(b: Uint8Array): number {
  for (let k = 1; k <= Math.min(3, b.length); k++) {
    const c = b[b.length - k] as number;
    if ((c & 0xc0) === 0x80) continue;
    const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    return need > k ? k : 0;
  }
  return 0;
}

/** Offset of the first byte that is not valid UTF-8 (slow; only run once isUtf8 said no). */
function firstInvalidUtf8(b: Uint8Array): number {
  for (let i = 0; i < b.length; ) {
    const c = b[i] as number;
    if (c < 0x80) {
      i++;
      continue;
    }
    const n = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : 0;
    if (n === 0 || i + n >= b.length) return i;
    const lo = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80;
    const hi = c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf;
    const second = b[i + 1] as number;
    if (second < lo || second > hi) return i;
    for (let k = 2; k <= n; k++) if (((b[i + k] as number) & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return 0;
}

async function readSample(path: string, file: string): Promise<{ sample: Buffer; whole: boolean }> {
  let fh;
  try {
    fh = await open(path, 'r');
    const buf = Buffer.alloc(SAMPLE + 1); // one byte more tells whether the sample is the whole file
    let n = 0;
    for (let r = 1; r > 0 && n < buf.length; n += r) r = (await fh.read(buf, n, buf.length - n, n)).bytesRead;
    if (n <= SAMPLE) return { sample: buf.subarray(0, n), whole: true };
    let sample = buf.subarray(0, SAMPLE);
    const utf16 = (sample[0] === 0xff && sample[1] === 0xfe) || (sample[0] === 0xfe && sample[1] === 0xff);
    if (!utf16) sample = sample.subarray(0, SAMPLE - incompleteTail(sample)); // SAMPLE is even, as UTF-16 needs
    return { sample, whole: false };
  } catch (err) {
    const reason = FILE_ERRORS[(err as NodeJS.ErrnoException).code ?? ''];
    throw reason ? new InputError({ file }, reason) : err;
  } finally {
    await fh?.close();
  }
}

function decodeText(bytes: Buffer, encoding: CsvEncoding): string {
  return encoding === 'utf-8' ? bytes.toString('utf8') : iconv.decode(bytes, iconvName(encoding));
}

function iconvName(encoding: CsvEncoding): string {
  return encoding === 'windows-1252' ? 'windows1252' : encoding.replace('-', '');
}

/** The length in the file's own encoding of text decoded from it (valid text: the sample decoded cleanly). */
function rawLength(text: string, encoding: CsvEncoding): number {
  if (encoding === 'utf-8') return Buffer.byteLength(text, 'utf8');
  return encoding === 'windows-1252' ? text.length : text.length * 2;
}

/** Parses the header record alone; its empty trailing cells (Excel's `,,,,`) are dropped. */
function readHeader(bytes: Buffer, file: string, line: number, delimiter: CsvTable['delimiter'], recordDelimiters: string[]): string[] {
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

function closed(s: Readable): Promise<void> {
  return s.closed ? Promise.resolve() : new Promise((resolve) => s.once('close', () => resolve()));
}
