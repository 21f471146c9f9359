import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { InputError, UserError, type InputWarning, type Place } from '../errors.js';
import type { ReadItem } from './read-items.js';
import type { ImportSettings, Kind, RowProblem } from './types.js';

/**
 * Reading a big file on a second thread: the worker runs the CSV stream and the adapter (the same
 * `readItems` as the main thread) and posts records in batches, while the main thread writes them
 * inside its one transaction. The worker never touches the database: it answers no "unchanged"
 * question, it sends each record with the fingerprint of its cells and the main thread asks.
 */
export interface WorkerJob {
  path: string;
  file: string;
  kind: Kind | undefined;
  /** Index in ADAPTERS, or -1 for the explicit-only adapter of `kind`. */
  adapter: number;
  settings: ImportSettings;
  settingsKey: string;
}

export type FromWorker =
  | { t: 'batch'; items: ReadItem[] }
  | { t: 'end'; problems: RowProblem[]; warnings: InputWarning[]; streamWarnings: InputWarning[] }
  | { t: 'error'; input?: { place: Place; reason: string }; user?: { message: string; exitCode: 1 | 2 }; message?: string };

/** Records per message, and messages the worker may be ahead by (memory stays bounded). */
export const BATCH = 512;
export const AHEAD = 8;

export interface ReadOutcome {
  problems: RowProblem[];
  warnings: InputWarning[];
  /** The stream's own warnings (encoding, invalid UTF-8 found late). */
  streamWarnings: InputWarning[];
}

/** Yields the worker's records in file order; at the end, adds its problems and warnings to `out`. */
export async function* readInWorker(job: WorkerJob, out: ReadOutcome): AsyncGenerator<ReadItem> {
  const worker = new Worker(workerUrl(), { workerData: job });
  const queue: FromWorker[] = [];
  let failure: Error | undefined;
  let exited = false;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  worker.on('message', (m: FromWorker) => {
    queue.push(m);
    notify();
  });
  worker.on('error', (err) => {
    failure = err;
    notify();
  });
  worker.on('exit', () => {
    exited = true;
    notify();
  });
  try {
    for (;;) {
      while (queue.length === 0) {
        if (failure) throw failure;
        if (exited) throw new Error('the reading thread stopped before the end of the file');
        await new Promise<void>((resolve) => (wake = resolve));
      }
      const m = queue.shift()!;
      if (m.t === 'batch') {
        worker.postMessage(0); // taken: the worker may read one batch further
        yield* m.items;
      } else if (m.t === 'end') {
        out.problems.push(...m.problems);
        out.warnings.push(...m.warnings);
        out.streamWarnings.push(...m.streamWarnings);
        return;
      } else throw thrown(m);
    }
  } finally {
    await worker.terminate();
  }
}

/** The worker's error as the main thread would have thrown it: same class, same message. */
function thrown(m: Extract<FromWorker, { t: 'error' }>): Error {
  if (m.input) return new InputError(m.input.place, m.input.reason);
  if (m.user) return new UserError(m.user.message, m.user.exitCode);
  return new Error(m.message);
}

export function errorMessage(err: unknown): Extract<FromWorker, { t: 'error' }> {
  if (err instanceof InputError) return { t: 'error', input: { place: err.place, reason: err.reason } };
  if (err instanceof UserError) return { t: 'error', user: { message: err.message, exitCode: err.exitCode } };
  return { t: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) };
}

function workerUrl(): URL {
  const built = new URL('./read-worker.js', import.meta.url);
  if (existsSync(built)) return built;
  // Run from the TypeScript sources (the tests): the compiled worker, built from the same sources.
  return new URL('../../../dist/core/import/read-worker.js', import.meta.url);
}
