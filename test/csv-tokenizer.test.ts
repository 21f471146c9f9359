// The tokenizer against csv-parse, the reader read.ts used: on generated valid CSV and on random
// soups of quotes, delimiters and line breaks, both must give the same records with the same start
// lines, or fail with the same message (line and column). Every reader of CSV text is checked on
// the same inputs: the stream's push mode fed in random pieces, the whole-file reader (read.ts), the
// splice's span mode (spans.ts) and the report files' records (text-records.ts).
//
// The inch-mark rule is modelled here, not taken from csv-parse's `relax_quotes`: that option reads
// a quote inside an unquoted cell literally, as we do, but it also accepts text after a closing quote
// (`"b"x` → `"b"x`), which we refuse. So the reference runs csv-parse strictly, and each time it
// refuses an opening quote (a quote inside an unquoted cell) that quote is replaced by a byte the
// inputs never hold (\x01, one byte like the quote, so offsets and lines stay) and csv-parse runs
// again; the byte is turned back into a quote in the cells.
import { CsvError, parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { isBlank, splitRecords, syntaxError } from '../src/core/csv/read.js';
import { csvSpans } from '../src/core/csv/spans.js';
import { readTextRecords } from '../src/core/csv/text-records.js';
import { CsvSyntaxError, CsvTokenizer } from '../src/core/csv/tokenizer.js';
import type { CsvRow } from '../src/core/csv/types.js';
import { inchMarkAt, LineCounter, translateParseError } from './helpers/csv-parse-reference.js';

type Delimiter = ',' | ';' | '\t';
interface Outcome {
  records: { line: number; cells: string[] }[];
  error?: string;
}

const LITERAL = 0x01;

/** What read.ts makes of the text: csv-parse's records, start lines from its byte offsets, inch marks literal. */
function reference(text: string, delimiter: Delimiter, loneCr: boolean): Outcome {
  const bytes = Buffer.from(text, 'utf8');
  for (;;) {
    const r = csvParse(bytes, delimiter, loneCr);
    if (!('inchMark' in r)) return r;
    bytes[r.inchMark] = LITERAL;
  }
}

function csvParse(bytes: Buffer, delimiter: Delimiter, loneCr: boolean): Outcome | { inchMark: number } {
  const lines = new LineCounter(bytes);
  const records: Outcome['records'] = [];
  let lastEnd = 0;
  const literal = (cell: string): string => (cell.includes('\x01') ? cell.replace(/\x01/g, '"') : cell);
  try {
    parse(bytes, {
      delimiter,
      record_delimiter: loneCr ? ['\r\n', '\n', '\r'] : ['\r\n', '\n'],
      relax_column_count: true,
      on_record: (record: string[], context) => {
        lines.advance(lastEnd);
        lines.skipLineBreaks();
        lastEnd = context.bytes;
        records.push({ line: lines.line, cells: record.map(literal) });
        return null;
      },
    });
  } catch (err) {
    if (!(err instanceof CsvError)) throw err;
    lines.advance(lastEnd);
    lines.skipLineBreaks();
    if (err.code === 'INVALID_OPENING_QUOTE') return { inchMark: inchMarkAt(err, bytes, lines, delimiter) };
    return { records: nonBlank(records), error: translateParseError(err, 'f.csv', bytes, lines, delimiter, undefined).message };
  }
  return { records: nonBlank(records) };
}

/** The tokenizer fed the text in pieces cut at `cuts`. */
function tokenize(text: string, delimiter: Delimiter, loneCr: boolean, cuts: number[] = []): Outcome {
  const records: Outcome['records'] = [];
  const t = new CsvTokenizer({ delimiter, loneCr, line: 1, maxRecord: Infinity });
  const emit = (cells: string[], line: number, raw: string): void => {
    records.push({ line, cells });
    // A record's text, read alone, gives back its cells (it fingerprints them in sync import).
    const again: string[][] = raw === '' ? [['']] : []; // an empty line: one empty cell
    const alone = new CsvTokenizer({ delimiter, loneCr, line: 1, maxRecord: Infinity });
    alone.push(raw, (c) => void again.push(c));
    alone.end((c) => void again.push(c));
    if (JSON.stringify(again) !== JSON.stringify([cells])) records.push({ line: -1, cells: ['raw gives other cells:', raw, ...again.flat()] });
  };
  try {
    let at = 0;
    for (const cut of [...cuts, text.length]) {
      t.push(text.slice(at, cut), emit);
      at = cut;
    }
    t.end(emit);
  } catch (err) {
    if (!(err instanceof CsvSyntaxError)) throw err;
    return { records: nonBlank(records), error: syntaxError('f.csv', err.line, err.field, undefined, err.syntax).message };
  }
  return { records: nonBlank(records) };
}

const syntaxMessage = (err: unknown): string => {
  if (!(err instanceof CsvSyntaxError)) throw err;
  return syntaxError('f.csv', err.line, err.field, undefined, err.syntax).message;
};

/** The whole-file reader (read.ts): lone CR ends records. */
function wholeFile(text: string, delimiter: Delimiter): Outcome {
  const rows: CsvRow[] = [];
  try {
    splitRecords(text, delimiter, rows);
  } catch (err) {
    return { records: rows, error: syntaxMessage(err) };
  }
  return { records: rows };
}

/**
 * The span mode (lone CR ends records), checked on its own terms too: each cell's raw text read
 * alone gives back its value, cells are one delimiter apart, the record's line ending follows its last cell.
 */
function spans(text: string, delimiter: Delimiter): Outcome {
  let recs;
  try {
    recs = csvSpans(text, delimiter);
  } catch (err) {
    return { records: [], error: syntaxMessage(err) };
  }
  const records: Outcome['records'] = [];
  let at = 0;
  for (const r of recs) {
    const bad = (why: string) => records.push({ line: -1, cells: [why, text.slice(r.start, r.end)] });
    if (r.start !== at || text.slice(r.end, r.end + r.eol.length) !== r.eol) bad('record bounds');
    at = r.end + r.eol.length;
    r.cells.forEach((c, i) => {
      const raw = text.slice(c.start, c.end);
      const again = c.quoted ? raw.slice(1, -1).replace(/""/g, '"') : raw;
      if (again !== c.value || c.quoted !== raw.startsWith('"')) bad(`cell ${i} span`);
      const next = r.cells[i + 1];
      if (next ? text[c.end] !== delimiter || next.start !== c.end + 1 : c.end !== r.end) bad(`cell ${i} end`);
    });
    records.push({ line: r.line, cells: r.cells.map((c) => c.value) });
  }
  if (at !== text.length) records.push({ line: -1, cells: ['text left over'] });
  return { records: nonBlank(records) };
}

/**
 * The report files' records (comma, lone CR ends records): up to the first broken record they are
 * the reference's, and there is a broken record exactly when the reference fails.
 */
function reportRecords(text: string): Outcome {
  const records: Outcome['records'] = [];
  for (const r of readTextRecords(text)) {
    if (r.broken) return { records: nonBlank(records), error: 'broken' };
    records.push({ line: r.line, cells: r.cells! });
  }
  return { records: nonBlank(records) };
}

/** Each reader of the mode against the reference's outcome. */
function expectAllReaders(text: string, d: Delimiter, loneCr: boolean, want: Outcome, what: string): void {
  if (!loneCr) return;
  expect(wholeFile(text, d), `whole-file ${what}`).toEqual(want);
  // The span mode throws before giving any record; what the error is must still agree.
  const s = spans(text, d);
  expect(s, `spans ${what}`).toEqual(want.error ? { records: [], error: want.error } : want);
  if (d === ',') expect(reportRecords(text), `report records ${what}`).toEqual(want.error ? { ...want, error: 'broken' } : want);
}

// Blank records (empty lines) are dropped by both readers, and read.ts numbers them differently.
const nonBlank = (records: Outcome['records']): Outcome['records'] => records.filter((r) => !r.cells.every(isBlank));

/** A small deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomCuts(rand: () => number, length: number): number[] {
  const cuts: number[] = [];
  for (let at = Math.floor(rand() * 8); at < length; at += 1 + Math.floor(rand() * (rand() < 0.5 ? 4 : 40))) cuts.push(at);
  return cuts;
}

/** Valid CSV: random cells, quoted when they must be (and sometimes when they need not), random line ends. */
function validCsv(rand: () => number, delimiter: Delimiter): string {
  const pieces = ['a', 'Café', ' ', 'x y', '"', ',', ';', '\t', '\n', '\r\n', '\r', '12.50', '#1001', '—', '🙂'];
  const rows: string[] = [];
  const width = 1 + Math.floor(rand() * 5);
  for (let r = Math.floor(rand() * 12); r >= 0; r--) {
    const cells: string[] = [];
    for (let c = 0; c < width + (rand() < 0.2 ? 1 : 0); c++) {
      let v = '';
      for (let k = Math.floor(rand() * 4); k > 0; k--) v += pieces[Math.floor(rand() * pieces.length)];
      const must = v.includes('"') || v.includes(delimiter) || v.includes('\n') || v.includes('\r');
      cells.push(must || rand() < 0.2 ? `"${v.replace(/"/g, '""')}"` : v);
    }
    rows.push(cells.join(delimiter));
    if (rand() < 0.1) rows.push('');
  }
  const eol = rand() < 0.5 ? '\n' : '\r\n';
  return rows.join(eol) + (rand() < 0.6 ? eol : '');
}

/** Anything: quotes, delimiters and line breaks thrown together (mostly not CSV). */
function soup(rand: () => number): string {
  const tokens = ['a', 'bc', 'é', ' ', ',', ';', '\t', '"', '""', '\n', '\r\n', '\r', '"x,y"', '"p\nq"', '"r\r\ns"'];
  let s = '';
  for (let k = Math.floor(rand() * 30); k > 0; k--) s += tokens[Math.floor(rand() * tokens.length)];
  return s;
}

const MODES: [Delimiter, boolean][] = [[',', false], [',', true], [';', false], ['\t', true]];

describe('the streaming tokenizer reads what csv-parse reads', () => {
  it('on known cases, whole and one character at a time', () => {
    const cases = [
      'a,b\nc,d', 'a,b\r\nc,d\r\n', 'a,b\r', '"a"\r', 'a,"b"x', 'a,b"c', '"a', 'a,\n', '"a""', 'x\r\ny\rz\n', '"a"\rb',
      '"multi\nline",x\n"crlf\r\ninside",y\r\n', '\n\n"a"\n\n', 'a,"",""""\n', '"a""b",c', 'a,,\n,,\n', ',', '"', '""', '"\r\n"',
    ];
    for (const text of cases) {
      for (const [d, loneCr] of MODES) {
        const want = reference(text, d, loneCr);
        expect(tokenize(text, d, loneCr), JSON.stringify({ text, d, loneCr })).toEqual(want);
        const every = Array.from({ length: text.length }, (_, i) => i);
        expect(tokenize(text, d, loneCr, every), JSON.stringify({ text, d, loneCr, every: true })).toEqual(want);
        expectAllReaders(text, d, loneCr, want, JSON.stringify({ text, d }));
      }
    }
  });

  it('on 3,000 generated valid files in random pieces', () => {
    const rand = rng(20261127);
    let records = 0;
    for (let i = 0; i < 3000; i++) {
      const [d, loneCr] = MODES[i % MODES.length]!;
      const text = validCsv(rand, d);
      const want = reference(text, d, loneCr);
      expect(want.error, JSON.stringify(text)).toBeUndefined(); // the generator writes valid CSV
      records += want.records.length;
      expect(tokenize(text, d, loneCr, randomCuts(rand, text.length)), JSON.stringify({ text, d, loneCr })).toEqual(want);
      if (i % 3 === 0) expectAllReaders(text, d, loneCr, want, JSON.stringify({ text, d }));
    }
    expect(records).toBeGreaterThan(15000);
  });

  it('on 6,000 random soups in random pieces, errors included', () => {
    const rand = rng(7);
    let errors = 0;
    for (let i = 0; i < 6000; i++) {
      const [d, loneCr] = MODES[i % MODES.length]!;
      const text = soup(rand);
      const want = reference(text, d, loneCr);
      if (want.error) errors++;
      expect(tokenize(text, d, loneCr, randomCuts(rand, text.length)), JSON.stringify({ text, d, loneCr })).toEqual(want);
      if (i % 3 === 0) expectAllReaders(text, d, loneCr, want, JSON.stringify({ text, d }));
    }
    expect(errors).toBeGreaterThan(1000); // the soups do reach the error paths
  });
});

describe('a record that does not end', () => {
  it('is refused once it passes maxRecord, naming its line and the open cell, without waiting for the end', () => {
    const t = new CsvTokenizer({ delimiter: ',', loneCr: false, line: 1, maxRecord: 1000 });
    const records: string[][] = [];
    t.push('a,b\nc,"open\n', (cells) => void records.push(cells));
    let err: unknown;
    try {
      for (let i = 0; i < 100; i++) t.push('x,y\n'.repeat(10), (cells) => void records.push(cells));
    } catch (e) {
      err = e;
    }
    expect(records).toEqual([['a', 'b']]);
    expect(err).toBeInstanceOf(CsvSyntaxError);
    expect(err).toMatchObject({ syntax: 'too-long', line: 2, field: 1 });
  });
});

describe('the inch-mark rule', () => {
  it('counts the cells it read literally, once each, though a record cut by a chunk is read twice', () => {
    const t = new CsvTokenizer({ delimiter: ',', loneCr: false, line: 1, maxRecord: Infinity });
    const records: string[][] = [];
    const text = 'a,b\nc,1" x,2"\n"q",3""\n';
    for (const ch of text) t.push(ch, (cells) => void records.push(cells));
    t.end((cells) => void records.push(cells));
    expect(records).toEqual([['a', 'b'], ['c', '1" x', '2"'], ['q', '3""']]);
    expect(t.literalQuote).toEqual({ line: 2, field: 1, count: 3 });
  });

  it('names the open cell of a record too long to be real past cells with inch marks', () => {
    const t = new CsvTokenizer({ delimiter: ',', loneCr: false, line: 1, maxRecord: 100 });
    expect(() => t.push(`a,b\nc,1" x,y,"d""e,f\n${'x,y\n'.repeat(40)}`, () => undefined)).toThrow(
      expect.objectContaining({ syntax: 'too-long', line: 2, field: 3 }),
    );
  });
});
