import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeCsvBytes, parseCsvText, readCsvFile } from '../src/core/csv/read.js';
import { InputError, UserError, warningText } from '../src/core/errors.js';

const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/csv/${name}`, import.meta.url));
const utf8 = (s: string): Buffer => Buffer.from(s, 'utf8');
/** Decode + parse bytes as readCsvFile does, without touching the disk. */
const read = (buf: Buffer, file = 'products.csv') => {
  const d = decodeCsvBytes(buf, file);
  return parseCsvText(d.text, file, d);
};
/** The error a call throws (fails the test if it does not throw). */
const thrown = (fn: () => unknown): Error => {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected an error, none was thrown');
};

describe('encodings', () => {
  it('strips a UTF-8 BOM and remembers it', () => {
    const t = readCsvFile(fixture('shopify-bom.csv'), 'shopify.csv');
    expect(t.encoding).toBe('utf-8');
    expect(t.bom).toBe(true);
    expect(t.header).toEqual(['Handle', 'Title', 'Body (HTML)', 'Variant Price']);
    expect(t.file).toBe('shopify.csv');
    expect(t.warnings).toEqual([]);
  });

  it('strips a BOM left in text handed straight to parseCsvText', () => {
    const t = parseCsvText('\uFEFFHandle,Title\nmug,Mug\n', 'p.csv', { encoding: 'utf-8', bom: true, warnings: [] });
    expect(t.header).toEqual(['Handle', 'Title']);
  });

  it('reads UTF-8 without a BOM', () => {
    const d = decodeCsvBytes(utf8('Handle,Title\nmug,Café\n'), 'a.csv');
    expect(d).toEqual({ text: 'Handle,Title\nmug,Café\n', encoding: 'utf-8', bom: false, warnings: [] });
  });

  it('reads UTF-16 LE with a BOM, tab-delimited (Excel "Unicode text")', () => {
    const body = Buffer.from('Handle\tTitle\tVariant Price\r\nmug\tCafé mug\t12,50\r\n', 'utf16le');
    const t = read(Buffer.concat([Buffer.from([0xff, 0xfe]), body]));
    expect(t.encoding).toBe('utf-16le');
    expect(t.bom).toBe(true);
    expect(t.delimiter).toBe('\t');
    expect(t.eol).toBe('\r\n');
    expect(t.header).toEqual(['Handle', 'Title', 'Variant Price']);
    expect(t.rows).toEqual([{ line: 2, cells: ['mug', 'Café mug', '12,50'] }]);
  });

  it('reads UTF-16 BE with a BOM', () => {
    const body = Buffer.from('\uFEFFHandle\tTitle\nmug\tCafé\n', 'utf16le').swap16();
    const t = read(body);
    expect(t.encoding).toBe('utf-16be');
    expect(t.header).toEqual(['Handle', 'Title']);
    expect(t.rows[0]?.cells).toEqual(['mug', 'Café']);
  });

  it('falls back to Windows-1252 for bytes that are not UTF-8, with a file-level warning', () => {
    const buf = Buffer.concat([utf8('Handle,Title\nmug,Caf'), Buffer.from([0xe9, 0x20, 0x80]), utf8('\n')]);
    const t = read(buf, 'old.csv');
    expect(t.encoding).toBe('windows-1252');
    expect(t.bom).toBe(false);
    expect(t.rows[0]?.cells).toEqual(['mug', 'Café €']);
    expect(t.warnings).toEqual([{ file: 'old.csv', message: 'not UTF-8; read as Windows-1252 — check accented characters' }]);
    expect(warningText(t.warnings[0]!)).toBe('old.csv: not UTF-8; read as Windows-1252 — check accented characters');
  });
});

describe('empty and binary files', () => {
  it.each([
    ['0 bytes', Buffer.alloc(0)],
    ['only whitespace', utf8(' \r\n\n\t\n')],
    ['only a UTF-8 BOM', Buffer.from([0xef, 0xbb, 0xbf])],
    ['only a UTF-16 BOM and newlines', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('\r\n', 'utf16le')])],
  ])('refuses an empty file (%s)', (_name, buf) => {
    const err = thrown(() => read(buf, 'empty.csv'));
    expect(err).toBeInstanceOf(InputError);
    expect(err.message).toBe('empty.csv: the file is empty');
  });

  it('refuses a file with only blank and all-empty lines', () => {
    expect(thrown(() => parseCsvText(',,,\n\n,,\n', 'e.csv', { encoding: 'utf-8', bom: false, warnings: [] })).message).toBe(
      'e.csv: the file is empty',
    );
  });

  it.each([
    ['an .xlsx (zip) file', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]), utf8('[Content_Types].xml')])],
    ['a PNG image', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d])],
    ['UTF-16 without a BOM (NUL every other byte)', Buffer.from('Handle,Title\nmug,Mug\n', 'utf16le')],
    ['random control bytes', Buffer.from([1, 2, 3, 4, 5, 6, 7, 8, 0x41, 0x42])],
  ])('refuses %s as binary', (_name, buf) => {
    const err = thrown(() => read(buf, 'export.xlsx'));
    expect(err).toBeInstanceOf(InputError);
    expect(err.message).toBe('export.xlsx: this looks like a binary file, not a CSV export');
  });
});

describe('delimiters and line endings', () => {
  it('sniffs a semicolon delimiter even when cells contain commas', () => {
    const t = readCsvFile(fixture('semicolon.csv'), 'eu.csv');
    expect(t.delimiter).toBe(';');
    expect(t.header).toEqual(['Handle', 'Title', 'Variant Price', 'Tags']);
    expect(t.rows).toEqual([
      { line: 2, cells: ['mug', 'Mug; blue', '12,50', 'ceramic, kitchen'] },
      { line: 3, cells: ['tea-towel', 'Tea Towel', '8,00', 'linen'] },
    ]);
  });

  it('ignores delimiters inside a quoted header cell when sniffing', () => {
    expect(read(utf8('"Price; EUR",Title,Tags\n1;2,Mug,a;b\n')).delimiter).toBe(',');
  });

  it('defaults to a comma for a one-column file, and records LF line endings', () => {
    const t = read(utf8('Handle\nmug\n'));
    expect(t.delimiter).toBe(',');
    expect(t.eol).toBe('\n');
    expect(t.rows).toEqual([{ line: 2, cells: ['mug'] }]);
  });

  it('reads CRLF files, records the line ending and leaves no \\r in cells', () => {
    const t = read(utf8('Handle,Title\r\nmug,Mug\r\n\r\ntowel,Towel\r\n'));
    expect(t.eol).toBe('\r\n');
    expect(t.rows).toEqual([{ line: 2, cells: ['mug', 'Mug'] }, { line: 4, cells: ['towel', 'Towel'] }]);
  });

  it('reads a file without a final newline', () => {
    const t = read(utf8('Handle,Title\r\nmug,Mug\r\ntowel,Towel'));
    expect(t.rows.map((r) => r.cells)).toEqual([['mug', 'Mug'], ['towel', 'Towel']]);
  });
});

describe('rows and line numbers', () => {
  it('keeps multi-line quoted cells and numbers each record by the line it starts on', () => {
    const t = readCsvFile(fixture('shopify-bom.csv'));
    expect(t.rows).toEqual([
      { line: 2, cells: ['linen-apron', 'Linen Apron', '<p>Stonewashed linen.</p>\n<ul>\n<li>One size</li>\n</ul>', '24.00'] },
      { line: 7, cells: ['oak-board', 'Oak Board, large', '<p>Oiled oak.</p>', '39.50'] },
    ]);
  });

  it('counts a CRLF inside a quoted cell as one line', () => {
    const t = read(utf8('Handle,Body\r\na,"one\r\ntwo\r\nthree"\r\nb,x\r\n\r\nc,y'));
    expect(t.rows.map((r) => r.line)).toEqual([2, 5, 7]);
    expect(t.rows[0]?.cells[1]).toBe('one\r\ntwo\r\nthree');
  });

  it('skips all-empty rows such as Excel ",,," lines', () => {
    const t = read(utf8('Handle,Title\n,\nmug,Mug\n , \n'));
    expect(t.rows).toEqual([{ line: 3, cells: ['mug', 'Mug'] }]);
    expect(read(utf8('Handle,Title\n')).rows).toEqual([]); // a header-only file is a table with no rows
  });

  it('drops empty trailing header cells together with their empty cells', () => {
    const t = readCsvFile(fixture('trailing-columns.csv'));
    expect(t.header).toEqual(['Handle', 'Title', 'Variant Price']);
    expect(t.rows).toEqual([{ line: 2, cells: ['mug', 'Mug', '12.50'] }, { line: 3, cells: ['towel', 'Towel', '8.00'] }]);
  });
});

describe('header problems', () => {
  it('refuses a duplicate column name', () => {
    const err = thrown(() => read(utf8('Handle,Title,Tags,Title\nmug,Mug,a,b\n'), 'p.csv'));
    expect(err).toBeInstanceOf(InputError);
    expect(err.message).toBe('p.csv line 1, column "Title": two columns have this name (columns 2 and 4) — rename or delete one of them');
  });

  it('refuses an empty header cell before a named one', () => {
    const err = thrown(() => read(utf8('Handle,,Title\nmug,x,Mug\n'), 'p.csv'));
    expect(err.message).toBe('p.csv line 1, column 2: this header cell is empty; every column needs a name — name the column or delete it');
  });
});

describe('bad rows', () => {
  it('collects every bad row into one error, ignoring extra cells that are empty', () => {
    const err = thrown(() => readCsvFile(fixture('bad-rows.csv'), 'bad.csv'));
    expect(err).toBeInstanceOf(InputError);
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toBe(
      'bad.csv: 3 rows are broken, so nothing from this file was used:\n' +
        '  bad.csv line 3: expected 4 cells, found 3\n' +
        '  bad.csv line 4: expected 4 cells, found 5\n' +
        '  bad.csv line 6: expected 4 cells, found 1',
    );
  });

  it('lists at most 10 bad rows and counts the rest', () => {
    const lines = ['Handle,Title,Price'];
    for (let i = 0; i < 13; i++) lines.push(`p${i},Title ${i}`);
    const message = thrown(() => read(utf8(lines.join('\n')), 'p.csv')).message;
    expect(message.split('\n')).toEqual([
      'p.csv: 13 rows are broken, so nothing from this file was used:',
      ...Array.from({ length: 10 }, (_, i) => `  p.csv line ${i + 2}: expected 3 cells, found 2`),
      '  and 3 more',
    ]);
  });

  it('treats a NUL byte in a cell of a UTF-8 file as a bad row', () => {
    const buf = utf8('Handle,Title,Body (HTML)\nmug,Mug,<p>A mug for tea and coffee</p>\nbowl,Bowl,<p>A bowl\u0000</p>\n');
    expect(thrown(() => read(buf, 'p.csv')).message).toBe(
      'p.csv: 1 row is broken, so nothing from this file was used:\n  p.csv line 3, column "Body (HTML)": contains a NUL byte',
    );
  });
});

describe('quote errors', () => {
  it('names the line and column where an unclosed quoted cell opens', () => {
    const err = thrown(() => readCsvFile(fixture('unclosed-quote.csv'), 'q.csv'));
    expect(err).toBeInstanceOf(InputError);
    expect(err.message).toBe(
      'q.csv line 3, column "Body (HTML)": a quoted cell starts here but its closing quote (") is missing, ' +
        'so the rest of the file would run into this one cell',
    );
  });

  it('numbers the unclosed quote by its own line after multi-line cells and blank lines', () => {
    const text = 'Handle,Body\r\na,"x\r\ny"\r\n\r\nb,ok,\r\nc,"never closed\r\nd,e\r\n';
    const err = thrown(() => read(utf8(text), 'q.csv'));
    expect(err.message).toMatch(/^q\.csv line 6, column "Body": a quoted cell starts here/);
  });

  it('reads a quote in the middle of an unquoted cell as a character (an inch mark), with one warning naming the first', () => {
    const t = read(utf8('Handle,Title\nmug,Mug\nruler,12" ruler\npin,"1"" pin"\nsign,37°36\'37.8"N\n'), 'q.csv');
    expect(t.rows.map((r) => r.cells)).toEqual([['mug', 'Mug'], ['ruler', '12" ruler'], ['pin', '1" pin'], ['sign', '37°36\'37.8"N']]);
    expect(t.warnings).toEqual([
      {
        file: 'q.csv',
        line: 3,
        column: 'Title',
        message:
          'this cell has a quote (") inside it, read as a character (an inch mark?); 1 more cell has one too. ' +
          'If a cell was meant to be quoted, wrap it whole in quotes and double each inner quote ("")',
      },
    ]);
    expect(read(utf8('Handle,Title\nmug,Mug\n'), 'q.csv').warnings).toEqual([]);
  });

  it('explains text after a closing quote, on the line of the closing quote', () => {
    const err = thrown(() => read(utf8('Handle,Title,Body\nmug,Mug,"<p>one\ntwo</p>"x\n'), 'q.csv'));
    expect(err.message).toBe(
      'q.csv line 3, column "Body": this quoted cell has text after its closing quote; inside a quoted cell, each quote (") must be doubled ("")',
    );
    expect(err.message).not.toMatch(/Invalid|csv_|CSV_/);
  });

  it('uses a column number when the error is in the header', () => {
    expect(thrown(() => read(utf8('Handle,"Title\nmug,Mug\n'), 'q.csv')).message).toMatch(/^q\.csv line 1, column 2: a quoted cell starts here/);
  });
});

describe('Excel damage', () => {
  const LOST = 'looks like a number Excel turned into scientific notation; its digits are lost — export the file again from the platform';
  it('warns once per column about numbers turned into scientific notation', () => {
    const t = readCsvFile(fixture('scientific.csv'), 's.csv');
    expect(t.warnings).toEqual([
      {
        file: 's.csv',
        column: 'Variant Barcode',
        message: `lines 2, 4, 5: "3.65275E+11" ${LOST}`,
      },
      {
        file: 's.csv',
        column: 'Variant SKU',
        message: `line 2: "7.02255E+12" ${LOST}`,
      },
    ]);
    expect(warningText(t.warnings[0]!)).toMatch(/^s\.csv, column "Variant Barcode": lines 2, 4, 5: "3\.65275E\+11"/);
    expect(t.rows[0]?.cells[2]).toBe('3.65275E+11');
  });

  it('lists at most 5 lines and keeps earlier warnings first', () => {
    const lines = ['Handle,Barcode'];
    for (let i = 0; i < 8; i++) lines.push(`p${i},1.23457E+12`);
    const t = parseCsvText(lines.join('\n'), 'b.csv', { encoding: 'windows-1252', bom: false, warnings: [{ file: 'b.csv', message: 'first' }] });
    expect(t.warnings.map((w) => w.message)).toEqual(['first', `lines 2, 3, 4, 5, 6 and 3 more: "1.23457E+12" ${LOST}`]);
  });
});

describe('readCsvFile', () => {
  it('reports a missing file in plain words', () => {
    const err = thrown(() => readCsvFile(join(tmpdir(), 'shopflow-no-such-file.csv'), 'missing.csv'));
    expect(err).toBeInstanceOf(InputError);
    expect(err.message).toBe('missing.csv: the file does not exist');
  });

  it('numbers 10,000 records with multi-line CRLF cells by their start line' /* speed: bench/, not here */, () => {
    const dir = mkdtempSync(join(tmpdir(), 'shopflow-csv-'));
    const rows = ['Handle,Title,Body (HTML),Variant Price,Variant Barcode'];
    for (let i = 0; i < 10_000; i++) rows.push(`p${i},Product ${i},"<p>Line one</p>\r\n<p>Line ""two""</p>",${i}.00,0712345${i}`);
    writeFileSync(join(dir, 'big.csv'), rows.join('\r\n') + '\r\n');
    const t = readCsvFile(join(dir, 'big.csv'));
    expect(t.rows).toHaveLength(10_000);
    expect(t.rows[9_999]).toEqual({ line: 20_000, cells: ['p9999', 'Product 9999', '<p>Line one</p>\r\n<p>Line "two"</p>', '9999.00', '07123459999'] });
  });
});
