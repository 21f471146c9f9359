import type { Db } from '../db/open.js';
import type { LlmProvider, LlmRequest, LlmResponse } from './provider.js';

/**
 * Calls a provider and stores the call — prompt, response, tokens, cost, latency, outcome — so the
 * owner can always see what was asked and what it cost. Failed calls are logged too.
 */
export async function loggedComplete(
  db: Db,
  provider: LlmProvider,
  req: LlmRequest,
  clock: { now: () => Date; costUsd?: (r: LlmResponse) => number } = { now: () => new Date() },
): Promise<{ response: LlmResponse; callId: number }> {
  const started = performance.now();
  const at = clock.now().toISOString();
  const insert = db.prepare(
    `insert into llm_calls (at, provider, model, template, system, prompt, response, input_tokens, output_tokens,
       cost_usd, latency_ms, status, error) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  try {
    const response = await provider.complete(req);
    const latency = Math.round(performance.now() - started);
    const cost = clock.costUsd?.(response) ?? 0;
    const { lastInsertRowid } = insert.run(at, provider.id, response.model, req.template.name, req.system, req.prompt,
      response.raw, response.usage.inputTokens, response.usage.outputTokens, cost, latency, 'ok', null);
    return { response, callId: Number(lastInsertRowid) };
  } catch (err) {
    const latency = Math.round(performance.now() - started);
    insert.run(at, provider.id, provider.id, req.template.name, req.system, req.prompt, null, 0, 0, 0, latency, 'error',
      (err as Error)?.message ?? String(err));
    throw err;
  }
}

export function linkCall(db: Db, callId: number, itemId: number): void {
  db.prepare('update llm_calls set item_id = ? where id = ?').run(itemId, callId);
}
