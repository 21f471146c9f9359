import type { Db } from '../db/open.js';
import { stmt } from '../db/statements.js';
import type { UserError } from '../errors.js';
import type { LlmRequest, LlmResponse, LlmUsage } from './provider.js';

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
}

/**
 * Stores a call — template, model, prompt, response, tokens, cost, latency, retries, outcome — so
 * the owner can always see what was asked and what it cost.
 */
export function recordCall(db: Db, c: CallRecord, itemId: number | null): number {
  return Number(
    stmt(
      db,
      `insert into llm_calls (at, provider, model, template, system, prompt, response, input_tokens, output_tokens,
         cost_usd, latency_ms, status, error, item_id, retries) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      c.at,
      c.provider,
      c.response?.model ?? c.model,
      c.req.template.name,
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
    ).lastInsertRowid,
  );
}
