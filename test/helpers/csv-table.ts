/**
 * Builds a CsvTable the way the real reader would for a UTF-8, comma-delimited file, so format tests
 * do not depend on src/core/csv/read.ts.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { CsvRow, CsvTable } from '../../src/core/csv/types.js';

interface Parsed {
  record: string[];
  info: { bytes: number };
}

/**
 * csv-parse miscounts `info.lines` when a quoted cell holds CRLF, so the start line of each record
 * is counted here from the byte offset where the previous record ended.
 */
function startLines(buf: Buffer, parsed: Parsed[]): number[] {
  const lines: number[] = [];
  let pos = 0;
  let line = 1;
  let prevEnd = 0;
  for (const { info } of parsed) {
    let start = prevEnd;
    while (start < buf.length && (buf[start] === 0x0a || buf[start] === 0x0d)) start++;
    for (; pos < start; pos++) if (buf[pos] === 0x0a) line++;
    lines.push(line);
    prevEnd = info.bytes;
  }
  return lines;
}

export function csvTableFromText(text: string, file = 'products.csv'): CsvTable {
  const bom = text.charCodeAt(0) === 0xfeff;
  const buf = Buffer.from(bom ? text.slice(1) : text, 'utf8');
  const parsed = parse(buf, {
    delimiter: ',',
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
  }) as unknown as Parsed[];
  const lines = startLines(buf, parsed);
  const rows: CsvRow[] = parsed.slice(1).map((p, i) => ({ line: lines[i + 1] ?? 0, cells: p.record }));
  return {
    file,
    encoding: 'utf-8',
    bom,
    delimiter: ',',
    eol: text.includes('\r\n') ? '\r\n' : '\n',
    header: parsed[0]?.record ?? [],
    rows,
    warnings: [],
  };
}

export function csvTableFromFile(path: string, file = path): CsvTable {
  return csvTableFromText(readFileSync(path, 'utf8'), file);
}
