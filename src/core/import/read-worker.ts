// The reading thread of a big import (see read-threaded.ts): CSV stream + adapter → batches of records.
import { parentPort, workerData } from 'node:worker_threads';
import { openCsvStream } from '../csv/stream.js';
import type { InputWarning } from '../errors.js';
import { readItems, type ReadItem } from './read-items.js';
import { AHEAD, BATCH, errorMessage, type FromWorker, type WorkerJob } from './read-threaded.js';
import { ADAPTERS, explicitOnly } from './registry.js';
import type { RowProblem } from './types.js';

const port = parentPort!;
const job = workerData as WorkerJob;
let ahead = 0;
let wake: (() => void) | undefined;
port.on('message', () => {
  ahead--;
  wake?.();
  wake = undefined;
});

async function send(items: ReadItem[]): Promise<void> {
  while (ahead >= AHEAD) await new Promise<void>((resolve) => (wake = resolve));
  ahead++;
  port.postMessage({ t: 'batch', items } satisfies FromWorker);
}

async function main(): Promise<void> {
  const stream = await openCsvStream(job.path, job.file);
  const adapter = job.adapter >= 0 ? ADAPTERS[job.adapter] : job.kind && explicitOnly[job.kind];
  if (!adapter) throw new Error(`no adapter ${job.adapter} for ${job.kind ?? 'any kind'}`);
  const problems: RowProblem[] = [];
  const warnings: InputWarning[] = [];
  let batch: ReadItem[] = [];
  const items = readItems({ file: job.file, stream, adapter, settings: job.settings, settingsKey: job.settingsKey, problems, warnings, known: () => false });
  for await (const item of items) {
    batch.push(item);
    if (batch.length === BATCH) {
      await send(batch);
      batch = [];
    }
  }
  if (batch.length > 0) await send(batch);
  port.postMessage({ t: 'end', problems, warnings, streamWarnings: stream.warnings } satisfies FromWorker);
}

main().catch((err: unknown) => port.postMessage(errorMessage(err)));
