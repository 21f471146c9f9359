import type { Db } from '../db/open.js';
import { UserError } from '../errors.js';
import { ProviderError, type LlmProvider, type LlmRequest, type LlmResponse, type LlmUsage, type OutputSchema } from './provider.js';

export interface BatchState {
  status: string;
  outputFileId: string | null;
  total: number;
  completed: number;
  failed: number;
}

/** One answered request of a batch: the same response a live call returns, or what was wrong. */
export interface BatchAnswer {
  customId: string;
  response?: LlmResponse;
  error?: string;
  /** The reply's text (also of a failed one). */
  raw: string;
  usage: LlmUsage;
}

/** The OpenAI Batch API: a JSONL file of requests, answered within 24 hours at half the price. */
export interface BatchApi {
  requestBody(req: LlmRequest): object;
  submitBatch(jsonl: string): Promise<string>;
  batchState(id: string): Promise<BatchState>;
  fileText(id: string): Promise<string>;
  /** Reads one line of the output file, validated by the output schema as a live reply is. */
  readBatchLine(line: unknown, output: OutputSchema | undefined): BatchAnswer;
}

export const hasBatchApi = (p: LlmProvider): p is LlmProvider & BatchApi =>
  p.capabilities.batch && typeof (p as Partial<BatchApi>).submitBatch === 'function';

export interface BatchRow {
  id: number;
  remoteId: string;
  at: string;
  provider: string;
  model: string;
  template: string;
  templateHash: string;
  sourceFile: string;
  requests: number;
  status: string;
  collectedAt: string | null;
}

export interface BatchRequestRow {
  customId: string;
  handle: string;
  inputHash: string;
  system: string;
  prompt: string;
  /** What the request was drafted from (the task's own data, as JSON). */
  source: unknown;
}

const apiFailure = (err: unknown): Error => (err instanceof ProviderError ? new UserError(`Batch API: ${err.message}`) : (err as Error));

/** Input hashes of the products of `template` waiting in a batch not collected yet: not to be drafted twice. */
export function waitingInBatch(db: Db, template: string): Set<string> {
  const rows = db
    .prepare(
      `select r.input_hash from llm_batch_requests r join llm_batches b on b.id = r.batch_id
       where b.collected_at is null and b.template = ?`,
    )
    .pluck()
    .all(template) as string[];
  return new Set(rows);
}

/**
 * Uploads the requests as JSONL and creates the batch; then records it with what each request was
 * for. (A crash between the two loses that batch: it is never collected, and the next draft run
 * drafts those products again.)
 */
export async function submitBatch(
  db: Db,
  api: LlmProvider & BatchApi,
  jobs: Array<{ inputHash: string; handle: string; source: unknown; req: LlmRequest }>,
  meta: { template: { name: string; hash: string }; sourceFile: string; at: string },
): Promise<BatchRow> {
  const lines = jobs.map((j, i) => JSON.stringify({ custom_id: String(i), method: 'POST', url: '/v1/chat/completions', body: api.requestBody(j.req) }));
  const remoteId = await api.submitBatch(`${lines.join('\n')}\n`).catch((err: unknown) => Promise.reject(apiFailure(err)));
  return db.transaction(() => {
    const id = Number(
      db
        .prepare(
          `insert into llm_batches (remote_id, at, provider, model, template, template_hash, source_file, requests, status)
           values (?, ?, ?, ?, ?, ?, ?, ?, 'validating')`,
        )
        .run(remoteId, meta.at, api.id, api.model ?? api.id, meta.template.name, meta.template.hash, meta.sourceFile, jobs.length).lastInsertRowid,
    );
    const add = db.prepare(
      `insert into llm_batch_requests (batch_id, custom_id, handle, input_hash, system, prompt, source_snapshot) values (?, ?, ?, ?, ?, ?, ?)`,
    );
    jobs.forEach((j, i) => add.run(id, String(i), j.handle, j.inputHash, j.req.system, j.req.prompt, JSON.stringify(j.source)));
    return batchRows(db, 'where id = ?', id)[0]!;
  })();
}

export function batchRows(db: Db, where = '', ...args: unknown[]): BatchRow[] {
  return db
    .prepare(
      `select id, remote_id as remoteId, at, provider, model, template, template_hash as templateHash, source_file as sourceFile,
         requests, status, collected_at as collectedAt from llm_batches ${where} order by id`,
    )
    .all(...args) as BatchRow[];
}

/** Asks the API about every batch not collected yet, and records its status. */
export async function refreshBatches(db: Db, api: BatchApi): Promise<Array<BatchRow & { state: BatchState }>> {
  const out: Array<BatchRow & { state: BatchState }> = [];
  for (const row of batchRows(db, 'where collected_at is null')) {
    const state = await api.batchState(row.remoteId).catch((err: unknown) => Promise.reject(apiFailure(err)));
    db.prepare('update llm_batches set status = ? where id = ?').run(state.status, row.id);
    out.push({ ...row, status: state.status, state });
  }
  return out;
}

export function batchRequests(db: Db, batchId: number): Map<string, BatchRequestRow> {
  const rows = db
    .prepare(
      `select custom_id as customId, handle, input_hash as inputHash, system, prompt, source_snapshot as source
       from llm_batch_requests where batch_id = ?`,
    )
    .all(batchId) as Array<Omit<BatchRequestRow, 'source'> & { source: string }>;
  return new Map(rows.map((r) => [r.customId, { ...r, source: JSON.parse(r.source) as unknown }]));
}

/** The answers in a batch's output file, each read as a live reply would be. */
export async function batchOutput(api: BatchApi, fileId: string, output: OutputSchema | undefined): Promise<BatchAnswer[]> {
  const text = await api.fileText(fileId).catch((err: unknown) => Promise.reject(apiFailure(err)));
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => api.readBatchLine(JSON.parse(l), output));
}

export function markCollected(db: Db, id: number, at: string): void {
  db.prepare('update llm_batches set collected_at = ? where id = ?').run(at, id);
}
