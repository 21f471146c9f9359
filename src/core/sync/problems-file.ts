import { writeFileSync } from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import { neutralise } from '../csv/safe.js';
import { UserError } from '../errors.js';
import type { FileImport } from './import.js';

/** `--report FILE`: every row problem with its file, line, column, value and reason, as CSV. */
export function writeProblemReport(path: string, label: string, files: FileImport[]): number {
  const rows = files.flatMap((f) =>
    f.problems.map((p) => [f.file, String(p.line), p.column ?? '', p.value ?? '', p.message].map(neutralise)),
  );
  try {
    writeFileSync(path, stringify([['file', 'line', 'column', 'value', 'reason'], ...rows]));
  } catch (err) {
    throw new UserError(`${label}: cannot write the report (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  return rows.length;
}
