import type { Db } from '../db/open.js';
import { stmt } from '../db/statements.js';
import { UserError } from '../errors.js';
import type { LlmProvider, LlmRequest, LlmResponse } from './provider.js';

/** One provider call as it happened, ready to be stored. */
export interface CallRecord {
  at: string;
  provider: string;
  req: LlmRequest;
  response?: LlmResponse;
  error?: string;
  latencyMs: number;
  costUsd: number;
  /** A failure that no retry or other product can fix (a rejected key): the run must stop. */
  fatal?: UserError;
}

/**
 * Calls a provider and times it. Never throws for a provider failure: the failure is part of the
 * record, because every call — failed ones too — goes into the log.
 */
export async function timedCall(
  provider: LlmProvider,
  req: LlmRequest,
  clock: { now: () => Date; costUsd?: (r: LlmResponse) => number },
): Promise<CallRecord> {
  const at = clock.now().toISOString();
  const started = performance.now();
  try {
    const response = await provider.complete(req);
    const latencyMs = Math.round(performance.now() - started);
    return { at, provider: provider.id, req, response, latencyMs, costUsd: clock.costUsd?.(response) ?? 0 };
  } catch (err) {
    const latencyMs = Math.round(performance.now() - started);
    const error = (err as Error)?.message ?? String(err);
    return { at, provider: provider.id, req, error, latencyMs, costUsd: 0, ...(err instanceof UserError ? { fatal: err } : {}) };
  }
}

/**
 * Stores a call — template, model, prompt, response, tokens, cost, latency, outcome — so the owner
 * can always see what was asked and what it cost.
 */
export function recordCall(db: Db, c: CallRecord, itemId: number | null): number {
  const r = c.response;
  return Number(
    stmt(
      db,
      `insert into llm_calls (at, provider, model, template, system, prompt, response, input_tokens, output_tokens,
         cost_usd, latency_ms, status, error, item_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      c.at,
      c.provider,
      r?.model ?? c.provider,
      c.req.template.name,
      c.req.system,
      c.req.prompt,
      r?.raw ?? null,
      r?.usage.inputTokens ?? 0,
      r?.usage.outputTokens ?? 0,
      c.costUsd,
      c.latencyMs,
      r ? 'ok' : 'error',
      c.error ?? null,
      itemId,
    ).lastInsertRowid,
  );
}
