import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { readCsvFile } from '../src/core/csv/read.js';
import { openCsvStream, type CsvStream } from '../src/core/csv/stream.js';
import type { CsvRow } from '../src/core/csv/types.js';
import { InputError, UserError } from '../src/core/errors.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const fixture = (name: string): string => join(ROOT, 'test', 'fixtures', 'csv', name);
const dir = mkdtempSync(join(tmpdir(), 'shopflow-csv-stream-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
/** Writes bytes (or UTF-8 text) to a fresh temp file and returns its path. */
const file = (content: string | Buffer): string => {
  const path = join(dir, `f${n++}.csv`);
  writeFileSync(path, content);
  return path;
};
const rowsOf = async (s: CsvStream): Promise<CsvRow[]> => {
  const rows: CsvRow[] = [];
  for await (const r of s.rows()) rows.push({ line: r.line, cells: r.cells }); // raw: see its own test
  return rows;
};
const open = async (content: string | Buffer, name = 'x.csv') => {
  const s = await openCsvStream(file(content), name);
  return { s, rows: await rowsOf(s) };
};
const rejection = async (p: Promise<unknown>): Promise<Error> => {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected an error, none was thrown');
};
const openFds = (): number => readdirSync('/proc/self/fd').length;

describe('header and preamble', () => {
  it('skips a GA4 "#" preamble and blank lines, and numbers rows by their line in the whole file', async () => {
    const text =
      '# ----------------------------------------\r\n# Traffic acquisition\r\n# Start date: 20250101\r\n# ----------------------------------------\r\n\r\n' +
      'Session default channel group,Sessions,Users\r\nDirect,120,100\r\n"Organic\r\nSearch",80,70\r\nGrand total,200,170,\r\n';
    const { s, rows } = await open(text, 'ga4.csv');
    expect(s.probe.header).toEqual(['Session default channel group', 'Sessions', 'Users']);
    expect(s.probe.file).toBe('ga4.csv');
    expect(s.probe.firstLines.slice(0, 7)).toEqual([
      '# ----------------------------------------', '# Traffic acquisition', '# Start date: 20250101',
      '# ----------------------------------------', '', 'Session default channel group,Sessions,Users', 'Direct,120,100',
    ]);
    expect(rows).toEqual([
      { line: 7, cells: ['Direct', '120', '100'] },
      { line: 8, cells: ['Organic\r\nSearch', '80', '70'] },
      { line: 10, cells: ['Grand total', '200', '170'] }, // the empty cell beyond the header is dropped
    ]);
    expect(await s.text()).toBe(text);
  });

  it('skips delimiter-only lines before the header (Excel re-saves blank lines as ",,,,") but keeps "#" cells after it', async () => {
    const { s, rows } = await open(',,,\n#,note\n,,,\nName,Email,Total\n#1001,a@example.com,10.00\n');
    expect(s.probe.header).toEqual(['Name', 'Email', 'Total']);
    expect(rows).toEqual([{ line: 5, cells: ['#1001', 'a@example.com', '10.00'] }]);
  });

  it('keeps a row with more cells than the header as it is (adapters decide), dropping only empty trailing cells', async () => {
    const { rows } = await open('Day,Sessions\n20250101,5\nGrand total,5,extra,,\n,,\n');
    expect(rows).toEqual([{ line: 2, cells: ['20250101', '5'] }, { line: 3, cells: ['Grand total', '5', 'extra'] }]);
  });

  it('refuses a file with nothing but comments and blank lines as empty', async () => {
    const err = await rejection(openCsvStream(file('# just a preamble\n\n'), 'e.csv'));
    expect(err).toBeInstanceOf(InputError);
    expect(err.message).toBe('e.csv: the file is empty');
  });

  it('refuses a binary file and names a missing one, as read.ts does', async () => {
    const zip = file(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x41]));
    expect((await rejection(openCsvStream(zip, 'export.xlsx'))).message).toBe('export.xlsx: this looks like a binary file, not a CSV export');
    expect((await rejection(openCsvStream(join(dir, 'nope.csv'), 'nope.csv'))).message).toBe('nope.csv: the file does not exist');
  });
});

