import type { Db } from '../db/open.js';
import { stmt } from '../db/statements.js';
import type { UserError } from '../errors.js';
import type { Price } from '../config/provider.js';
import { costUsd, priceFor } from './cost.js';
import { ProviderError, type CallOptions, type LlmProvider, type LlmRequest, type LlmResponse, type LlmUsage } from './provider.js';

/** One provider call as it happened (with its retries), ready to be stored. */
export interface CallRecord {
  at: string;
  provider: string;
  model: string;
  req: LlmRequest;
  response?: LlmResponse;
  error?: string;
  /** Tokens used, also by a failed call (an invalid reply is billed too). */
  usage: LlmUsage;
  /** Raw text of a failed reply, when there was one. */
  raw?: string;
  latencyMs: number;
  costUsd: number;
  retries: number;
  /** A failure that no retry or other product can fix (a rejected key): the run must stop. */
  fatal?: UserError;
  /** Its llm_calls row, when a logged() provider has stored it. */
  logId?: number;
}

const COLUMNS = 'at, provider, model, template, system, prompt, response, input_tokens, output_tokens, cost_usd, latency_ms, status, error, item_id, retries';

const values = (c: CallRecord, itemId: number | null) => [
  c.at,
  c.provider,
  c.response?.model ?? c.model,
  c.req.template,
  c.req.system,
  c.req.prompt,
  c.response?.raw ?? c.raw ?? null,
  c.usage.inputTokens,
  c.usage.outputTokens,
  c.costUsd,
  c.latencyMs,
  c.response ? 'ok' : 'error',
  c.error ?? null,
  itemId,
  c.retries,
];

/**
 * Stores a call — template, model, prompt, response, tokens, cost, latency, retries, outcome — so
 * the owner can always see what was asked and what it cost.
 */
export function recordCall(db: Db, c: CallRecord, itemId: number | null): number {
  const sql = `insert into llm_calls (${COLUMNS}) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
  return Number(stmt(db, sql).run(...values(c, itemId)).lastInsertRowid);
}

/** The calls that produced an item point at it. */
export function linkCalls(db: Db, ids: Array<number | undefined>, itemId: number): void {
  for (const id of ids) if (id !== undefined) stmt(db, 'update llm_calls set item_id = ? where id = ?').run(itemId, id);
}

/** Where the log's writes go: e.g. a WriteBatch's open group, so a call commits with what it produced. */
export interface LogWrites {
  join<T>(fn: () => T): T;
}

export interface LoggedProvider extends LlmProvider {
  /** The llm_calls row of the latest call for `req`. */
  callId(req: LlmRequest): number | undefined;
  /** The request will not be tried again (the run stopped): a row its failed tries left is removed. */
  abandon(req: LlmRequest): void;
}

interface Attempts {
  at: string;
  t0: number;
  attempts: number;
  id?: number;
}

/**
 * Wraps any provider so that each call is stored in llm_calls. A request tried again (the pool
 * retries 429s and 5xx with the same request) stays one row, its `retries` counted; a call
 * abandoned by Ctrl+C leaves none, as it never finished.
 */
export function logged(
  inner: LlmProvider,
  db: Db,
  opts: { now: () => Date; prices: Record<string, Price>; writes?: LogWrites },
): LoggedProvider {
  const price = inner.model ? priceFor(inner.model, opts.prices) : undefined;
  const tries = new WeakMap<LlmRequest, Attempts>();
  const write = <T>(fn: () => T): T => (opts.writes ? opts.writes.join(fn) : fn());

  function store(req: LlmRequest, a: Attempts, outcome: { response: LlmResponse } | { failure: unknown }): void {
    const failure = 'failure' in outcome ? outcome.failure : undefined;
    const usage = 'response' in outcome ? outcome.response.usage : failure instanceof ProviderError && failure.info.usage ? failure.info.usage : { inputTokens: 0, outputTokens: 0 };
    const record: CallRecord = {
      at: a.at,
      provider: inner.id,
      model: inner.model ?? inner.id,
      req,
      usage,
      latencyMs: Math.round(performance.now() - a.t0),
      costUsd: costUsd(usage, price),
      retries: a.attempts - 1,
      ...('response' in outcome ? { response: outcome.response } : { error: (failure as Error)?.message ?? String(failure) }),
      ...(failure instanceof ProviderError && failure.info.raw !== undefined ? { raw: failure.info.raw } : {}),
    };
    const save = () => {
      if (a.id === undefined) a.id = recordCall(db, record, null);
      else stmt(db, `update llm_calls set (${COLUMNS}) = (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) where id = ?`).run(...values(record, null), a.id);
    };
    // A reply rides with what is made of it; a failure is stored at once (its retry may be a long wait away).
    if ('response' in outcome) write(save);
    else save();
  }

  function abandon(req: LlmRequest): void {
    const id = tries.get(req)?.id;
    tries.delete(req);
    if (id !== undefined) stmt(db, 'delete from llm_calls where id = ?').run(id);
  }

  return {
    id: inner.id,
    ...(inner.model !== undefined ? { model: inner.model } : {}),
    ...(inner.settingsKey !== undefined ? { settingsKey: inner.settingsKey } : {}),
    capabilities: inner.capabilities,
    callId: (req) => tries.get(req)?.id,
    abandon,
    async complete(req: LlmRequest, callOpts?: CallOptions): Promise<LlmResponse> {
      let a = tries.get(req);
      if (!a) tries.set(req, (a = { at: opts.now().toISOString(), t0: performance.now(), attempts: 0 }));
      a.attempts++;
      try {
        const response = await inner.complete(req, callOpts);
        store(req, a, { response });
        return response;
      } catch (err) {
        if (callOpts?.signal?.aborted) abandon(req);
        else store(req, a, { failure: err });
        throw err;
      }
    },
  };
}
