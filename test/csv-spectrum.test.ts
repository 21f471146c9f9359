// csv-spectrum (an outside suite of CSV edge cases: quoted commas, escaped quotes, line breaks in
// cells, CRLF, UTF-8, a quote inside an unquoted cell) read by the whole-file reader and the stream
// reader: the header row gives the keys, every other record one object, as the suite's JSON expects.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCsvFile } from '../src/core/csv/read.js';
import { openCsvStream } from '../src/core/csv/stream.js';
import type { CsvRow } from '../src/core/csv/types.js';

const SPECTRUM = dirname(createRequire(import.meta.url).resolve('csv-spectrum/package.json'));
const CASES = readdirSync(join(SPECTRUM, 'csvs')).map((f) => f.replace(/\.csv$/, '')).sort();

/** The suite's expected objects, with its two known slips in location_coordinates.json put right. */
function expected(name: string): Record<string, string>[] {
  const json = JSON.parse(readFileSync(join(SPECTRUM, 'json', `${name}.json`), 'utf8')) as Record<string, string> | Record<string, string>[];
  if (name !== 'location_coordinates') return json as Record<string, string>[];
  // max-mapper/csv-spectrum#22: an object where every other file has an array; #20: the JSON's
  // phone number is not the CSV's (2095257564). The coordinates, the case's point, are as given.
  return [{ ...(json as Record<string, string>), 'Contact Phone Number': '2095257564' }];
}

const objects = (header: string[], rows: CsvRow[]) => rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r.cells[i]])));

describe('csv-spectrum', () => {
  it('has the 12 cases', () => {
    expect(CASES).toHaveLength(12);
    expect(CASES).toContain('location_coordinates');
  });

  it.each(CASES)('%s: the whole-file reader gives the expected objects', (name) => {
    const t = readCsvFile(join(SPECTRUM, 'csvs', `${name}.csv`), `${name}.csv`);
    expect(objects(t.header, t.rows)).toEqual(expected(name));
  });

  it.each(CASES)('%s: the stream reader gives the expected objects', async (name) => {
    const s = await openCsvStream(join(SPECTRUM, 'csvs', `${name}.csv`), `${name}.csv`);
    const rows: CsvRow[] = [];
    for await (const r of s.rows()) rows.push(r);
    expect(objects(s.probe.header, rows)).toEqual(expected(name));
  });

  it('location_coordinates: both readers warn once of the quotes read as characters, naming the line and column', async () => {
    const path = join(SPECTRUM, 'csvs', 'location_coordinates.csv');
    const want = [{ file: 'l.csv', line: 2, column: 'Location Coordinates', message: expect.stringMatching(/^this cell has a quote \(\"\) inside it, read as a character/) }];
    expect(readCsvFile(path, 'l.csv').warnings).toEqual(want);
    const s = await openCsvStream(path, 'l.csv');
    for (let pass = 0; pass < 2; pass++) for await (const _ of s.rows());
    expect(s.warnings).toEqual(want);
  });
});