describe('encodings', () => {
  it('strips a UTF-8 BOM and matches readCsvFile on the same file', async () => {
    const s = await openCsvStream(fixture('shopify-bom.csv'), 'shopify.csv');
    expect(s.encoding).toBe('utf-8');
    expect(s.bom).toBe(true);
    expect(s.probe.header).toEqual(['Handle', 'Title', 'Body (HTML)', 'Variant Price']);
    expect(s.probe.firstLines[0]).toBe('Handle,Title,Body (HTML),Variant Price');
    expect(await rowsOf(s)).toEqual(readCsvFile(fixture('shopify-bom.csv')).rows);
    expect((await s.text()).startsWith('Handle,')).toBe(true);
  });

  it('reads UTF-16 LE with a BOM, tab-delimited, after a preamble', async () => {
    const body = Buffer.from('# exported\r\nHandle\tTitle\tVariant Price\r\nmug\tCafé mug\t12,50\r\ntowel\t"Linen\r\ntowel"\t8,00\r\n', 'utf16le');
    const { s, rows } = await open(Buffer.concat([Buffer.from([0xff, 0xfe]), body]));
    expect([s.encoding, s.bom, s.delimiter]).toEqual(['utf-16le', true, '\t']);
    expect(s.probe.header).toEqual(['Handle', 'Title', 'Variant Price']);
    expect(rows).toEqual([{ line: 3, cells: ['mug', 'Café mug', '12,50'] }, { line: 4, cells: ['towel', 'Linen\r\ntowel', '8,00'] }]);
  });

  it('falls back to Windows-1252 when the first MiB is not UTF-8, with read.ts\'s warning', async () => {
    const buf = Buffer.concat([Buffer.from('# Caf'), Buffer.from([0xe9]), Buffer.from('\nHandle,Title\nmug,Caf'), Buffer.from([0xe9, 0x20, 0x80]), Buffer.from('\n')]);
    const { s, rows } = await open(buf, 'old.csv');
    expect(s.encoding).toBe('windows-1252');
    expect(s.probe.firstLines[0]).toBe('# Café');
    expect(rows).toEqual([{ line: 3, cells: ['mug', 'Café €'] }]);
    expect(s.warnings).toEqual([{ file: 'old.csv', message: 'not UTF-8; read as Windows-1252 — check accented characters' }]);
  });

  it('reads invalid UTF-8 met after the first MiB as U+FFFD, with one warning naming its line and column', async () => {
    const good = Array.from({ length: 60000 }, (_, i) => `p${i},Café ${i}`).join('\n');
    const buf = Buffer.concat([Buffer.from(`Handle,Title\n${good}\nbad,Caf`), Buffer.from([0xe9]), Buffer.from('\nworse,'), Buffer.from([0xff]), Buffer.from('\n')]);
    expect(buf.length).toBeGreaterThan(1024 * 1024);
    const { s, rows } = await open(buf, 'late.csv');
    expect(s.encoding).toBe('utf-8');
    expect(rows.slice(-2)).toEqual([{ line: 60002, cells: ['bad', 'Caf\uFFFD'] }, { line: 60003, cells: ['worse', '\uFFFD'] }]);
    const warning = {
      file: 'late.csv', line: 60002, column: 'Title',
      message: 'the first bytes that are not valid UTF-8 are here; they were read as "\uFFFD" — check accented characters',
    };
    expect(s.warnings).toEqual([warning]);
    expect((await s.text()).endsWith('worse,\uFFFD\n')).toBe(true);
    expect(s.warnings).toEqual([warning]); // text() finds the same bytes: still one warning
  });
});

