import { UserError } from '../errors.js';
import type { CallRecord, LoggedProvider } from './logged.js';
import { costUsd, DEFAULT_OUTPUT, outputBudget, priceFor, requestTokens, tokenCounter, type TokenCounter } from './cost.js';
import { runPool, type Clock, type Verdict } from './pool.js';
import { ProviderError, type LlmProvider, type LlmRequest, type LlmUsage } from './provider.js';
import type { Price } from '../config/provider.js';

/** What a run spent (or, for an estimate, would spend). */
export interface Spend {
  calls: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  /** Null when the model has no price (add it under provider.prices). */
  model: string | null;
  priced: boolean;
}

export interface BulkReport extends Spend {
  retries: number;
  rateLimited: number;
  /** Why the run stopped early: Ctrl+C, or the next call would have gone over --max-cost. */
  stopped?: 'interrupted' | 'budget';
}

export interface BulkOptions {
  concurrency: number;
  maxCostUsd?: number | undefined;
  prices: Record<string, Price>;
  now: () => Date;
  signal?: AbortSignal | undefined;
  clock?: Clock;
}

const emptySpend = (llm: LlmProvider, prices: Record<string, Price>): Spend => ({
  calls: 0,
  inputTokens: 0,
  outputTokens: 0,
  costUsd: 0,
  model: llm.model ?? null,
  priced: !llm.model || priceFor(llm.model, prices) !== undefined,
});

/** Input and output tokens of one request, counted with the model's tokenizer. */
function requestEstimate(count: TokenCounter, llm: LlmProvider, req: LlmRequest, maxOutput?: number): { input: number; expected: number; cap: number } {
  const schema = req.output && llm.capabilities.structuredOutput ? [JSON.stringify(req.output.jsonSchema)] : [];
  const input = requestTokens(count, [req.system, req.prompt, ...schema]);
  return { input, ...outputBudget(req.expectedOutputTokens ?? DEFAULT_OUTPUT, maxOutput) };
}

/** The bill before anything is spent: tokens by a real tokenizer, cost from the price table. No network. */
export async function estimateCalls(
  reqs: LlmRequest[],
  llm: LlmProvider,
  prices: Record<string, Price>,
  opts: { maxOutput?: number | undefined; batch?: boolean } = {},
): Promise<Spend | null> {
  if (!llm.model) return null;
  const count = await tokenCounter(llm.model);
  const spend = emptySpend(llm, prices);
  for (const req of reqs) {
    const e = requestEstimate(count, llm, req, opts.maxOutput);
    spend.calls++;
    spend.inputTokens += e.input;
    spend.outputTokens += e.expected;
  }
  spend.costUsd = costUsd(spend, priceFor(llm.model, prices), opts.batch);
  return spend;
}

function verdict(err: unknown): Verdict {
  if (err instanceof UserError) return { retryable: false, fatal: true };
  if (err instanceof ProviderError) return err.info;
  return { retryable: false };
}

/**
 * Calls the provider for every request, concurrently (see runPool), and hands each finished call
 * to `onCall` as it arrives, so the caller stores it at once: a crash loses only calls in flight.
 * With `maxCostUsd`, each call reserves its worst case (input + the output cap) before it starts,
 * so the run stops before the budget would be exceeded. A fatal failure (a rejected key) is
 * handed over like the others and then thrown.
 */
export async function runCalls<J extends { req: LlmRequest }>(
  jobs: J[],
  llm: LlmProvider & Partial<Pick<LoggedProvider, 'callId' | 'abandon'>>,
  opts: BulkOptions & { maxOutputTokens?: number | undefined },
  /** May return a follow-up job (a second try), made before the jobs not yet started. */
  onCall: (job: J, call: CallRecord) => J | void,
): Promise<BulkReport> {
  const price = llm.model ? priceFor(llm.model, opts.prices) : undefined;
  const report: BulkReport = { ...emptySpend(llm, opts.prices), retries: 0, rateLimited: 0 };
  let reserveOf: ((req: LlmRequest) => number) | undefined;
  if (opts.maxCostUsd !== undefined && llm.model) {
    if (!price) throw new UserError(`--max-cost: no price for model "${llm.model}"; add it under provider.prices in shopflow.yaml`, 2);
    const count = await tokenCounter(llm.model);
    reserveOf = (req) => {
      const e = requestEstimate(count, llm, req, opts.maxOutputTokens);
      return costUsd({ inputTokens: e.input, outputTokens: e.cap }, price);
    };
  }
  const reserved = new Map<J, number>();
  let reservedUsd = 0;
  const started = new Map<J, { at: string; t: number }>();

  const pool = await runPool(
    jobs,
    async (job, ctx) => {
      if (!started.has(job)) started.set(job, { at: opts.now().toISOString(), t: performance.now() });
      return llm.complete(job.req, { signal: ctx.signal, onRateHint: ctx.hint });
    },
    {
      concurrency: opts.concurrency,
      signal: opts.signal,
      ...(opts.clock ? { clock: opts.clock } : {}),
      classify: verdict,
      mayStart: (job) => {
        if (!reserveOf || opts.maxCostUsd === undefined) return true;
        const need = reserveOf(job.req);
        if (report.costUsd + reservedUsd + need > opts.maxCostUsd) return false;
        reserved.set(job, need);
        reservedUsd += need;
        return true;
      },
      onSettled: (job, r) => {
        reservedUsd -= reserved.get(job) ?? 0;
        reserved.delete(job);
        const s = started.get(job) ?? { at: opts.now().toISOString(), t: performance.now() };
        started.delete(job);
        const failure = r.ok ? undefined : r.error;
        const usage: LlmUsage = r.ok ? r.value.usage : failure instanceof ProviderError && failure.info.usage ? failure.info.usage : { inputTokens: 0, outputTokens: 0 };
        const call: CallRecord = {
          at: s.at,
          provider: llm.id,
          model: llm.model ?? llm.id,
          req: job.req,
          usage,
          latencyMs: Math.round(performance.now() - s.t),
          costUsd: costUsd(usage, price),
          retries: r.attempts - 1,
          ...(r.ok ? { response: r.value } : { error: (failure as Error)?.message ?? String(failure) }),
          ...(failure instanceof ProviderError && failure.info.raw !== undefined ? { raw: failure.info.raw } : {}),
          ...(failure instanceof UserError ? { fatal: failure } : {}),
        };
        const logId = llm.callId?.(job.req);
        if (logId !== undefined) call.logId = logId;
        report.calls++;
        report.inputTokens += usage.inputTokens;
        report.outputTokens += usage.outputTokens;
        report.costUsd += call.costUsd;
        return onCall(job, call);
      },
    },
  );
  // Stopped between a failed try and its retry: the call never finished, so it leaves no log row.
  for (const job of started.keys()) llm.abandon?.(job.req);
  report.retries = pool.retries;
  report.rateLimited = pool.rateLimited;
  if (pool.stopped === 'fatal') {
    const f = pool.fatal;
    if (f instanceof ProviderError && f.info.unreachable) {
      throw new UserError(`${f.message} — check provider.base_url (or OPENAI_BASE_URL) and the network; every finished draft is saved, run again to continue`);
    }
    throw f;
  }
  if (pool.stopped === 'aborted') report.stopped = 'interrupted';
  if (pool.stopped === 'budget') report.stopped = 'budget';
  return report;
}
