import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { z } from 'zod';
import type { Db } from '../db/open.js';
import { InputError, UserError, warningText, type InputWarning } from '../errors.js';
import { openCsvStream, type CsvStream } from '../csv/stream.js';
import type { CsvRow } from '../csv/types.js';
import { RecordWriter } from '../history/store.js';
import { VERSION } from '../lib/version.js';
import { fingerprint } from '../lib/hash.js';
import { ADAPTERS, explicitOnly } from '../formats/registry.js';
import { KINDS, type ImportAdapter, type ImportSettings, type Kind, type Probe, type RowProblem } from '../formats/records.js';

export const ImportOptions = z
  .object({
    files: z.array(z.string().min(1)).min(1),
    kind: z.enum(KINDS).optional(),
    dryRun: z.boolean().default(false),
    /** Read every file row by row even when an identical one was imported (to list its problems again). */
    reread: z.boolean().default(false),
  })
  .strict();
export type ImportOptions = z.input<typeof ImportOptions>;

export interface FileImport {
  file: string;
  kind: Kind;
  platform: string;
  layout: string;
  new: number;
  changed: number;
  unchanged: number;
  warnings: string[];
  /** Rows that were skipped, as "line N, column "X": reason". */
  errors: string[];
  problems: RowProblem[];
}

export interface ImportResult {
  dryRun: boolean;
  files: FileImport[];
}

export interface ImportDeps {
  cwd: string;
  openDb: () => Promise<Db>;
  now: () => Date;
  settings: ImportSettings;
  onProgress?: (file: string, records: number) => void;
}

/**
 * Imports each file as its platform wrote it. All files go in one transaction: a file that cannot
 * be read leaves the database as it was, even when others before it were fine. A dry run does all
 * the work and rolls it back, so its counts are exact.
 */
export async function syncImport(input: ImportOptions, deps: ImportDeps): Promise<ImportResult> {
  const opts = ImportOptions.parse(input);
  const adapters = ADAPTERS;
  const db = await deps.openDb();
  const result: ImportResult = { dryRun: opts.dryRun, files: [] };
  db.exec('begin immediate');
  try {
    for (const file of opts.files) {
      try {
        result.files.push(await importFile(db, file, opts, adapters, deps));
      } catch (err) {
        // They go in together: say so, or the owner thinks the files before this one are in.
        if (err instanceof UserError && opts.files.length > 1) {
          throw new UserError(`${err.message}\nNothing was imported: fix this file, then import them all again.`, err.exitCode);
        }
        throw err;
      }
    }
    db.exec(opts.dryRun ? 'rollback' : 'commit');
  } catch (err) {
    if (db.inTransaction) db.exec('rollback');
    throw err;
  }
  return result;
}