describe('rows and line numbers', () => {
  it('gives the same rows and start lines as readCsvFile across chunks, with CRLF, LF and lone CR in quoted cells', async () => {
    const lines = ['Handle,Body,Price'];
    for (let i = 0; i < 6000; i++) {
      if (i % 7 === 0) lines.push(`h${i},"first\r\nsecond\r\nthird, with a ""quote""",${i}.00`);
      else if (i % 11 === 0) lines.push(`h${i},"a\rb\nc",${i}.50`);
      else if (i % 13 === 0) lines.push('', ',,', `h${i},plain,${i}`);
      else lines.push(`h${i},"Café ${'x'.repeat(i % 50)}",${i}`);
    }
    const path = file(lines.join('\r\n'));
    const stream = await rowsOf(await openCsvStream(path));
    const whole = readCsvFile(path).rows;
    expect(whole.length).toBe(6000);
    expect(stream).toEqual(whole);
  });

  it('numbers rows after multi-line CRLF cells and blank lines like readCsvFile', async () => {
    const text = 'Handle,Body\r\na,"one\r\ntwo\r\nthree"\r\nb,x\r\n\r\nc,y';
    const { rows } = await open(text);
    expect(rows.map((r) => r.line)).toEqual([2, 5, 7]);
    expect(rows).toEqual(readCsvFile(file(text)).rows);
  });

  it('does not take the CR of a CRLF cut by the end of the first MiB for a lone CR', async () => {
    // The first row is long enough that its CR is the sample's last byte and its LF the next one.
    const header = 'Handle,Title\r\n';
    const first = `p,${'x'.repeat(1024 * 1024 - header.length - 3)}\r\n`;
    const s = await openCsvStream(file(`${header}${first}q,y\r\n`));
    expect(Buffer.byteLength(header + first)).toBe(1024 * 1024 + 1);
    expect(s.loneCr).toBe(false);
    expect((await rowsOf(s)).map((r) => [r.line, r.cells[0]])).toEqual([[2, 'p'], [3, 'q']]);
    expect((await openCsvStream(file('Handle,Title\rmug,Mug\r'))).loneCr).toBe(true); // an old Mac file
  });

  it('sniffs a semicolon delimiter', async () => {
    const s = await openCsvStream(fixture('semicolon.csv'), 'eu.csv');
    expect(s.delimiter).toBe(';');
    expect(await rowsOf(s)).toEqual([
      { line: 2, cells: ['mug', 'Mug; blue', '12,50', 'ceramic, kitchen'] },
      { line: 3, cells: ['tea-towel', 'Tea Towel', '8,00', 'linen'] },
    ]);
  });

  it('reads a file without a final newline, and drops empty trailing header cells with their cells', async () => {
    expect((await open('Handle,Title\r\nmug,Mug\r\ntowel,Towel')).rows).toEqual([
      { line: 2, cells: ['mug', 'Mug'] },
      { line: 3, cells: ['towel', 'Towel'] },
    ]);
    const s = await openCsvStream(fixture('trailing-columns.csv'));
    expect(s.probe.header).toEqual(['Handle', 'Title', 'Variant Price']);
    expect(await rowsOf(s)).toEqual(readCsvFile(fixture('trailing-columns.csv')).rows);
  });

  it('keeps each row\'s text without its line break, as decoded', async () => {
    const s = await openCsvStream(file('Handle,Body,Price\r\nmug,"one\r\n""two""",12\r\ntowel,plain,8,,\r\n\r\nlast,x,1'));
    const raws: (string | undefined)[] = [];
    for await (const r of s.rows()) raws.push(r.raw);
    expect(raws).toEqual(['mug,"one\r\n""two""",12', 'towel,plain,8,,', 'last,x,1']);
  });

  it('gives the same rows on a second pass', async () => {
    const s = await openCsvStream(fixture('shopify-bom.csv'));
    expect(await rowsOf(s)).toEqual(await rowsOf(s));
  });
});

describe('errors', () => {
  it('names the line and column where an unclosed quoted cell opens, in read.ts\'s words', async () => {
    const s = await openCsvStream(fixture('unclosed-quote.csv'), 'q.csv');
    const err = await rejection(rowsOf(s));
    expect(err).toBeInstanceOf(InputError);
    expect(err.message).toBe(
      'q.csv line 3, column "Body (HTML)": a quoted cell starts here but its closing quote (") is missing, ' +
        'so the rest of the file would run into this one cell',
    );
  });

  it('places an unclosed quote after multi-line cells and blank lines', async () => {
    const s = await openCsvStream(file('Handle,Body\r\na,"x\r\ny"\r\n\r\nb,ok,\r\nc,"never closed\r\nd,e\r\n'), 'q.csv');
    expect((await rejection(rowsOf(s))).message).toMatch(/^q\.csv line 6, column "Body": a quoted cell starts here/);
  });

  it('names the header column by number when the header itself is broken', async () => {
    const err = await rejection(openCsvStream(file('# report\nHandle,"Title\nmug,Mug\n'), 'h.csv'));
    expect(err.message).toMatch(/^h\.csv line 2, column 2: a quoted cell starts here but its closing quote/);
  });

  it('stops at a record over 16 MB (a quote left open) instead of reading the rest of the file into it', async () => {
    const rest = 'x,'.repeat(1024 * 1024) + '\n';
    const s = await openCsvStream(file(`Handle,Notes,Total\nh1,ok,1\nh2,"open,2\n${rest.repeat(9)}`), 'big.csv');
    const err = await rejection(rowsOf(s));
    expect(err.message).toBe(
      'big.csv line 3, column "Notes": this row is far too long to be real: most likely a quoted cell starts here and its closing quote (") is missing',
    );
  });

  it('refuses text() over 50 MB with a UserError', async () => {
    const path = file(`Handle,Title\n${'mug,Mug\n'.repeat(200000)}`);
    truncateSync(path, 51 * 1024 * 1024);
    const err = await rejection((await openCsvStream(path, 'huge.csv')).text());
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toBe('huge.csv: this file is too large to be read in one piece (53 MB, the limit is 50 MB)');
  });
});

