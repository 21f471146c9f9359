/**
 * shopflow's CSV tokenizer: the one reader of CSV text in the tool. Whole files (read.ts) and streams
 * (stream.ts) push decoded text in and get records (cells, the physical line each starts on, its
 * text) out; the splice (spans.ts) and report files (text-records.ts) walk a whole text one record
 * at a time (`whole`, `step`, `seek`). It reads what csv-parse reads with `relax_column_count` and
 * our record delimiters, cell for cell, except for the inch-mark rule below, and fails where
 * csv-parse fails (test/csv-tokenizer.test.ts compares the two on generated and random input). It
 * replaced csv-parse because csv-parse cost as much as the rest of a million-row import.
 *
 * The inch-mark rule: a quote inside a cell that does not start with one (`12" ruler`,
 * `37°36'37.8"N`) is a character of the cell, as Excel, Google Sheets and Python's csv module read
 * it; the first such cell is kept in `literalQuote` for a warning. A quoted cell with text after its
 * closing quote (`"b"x`) is an error.
 *
 * Why it is fast: it works on strings, not bytes, and lets V8's native searches do the scanning.
 * - A line without a quote (most lines of an export) is one `indexOf` for its end and one native
 *   `split` for its cells.
 * - A line with quotes is walked cell by cell with `indexOf`; only a quoted cell with doubled quotes
 *   ("") is built from pieces.
 * - The next quote and the next CR are looked up once and kept until passed, so a chunk without
 *   them is searched once, not once per line.
 * - A record cut by the end of a chunk waits for more text; it is tried again only once the text
 *   waiting has doubled, so a huge quoted cell (a quote left open) costs linear, not quadratic, time.
 *
 * Lines: LF, CRLF and lone CR each end one physical line, wherever they are (a lone CR inside a cell
 * too), as read.ts has always counted them. With `loneCr` a lone CR also ends a record.
 */

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

export type CsvSyntax = 'quote-not-closed' | 'closing-quote' | 'too-long';

/** A record that is not CSV: where (the 1-based line the cell starts on, its 0-based index) and why. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly syntax: CsvSyntax,
    readonly line: number,
    readonly field: number,
  ) {
    super(`CSV syntax: ${syntax} at line ${line}, field ${field}`);
  }
}

export interface TokenizerOptions {
  delimiter: string;
  /** A CR not followed by LF ends a record (old Mac files). Else it is a character of its cell. */
  loneCr: boolean;
  /** The physical line the first record starts on. */
  line: number;
  /** Characters a record may reach before it is refused as a quote left open. */
  maxRecord: number;
}

/** A record: its cells, the line it starts on, and its text without its record delimiter. */
export type EmitRecord = (cells: string[], line: number, raw: string) => void;

/** Not a complete record yet: more text is needed. */
const MORE = -1;

export class CsvTokenizer {
  private text = '';
  private pos = 0;
  /** The line the record at `pos` starts on. */
  private line: number;
  /** Index of the next quote / CR at or after pos (text.length: none), or -1: not looked up. */
  private nextQuote = -1;
  private nextCr = -1;
  /** Length of the text from `pos` at the last failed try to finish its record (0: none). */
  private waiting = 0;
  private readonly delim: string;
  private readonly delimCode: number;
  // Set by record(): the cells of the record found and the lines it spans beyond its first.
  private cells: string[] = [];
  private raw = '';
  private spanned = 0;
  /** Of `spanned`, the lines before the record's first character that is not a lone CR. */
  private lead = 0;
  private inch: { line: number; field: number; count: number } | undefined;

  constructor(private readonly o: TokenizerOptions) {
    if (o.delimiter.length !== 1 || o.delimiter === '"' || o.delimiter === '\n' || o.delimiter === '\r') {
      throw new Error(`unsupported CSV delimiter ${JSON.stringify(o.delimiter)}`);
    }
    this.delim = o.delimiter;
    this.delimCode = o.delimiter.charCodeAt(0);
    this.line = o.line;
  }

  /** Adds decoded text and emits every record it completes. */
  push(chunk: string, emit: EmitRecord): void {
    if (chunk.length === 0) return;
    const { pos } = this;
    const oldEnd = this.text.length;
    this.text = pos < oldEnd ? this.text.slice(pos) + chunk : chunk;
    // Indexes move with the text; "none found" (the old end) no longer holds with more text.
    this.nextQuote = this.nextQuote >= pos && this.nextQuote < oldEnd ? this.nextQuote - pos : -1;
    this.nextCr = this.nextCr >= pos && this.nextCr < oldEnd ? this.nextCr - pos : -1;
    this.pos = 0;
    // A record already found incomplete is tried again once the text waiting has doubled (or has
    // passed the limit: then run() refuses it if it is still not complete).
    if (this.waiting > 0 && this.text.length < 2 * this.waiting && this.text.length <= this.o.maxRecord) return;
    this.waiting = 0;
    this.run(emit, false);
  }