async function importFile(
  db: Db,
  file: string,
  opts: z.output<typeof ImportOptions>,
  adapters: readonly ImportAdapter[],
  deps: ImportDeps,
): Promise<FileImport> {
  const path = resolve(deps.cwd, file);
  const stream = await openCsvStream(path, file);
  const adapter = choose(stream.probe, opts.kind, adapters);
  // What the records depend on besides the file: the store's settings, and the readers' version.
  const settings = JSON.stringify({
    currency: deps.settings.currency ?? null,
    decimalComma: deps.settings.decimalComma ?? false,
    shopflow: VERSION,
  });
  // What the cells' fingerprint starts with: the settings, and how the row text splits into cells.
  const dialect = `${settings}${stream.delimiter}${stream.loneCr ? 'r' : 'n'}`;
  const problems: RowProblem[] = [];
  const warnings: InputWarning[] = [];
  const at = deps.now().toISOString();
  // The file's hash tells a file imported before from a new one. It is computed on another thread
  // from the start: waited for at once when an earlier import could have been this very file, else
  // only at the end, after this thread has read the rows (half a second of a million-row import).
  const fileHash = hashAside(path);
  try {
    const couldRepeat = !opts.reread && db.prepare('select 1 from imports where layout = ? and platform = ? and settings = ? limit 1').get(adapter.layout, adapter.platform, settings) !== undefined;
    const same = couldRepeat ? sameAsLastImport(db, await fileHash.hash, settings, adapter) : undefined;
    if (same) {
      // Nothing of this kind was imported since this very file: every record is unchanged.
      if (same.problems > 0) {
        warnings.push({ file, message: `identical to the file imported on ${same.at.slice(0, 10)}, which had ${same.problems} skipped rows; they are still skipped` });
      }
      db.prepare(
        `insert into imports (at, file, file_hash, kind, platform, layout, new, changed, unchanged, problems, warnings, settings)
         values (?, ?, ?, ?, ?, ?, 0, 0, ?, ?, ?, ?)`,
      ).run(at, path, await fileHash.hash, adapter.kind, adapter.platform, adapter.layout, same.records, same.problems, warnings.length, settings);
      warnings.unshift(...stream.warnings);
      const counts = { new: 0, changed: 0, unchanged: same.records };
      return { file, kind: adapter.kind, platform: adapter.platform, layout: adapter.layout, ...counts, warnings: warnings.map(warningText), errors: [], problems: [] };
    }
    // The hash is filled in at the end, with the counts.
    const importId = Number(
      db
        .prepare(
          `insert into imports (at, file, file_hash, kind, platform, layout, new, changed, unchanged, problems, warnings, settings)
           values (?, ?, '', ?, ?, ?, 0, 0, 0, 0, 0, ?)`,
        )
        .run(at, path, adapter.kind, adapter.platform, adapter.layout, settings).lastInsertRowid,
    );
    return await readInto(db, importId, { file, adapter, stream, dialect, problems, warnings, deps }, () => fileHash.hash);
  } finally {
    fileHash.stop();
  }
}

interface Reading {
  file: string;
  adapter: ImportAdapter;
  stream: CsvStream;
  dialect: string;
  problems: RowProblem[];
  warnings: InputWarning[];
  deps: ImportDeps;
}

/** Reads the file's records into the store under import `importId`; `hash` gives the file's hash at the end. */
async function readInto(db: Db, importId: number, x: Reading, hash: () => Promise<string>): Promise<FileImport> {
  const { file, adapter, stream, dialect, problems, warnings, deps } = x;
  const writer = new RecordWriter(db, adapter.platform, adapter.layout, () => importId, (message) => warnings.push({ file, message }));
  let n = 0;
  // The cells of the record the adapter is reading, fingerprinted by `unchanged` below; kept with
  // the record only when no problem came up while reading it (else the next import reads it again,
  // to list its problems again).
  let cells: { key: string; print: string; problems: number } | undefined;
  const records = adapter.read({
    file,
    settings: deps.settings,
    header: stream.probe.header,
    rows: () => stream.rows(),
    text: () => stream.text(),
    // Kept until the file ends: a copy, or its strings would keep their chunk of the file alive (see detached()).
    problem: (p) => problems.push(structuredClone(p)),
    warn: (w) => warnings.push(w),
    unchanged: (key, rows) => {
      const print = rawPrint(dialect, rows);
      if (!writer.sameCells(adapter.kind, key, print)) {
        cells = { key, print, problems: problems.length };
        return false;
      }
      if (++n % 5000 === 0) deps.onProgress?.(file, n);
      return true;
    },
  });
  for await (const record of records) {
    if (record.kind !== adapter.kind) throw new Error(`adapter ${adapter.layout} yielded a ${record.kind} record`);
    writer.write(record, cells?.key === record.key && cells.problems === problems.length ? cells.print : undefined);
    cells = undefined;
    if (++n % 5000 === 0) deps.onProgress?.(file, n);
  }
  writer.finish();
  const { counts, repeats } = writer;
  // The stream adds warnings while it reads (invalid UTF-8 past the first MiB): take them now.
  warnings.unshift(...stream.warnings);
  if (repeats > 0) {
    warnings.push({
      file,
      message: `${repeats} record${repeats === 1 ? '' : 's'} repeat the key of an earlier one (same order, email or id); the last one was kept`,
    });
  }
  db.prepare('update imports set file_hash = ?, new = ?, changed = ?, unchanged = ?, problems = ?, warnings = ? where id = ?').run(
    await hash(), counts.new, counts.changed, counts.unchanged, problems.length, warnings.length, importId,
  );
  return {
    file,
    kind: adapter.kind,
    platform: adapter.platform,
    layout: adapter.layout,
    ...counts,
    warnings: warnings.map(warningText),
    errors: problems.map((p) => problemText(file, p)),
    problems,
  };
}