describe.skipIf(!existsSync('/proc/self/fd'))('leaving early', () => {
  const big = (): string => file(`Handle,Title\n${'mug,"Mug\nblue"\n'.repeat(100000)}`); // many chunks

  it('closes the file when the loop breaks', async () => {
    const s = await openCsvStream(big());
    const before = openFds();
    let during = 0;
    for await (const row of s.rows()) {
      expect(row.line).toBe(2);
      during = openFds();
      break;
    }
    expect(during).toBe(before + 1);
    expect(openFds()).toBe(before);
  });

  it('closes the file when the loop throws', async () => {
    const s = await openCsvStream(big());
    const before = openFds();
    const err = await rejection(
      (async () => {
        for await (const _row of s.rows()) throw new Error('consumer failed');
      })(),
    );
    expect(err.message).toBe('consumer failed');
    expect(openFds()).toBe(before);
  });
});

describe('memory', () => {
  it('streams 200,000 rows under a 64 MB heap', () => {
    // The child runs the current sources, transpiled, so that a stale dist/ cannot pass for them.
    const out = join(dir, 'js');
    for (const src of ['core/csv/stream.ts', 'core/csv/stream-bytes.ts', 'core/csv/tokenizer.ts', 'core/csv/read.ts', 'core/csv/safe.ts', 'core/errors.ts']) {
      const js = ts.transpileModule(readFileSync(join(ROOT, 'src', src), 'utf8'), {
        compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
      }).outputText;
      mkdirSync(dirname(join(out, src)), { recursive: true });
      writeFileSync(join(out, src.replace(/\.ts$/, '.js')), js);
    }
    writeFileSync(join(out, 'package.json'), '{"type":"module"}');
    symlinkSync(join(ROOT, 'node_modules'), join(out, 'node_modules'));
    const rows = 200000;
    const note = 'Please leave the parcel at the back door, behind the blue gate.';
    const body = Array.from({ length: rows }, (_, i) =>
      i % 10 === 0 ? `#${1000 + i},c${i}@example.com,"${note}\nThanks!",${'12.50,'.repeat(20)}paid` : `#${1000 + i},c${i}@example.com,,${'12.50,'.repeat(20)}paid`,
    );
    const path = file(`Name,Email,Notes,${Array.from({ length: 20 }, (_, i) => `Amount ${i}`).join(',')},Status\n${body.join('\n')}\n`);
    const script = `
      const { openCsvStream } = await import(${JSON.stringify(join(out, 'core/csv/stream.js'))});
      const s = await openCsvStream(process.argv[1]);
      let n = 0, last;
      for await (const row of s.rows()) { n++; last = row; }
      console.log(JSON.stringify({ n, line: last.line, cells: last.cells.length }));`;
    const r = spawnSync(process.execPath, ['--max-old-space-size=64', '--input-type=module', '-e', script, path], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    // Line of the last row: 1 header line, then one line per row and one more for each tenth row's note.
    expect(JSON.parse(r.stdout)).toEqual({ n: rows, line: 1 + rows + rows / 10, cells: 24 });
  });
});

describe('detached()', () => {
  it('keeps a long cell without the chunk of text it was cut from', async () => {
    const { detached } = await import('../src/core/lib/text.js');
    const { setFlagsFromString } = await import('node:v8');
    const { runInNewContext } = await import('node:vm');
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    // One key kept per row of 200 chunks of 64 KiB, cut by split() as the tokenizer cuts cells.
    const retained = (keep: (cell: string) => string): number => {
      gc();
      const before = process.memoryUsage().heapUsed;
      const keys = new Set<string>();
      for (let c = 0; c < 200; c++) {
        let chunk = '';
        for (let r = 0; r < 500; r++) chunk += `customer${c * 500 + r}@example.com,${'x'.repeat(300)}\n`;
        for (const line of chunk.split('\n')) if (line) keys.add(keep(line.split(',')[0]!));
      }
      gc();
      const used = process.memoryUsage().heapUsed - before;
      expect(keys.size).toBe(100000);
      return used;
    };
    const asCut = retained((cell) => cell);
    const copied = retained(detached);
    expect(asCut).toBeGreaterThan(30_000_000); // the 200 chunks (33 MB) stay alive behind the keys
    expect(copied).toBeLessThan(asCut / 2);
    expect(detached('customer12345@example.com')).toBe('customer12345@example.com');
    expect(detached('#1001')).toBe('#1001');
  });
});
