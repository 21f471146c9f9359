import { readFileSync } from 'node:fs';
import { parseCsvText } from '../../src/core/csv/read.js';
import type { CsvRow } from '../../src/core/csv/types.js';
import type { InputWarning } from '../../src/core/errors.js';
import type { ImportAdapter, ImportInput, ImportRecord, ImportSettings, Probe, RowProblem } from '../../src/core/formats/records.js';

/** The text of a file in test/fixtures/import/. */
export const importFixture = (name: string): string => readFileSync(new URL(`../fixtures/import/${name}`, import.meta.url), 'utf8');

/**
 * An ImportInput over CSV text, as the streaming reader would give it: leading `#` comment lines
 * and blank lines skipped before the header (GA4), lines numbered in the whole file.
 */
export function importInput(text: string, file = 'test.csv', settings: ImportSettings = {}) {
  const problems: RowProblem[] = [];
  const warnings: InputWarning[] = [];
  const body = text.replace(/^\uFEFF/, '');
  const lines = body.split(/\r\n|\n|\r/);
  let skip = 0;
  while (skip < lines.length && (lines[skip]!.trim() === '' || lines[skip]!.startsWith('#'))) skip++;
  const rest = lines.slice(skip).join('\n');
  let table: { header: string[]; rows: CsvRow[] } | undefined;
  let tableError: unknown;
  try {
    const t = parseCsvText(rest, file, { encoding: 'utf-8', bom: false, warnings: [] });
    table = { header: t.header, rows: t.rows.map((r) => ({ line: r.line + skip, cells: r.cells })) };
  } catch (err) {
    tableError = err;
  }
  const header = table?.header ?? (lines[skip] ?? '').split(',');
  const probe: Probe = { file, header, firstLines: lines.slice(0, 40) };
  const input: ImportInput = {
    file,
    settings,
    header,
    rows: async function* () {
      if (!table) throw tableError;
      yield* table.rows;
    },
    text: async () => body,
    problem: (p) => problems.push(p),
    warn: (w) => warnings.push(w),
  };
  return { input, probe, problems, warnings };
}

/** Runs an adapter over CSV text and collects what it yields. */
export async function readAll(adapter: ImportAdapter, text: string, file = 'test.csv', settings: ImportSettings = {}) {
  const { input, probe, problems, warnings } = importInput(text, file, settings);
  const records: ImportRecord[] = [];
  for await (const r of adapter.read(input)) records.push(r);
  return { records, problems, warnings, score: adapter.detect(probe) };
}
