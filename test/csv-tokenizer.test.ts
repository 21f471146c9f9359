// The streaming tokenizer against csv-parse, the reader read.ts uses: on generated valid CSV and on
// random soups of quotes, delimiters and line breaks, fed whole and in random pieces, both must give
// the same records with the same start lines, or fail with the same message (line and column).
import { CsvError, parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { isBlank, syntaxError } from '../src/core/csv/read.js';
import { CsvSyntaxError, CsvTokenizer } from '../src/core/csv/tokenizer.js';
import { LineCounter, translateParseError } from './helpers/csv-parse-reference.js';

type Delimiter = ',' | ';' | '\t';
interface Outcome {
  records: { line: number; cells: string[] }[];
  error?: string;
}

/** What read.ts makes of the text: csv-parse's records, start lines from its byte offsets. */
function reference(text: string, delimiter: Delimiter, loneCr: boolean): Outcome {
  const bytes = Buffer.from(text, 'utf8');
  const lines = new LineCounter(bytes);
  const records: Outcome['records'] = [];
  let lastEnd = 0;
  try {
    parse(bytes, {
      delimiter,
      record_delimiter: loneCr ? ['\r\n', '\n', '\r'] : ['\r\n', '\n'],
      relax_column_count: true,
      on_record: (record: string[], context) => {
        lines.advance(lastEnd);
        lines.skipLineBreaks();
        lastEnd = context.bytes;
        records.push({ line: lines.line, cells: record });
        return null;
      },
    });
  } catch (err) {
    if (!(err instanceof CsvError)) throw err;
    lines.advance(lastEnd);
    lines.skipLineBreaks();
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