  /** The input has ended: emits the last record (one without a final line break). */
  end(emit: EmitRecord): void {
    this.run(emit, true);
    this.text = '';
    this.pos = 0;
  }

  private run(emit: EmitRecord, final: boolean): void {
    const text = this.text;
    const n = text.length;
    while (this.pos < n) {
      const start = this.pos;
      const end = this.record(start, final);
      if (end === MORE) {
        if (n - start > this.o.maxRecord) this.tooLong();
        this.waiting = n - start;
        return;
      }
      emit(this.cells, this.line + this.lead, this.raw);
      this.line += 1 + this.spanned;
      this.pos = end;
    }
  }

  /**
   * Reads the record starting at `start`: sets `cells` and `spanned` and returns the index just past
   * its record delimiter, or MORE.
   */
  private record(start: number, final: boolean): number {
    const text = this.text;
    const n = text.length;
    let lf = text.indexOf('\n', start);
    if (lf === -1) lf = n;
    if (this.nextQuote < start) this.nextQuote = indexOr(text, '"', start, n);
    if (this.nextCr < start) this.nextCr = indexOr(text, '\r', start, n);
    if (lf === n && !final) return MORE;
    // The common line: no quote and no CR before its LF (a CRLF's CR is just before it).
    if (this.nextQuote >= lf && this.nextCr >= lf - 1) {
      let cut = lf;
      if (this.nextCr === lf - 1) {
        if (lf === n && !final) return MORE; // CR at the end of the text: CRLF's first half, or a lone CR
        if (lf < n || this.o.loneCr) cut = lf - 1;
      }
      this.raw = text.slice(start, cut);
      this.cells = this.raw.split(this.delim);
      this.spanned = this.lead = 0;
      return lf === n ? n : lf + 1;
    }
    return this.slowRecord(start, lf, final);
  }

  /** A record with a quote or a CR in it, walked cell by cell. */
  private slowRecord(start: number, lf: number, final: boolean): number {
    const text = this.text;
    const n = text.length;
    const delimCode = this.delimCode;
    const cells: string[] = [];
    let spanned = 0;
    // Lone CRs that start a record (not record ends here) are its text, but read.ts's line count
    // passes them as blank lines before the record: so do we, for the line we give.
    for (let k = start; !this.o.loneCr && text.charCodeAt(k) === CR; k++) {
      if (k + 1 === n ? !final : text.charCodeAt(k + 1) === LF) break;
      spanned++;
    }
    const lead = spanned;
    let i = start;
    let contentEnd = start; // where the last cell read ends
    // Cells with an inch mark, counted only once the record is complete (a record may be tried twice).
    let inches = 0;
    let inchLine = 0;
    let inchField = 0;
    // The next LF, quote and CR at or after the cell being read (n: none), looked up when passed.
    let quote = this.nextQuote;
    let cr = lead > 0 ? indexOr(text, '\r', start + lead, n) : this.nextCr;
    for (;;) {
      const field = cells.length;
      const fieldLine = this.line + spanned;
      if (text.charCodeAt(i) === QUOTE) {
        // A quoted cell: runs to a quote not followed by another quote.
        let value = '';
        let from = i + 1;
        let q: number;
        for (;;) {
          q = text.indexOf('"', from);
          if (q === -1) {
            if (!final) return MORE;
            throw new CsvSyntaxError('quote-not-closed', fieldLine, field);
          }
          if (q + 1 === n && !final) return MORE; // a doubled quote may be cut in two
          if (text.charCodeAt(q + 1) !== QUOTE) break;
          value += text.slice(from, q + 1);
          from = q + 2;
        }
        value = value === '' ? text.slice(from, q) : value + text.slice(from, q);
        // Line breaks inside the cell, counted from the next LF and CR (kept for the cells after it:
        // no part of the text is searched twice, whole files included).
        if (lf <= i) lf = indexOr(text, '\n', i + 1, n);
        if (cr <= i) cr = indexOr(text, '\r', i + 1, n);
        for (; lf < q; lf = indexOr(text, '\n', lf + 1, n)) spanned++;
        for (; cr < q; cr = indexOr(text, '\r', cr + 1, n)) if (text.charCodeAt(cr + 1) !== LF) spanned++;
        cells.push(value);
        i = q + 1;
        contentEnd = i;
        const c = text.charCodeAt(i);
        if (c === delimCode) {
          i++;
          continue;
        }
        if (i === n) break; // the last record, without a final line break (final is set: see above)
        if (c === LF) {
          i++;
          break;
        }
        if (c === CR) {
          if (i + 1 === n) {
            if (!final) return MORE;
            if (this.o.loneCr) {
              i++;
              break;
            }
          } else if (text.charCodeAt(i + 1) === LF) {
            i += 2;
            break;
          } else if (this.o.loneCr) {
            i++;
            break;
          }
        }
        throw new CsvSyntaxError('closing-quote', this.line + spanned, field);
      }
      // An unquoted cell: runs to the delimiter or the end of the record.
      if (lf < i) lf = indexOr(text, '\n', i, n);
      if (quote < i) quote = indexOr(text, '"', i, n);
      if (cr < i) cr = indexOr(text, '\r', i, n);
      let stop = indexOr(text, this.delim, i, n);
      let end = -1; // index past the record delimiter, when the cell ends the record
      if (lf < stop) {
        stop = lf;
        end = lf + 1;
      }
      while (cr < stop) {
        if (cr + 1 === n) {
          // The last character of the text (stop is n): CRLF's first half, or a lone CR.
          if (!final) return MORE;
          if (this.o.loneCr) {
            stop = cr;
            end = n;
          } else spanned++;
          break;
        }
        if (text.charCodeAt(cr + 1) === LF) {
          stop = cr; // the LF is `lf`
          end = cr + 2;
          break;
        }
        if (this.o.loneCr) {
          stop = cr;
          end = cr + 1;
          break;
        }
        spanned++; // a lone CR inside the cell: a line of its own
        cr = indexOr(text, '\r', cr + 1, n);
      }
      if (quote < stop && inches++ === 0) [inchLine, inchField] = [fieldLine, field];
      cells.push(text.slice(i, stop));
      contentEnd = stop;
      if (end !== -1) {
        i = end;
        break;
      }
      if (stop === n) {
        if (!final) return MORE;
        i = n;
        break;
      }
      i = stop + 1; // past the delimiter
    }
    this.cells = cells;
    this.raw = text.slice(start, contentEnd);
    this.spanned = spanned;
    this.lead = lead;
    if (inches > 0) this.inchMarks(inchLine, inchField, inches);
    this.nextQuote = quote;
    this.nextCr = cr;
    return i;
  }

