import { hash as digest } from 'node:crypto';
import type { CsvStream } from '../csv/stream.js';
import type { CsvRow } from '../csv/types.js';
import type { InputWarning } from '../errors.js';
import type { ImportAdapter, ImportRecord, ImportSettings, RowProblem } from './types.js';

/** A record as the adapter read it, with the fingerprint of its cells when it was read from one run of rows without a problem. */
export interface ReadItem {
  record: ImportRecord;
  cells?: string | undefined;
}

export interface ReadInput {
  file: string;
  stream: CsvStream;
  adapter: ImportAdapter;
  settings: ImportSettings;
  /** What the records depend on besides the file (settings, shopflow's version), part of each fingerprint. */
  settingsKey: string;
  problems: RowProblem[];
  warnings: InputWarning[];
  /** true: this key was stored from these very cells; the adapter skips the record (the caller counts it unchanged). */
  known: (key: string, cells: string) => boolean;
}

/** Runs the adapter over the stream; the same on the main thread and in the reading worker. */
export async function* readItems(input: ReadInput): AsyncGenerator<ReadItem> {
  const { file, stream, adapter, problems } = input;
  // The cells of the record the adapter is reading; kept with the record only when no problem came
  // up while reading it (else the next import reads it again, to list its problems again).
  let cells: { key: string; print: string; problems: number } | undefined;
  const records = adapter.read({
    file,
    settings: input.settings,
    header: stream.probe.header,
    rows: () => stream.rows(),
    text: () => stream.text(),
    problem: (p) => problems.push(p),
    warn: (w) => input.warnings.push(w),
    unchanged: (key, rows) => {
      const print = rawPrint(input.settingsKey, rows);
      if (input.known(key, print)) return true;
      cells = { key, print, problems: problems.length };
      return false;
    },
  });
  for await (const record of records) {
    if (record.kind !== adapter.kind) throw new Error(`adapter ${adapter.layout} yielded a ${record.kind} record`);
    yield { record, cells: cells?.key === record.key && cells.problems === problems.length ? cells.print : undefined };
    cells = undefined;
  }
}

/** The fingerprint of a record's cells as read with these settings (and this shopflow version). */
function rawPrint(settings: string, rows: readonly CsvRow[]): string {
  let text = settings;
  for (const row of rows) text += '\u001e' + row.cells.join('\u001f');
  return digest('sha1', text, 'base64');
}