/**
 * The last import of this same file (by content hash, read the same way), when no import of the
 * same kind came after it: then its records are all still as that import wrote them.
 */
function sameAsLastImport(db: Db, hash: string, settings: string, a: ImportAdapter): { at: string; records: number; problems: number } | undefined {
  const prior = db
    .prepare(
      `select id, at, new + changed + unchanged as records, problems from imports
       where file_hash = ? and layout = ? and platform = ? and settings = ? order by id desc limit 1`,
    )
    .get(hash, a.layout, a.platform, settings) as { id: number; at: string; records: number; problems: number } | undefined;
  if (!prior) return undefined;
  const later = db.prepare('select 1 from imports where kind = ? and id > ? limit 1').get(a.kind, prior.id);
  return later ? undefined : prior;
}

/** The best-scoring adapter, limited to --kind when given. */
function choose(probe: Probe, kind: Kind | undefined, adapters: readonly ImportAdapter[]): ImportAdapter {
  let best: ImportAdapter | undefined;
  let bestScore = 0;
  for (const a of adapters) {
    if (kind && a.kind !== kind) continue;
    const score = a.detect(probe);
    if (score > bestScore) {
      best = a;
      bestScore = score;
    }
  }
  if (!best && kind) best = explicitOnly[kind];
  if (best) return best;
  const found = probe.header.slice(0, 12).join(', ') + (probe.header.length > 12 ? ', …' : '');
  throw new InputError(
    { file: probe.file, line: 1 },
    kind
      ? `this is not ${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind} export shopflow knows (found columns: ${found}); see the README for the generic ${kind} columns`
      : `shopflow does not recognise this export (found columns: ${found}); name its kind with --kind, or see the README for the generic forms`,
  );
}

export function problemText(file: string, p: RowProblem): string {
  return `${file} line ${p.line}${p.column ? `, column "${p.column}"` : ''}: ${p.message}`;
}

/**
 * The fingerprint of a record's cells as read with these settings (and this shopflow version): of
 * the rows' text, which gives back the same cells with the same delimiter (else of the cells, as
 * JSON). Each row is prefixed with its length, so no two lists of rows give the same text.
 */
function rawPrint(dialect: string, rows: readonly CsvRow[]): string {
  let text = dialect;
  for (const row of rows) {
    const body = row.raw ?? JSON.stringify(row.cells);
    text += `${row.raw === undefined ? 'j' : 'r'}${body.length}:${body}`;
  }
  return fingerprint(text);
}

/**
 * SHA-256 of the file, read and hashed on a worker thread: blocking reads into one buffer, so it
 * holds next to no memory. `stop` ends it when the import ends first (a failure).
 */
const HASH_WORKER = `
  const { parentPort, workerData } = require('node:worker_threads');
  const fs = require('node:fs');
  const hash = require('node:crypto').createHash('sha256');
  const buf = Buffer.allocUnsafe(1 << 20);
  const fd = fs.openSync(workerData, 'r');
  for (let n; (n = fs.readSync(fd, buf, 0, buf.length, null)) > 0; ) hash.update(buf.subarray(0, n));
  fs.closeSync(fd);
  parentPort.postMessage(hash.digest('hex'));`;

function hashAside(path: string): { hash: Promise<string>; stop: () => void } {
  const worker = new Worker(HASH_WORKER, { eval: true, workerData: path, resourceLimits: { maxYoungGenerationSizeMb: 2, maxOldGenerationSizeMb: 16 } });
  const hash = new Promise<string>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the file hash thread stopped (exit code ${code})`)));
  });
  hash.catch(() => {}); // stopped before it finished (the import failed): nobody waits for it
  return { hash, stop: () => void worker.terminate() };
}