  /**
   * Whole-text mode: `text` is all the input, read one record per `step`, so that a reader can look
   * at each record's place before the next (report files skip `#` lines, resume after a broken record).
   */
  static whole(text: string, o: Omit<TokenizerOptions, 'maxRecord'>): CsvTokenizer {
    const t = new CsvTokenizer({ ...o, maxRecord: Infinity });
    t.text = text;
    return t;
  }

  /** Whole-text mode: where the next record starts (index into the text), and its line. */
  get offset(): number {
    return this.pos;
  }
  get nextLine(): number {
    return this.line;
  }

  /** Whole-text mode: emits the record at `offset` and moves past it; false at the end of the text. */
  step(emit: EmitRecord): boolean {
    if (this.pos >= this.text.length) return false;
    const end = this.record(this.pos, true);
    emit(this.cells, this.line + this.lead, this.raw);
    this.line += 1 + this.spanned;
    this.pos = end;
    return true;
  }

  /** Whole-text mode: the next record starts at `offset`, on `line` (the caller passed some text by itself). */
  seek(offset: number, line: number): void {
    this.pos = offset;
    this.line = line;
    this.nextQuote = this.nextCr = -1;
  }

  /** The first cell with a quote inside it that does not start with one (read literally), and how many such cells. */
  get literalQuote(): { line: number; field: number; count: number } | undefined {
    return this.inch;
  }

  private inchMarks(line: number, field: number, count: number): void {
    if (this.inch) this.inch.count += count;
    else this.inch = { line, field, count };
  }

  private tooLong(): never {
    throw new CsvSyntaxError('too-long', this.line, openCell(this.text, this.pos, this.delimCode));
  }
}

function indexOr(text: string, ch: string, from: number, none: number): number {
  const i = text.indexOf(ch, from);
  return i === -1 ? none : i;
}

/** Index of the cell still open at the end of the text from `from`: delimiters counted outside quoted cells. */
function openCell(text: string, from: number, delimCode: number): number {
  let cell = 0;
  let quoted = false;
  let cellStart = true; // only a quote that starts a cell opens one (the inch-mark rule)
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quoted) {
      if (c === QUOTE && text.charCodeAt(i + 1) === QUOTE) i++;
      else if (c === QUOTE) quoted = false;
    } else if (c === delimCode) {
      cell++;
      cellStart = true;
      continue;
    } else if (c === LF || c === CR) break;
    else if (c === QUOTE && cellStart) quoted = true;
    cellStart = false;
  }
  return cell;
}
