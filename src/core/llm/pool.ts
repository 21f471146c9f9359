import { setMaxListeners } from 'node:events';
import type { RateHint } from './provider.js';

/** Time for the pool; tests pass a fake one. */
export interface Clock {
  now(): number;
  /** Resolves after `ms`, or at once when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  random(): number;
}

export const realClock: Clock = {
  now: () => performance.now(),
  random: Math.random,
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const done = () => {
        clearTimeout(t);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const t = setTimeout(done, Math.max(0, ms));
      signal?.addEventListener('abort', done, { once: true });
    }),
};

/** How a failure is to be treated. */
export interface Verdict {
  retryable: boolean;
  rateLimited?: boolean;
  retryAfterMs?: number;
  /** Stops the whole run (a rejected key): retrying or other items cannot help. */
  fatal?: boolean;
  /** The server cannot be reached: once one item has used its retries, the run stops (fatal). */
  unreachable?: boolean;
}

export type Settled<T> = { ok: true; value: T; attempts: number } | { ok: false; error: unknown; attempts: number };

export interface TaskContext {
  attempt: number;
  signal: AbortSignal;
  /** The server's x-ratelimit-* headers: with none left, no request starts before the reset. */
  hint(h: RateHint): void;
}

export interface PoolOptions<I, T> {
  /** Items worked on at once, and the most requests in flight. */
  concurrency: number;
  classify: (err: unknown) => Verdict;
  /** May return a follow-up item (a second try): it starts before the items not yet started. */
  onSettled: (item: I, r: Settled<T>) => I | void;
  /** Asked before an item starts; false (with nothing else running) stops the run there (a spending limit). */
  mayStart?: (item: I) => boolean;
  signal?: AbortSignal | undefined;
  clock?: Clock;
  /** Attempts per item for 5xx and timeouts (429s have their own, much larger, allowance). */
  maxAttempts?: number;
  maxRateLimited?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
}

export interface PoolReport {
  started: number;
  settled: number;
  retries: number;
  rateLimited: number;
  /** The lowest the adaptive limit went. */
  lowestLimit: number;
  stopped?: 'aborted' | 'budget' | 'fatal';
  fatal?: unknown;
}

/**
 * Runs `task` over the items with up to `concurrency` at once, retrying 429, 5xx and timeouts
 * with exponential backoff and jitter. Requests in flight follow AIMD: a 429 halves the limit
 * (once per congestion episode: only for requests started after the last cut) and sets a gate
 * no request passes before Retry-After; each success adds 1/limit, back up to `concurrency`.
 * Results are handed to `onSettled` as they arrive. Abort: nothing new starts, requests in
 * flight are abandoned (their tasks see the signal), the report says 'aborted'.
 */
export async function runPool<I, T>(
  items: readonly I[],
  task: (item: I, ctx: TaskContext) => Promise<T>,
  opts: PoolOptions<I, T>,
): Promise<PoolReport> {
  const clock = opts.clock ?? realClock;
  const max = Math.max(1, Math.floor(opts.concurrency));
  const maxAttempts = opts.maxAttempts ?? 6;
  const maxRateLimited = opts.maxRateLimited ?? 100;
  const base = opts.baseDelayMs ?? 500;
  const maxDelay = opts.maxDelayMs ?? 60_000;
  const inner = new AbortController();
  // Each request in flight and each backoff listens on it: many at once is by design, not a leak.
  setMaxListeners(Math.max(10, max * 4), inner.signal);
  const onAbort = () => stop('aborted');
  const report: PoolReport = { started: 0, settled: 0, retries: 0, rateLimited: 0, lowestLimit: max };

  let limit = max;
  let lastCut = -Infinity;
  let gate = 0;
  let inFlight = 0;
  let next = 0;
  let active = 0;
  const followUps: I[] = [];
  let waiters: Array<() => void> = [];
  const wakeAll = () => {
    const w = waiters;
    waiters = [];
    for (const f of w) f();
  };

  function stop(why: 'aborted' | 'budget' | 'fatal', err?: unknown): void {
    if (report.stopped && report.stopped !== 'budget') return;
    report.stopped = why;
    if (why === 'fatal') report.fatal = err;
    if (why !== 'budget') inner.abort();
    wakeAll();
  }

  /** Waits for the gate and a free slot under the adaptive limit; false when stopped. */
  async function acquire(): Promise<boolean> {
    for (;;) {
      if (inner.signal.aborted) return false;
      const wait = gate - clock.now();
      if (wait > 0) await clock.sleep(wait, inner.signal);
      else if (inFlight < Math.floor(limit)) {
        inFlight++;
        return true;
      } else await new Promise<void>((r) => waiters.push(r));
    }
  }
  function release(): void {
    inFlight--;
    wakeAll();
  }

  /** A result the caller cannot store (a full disk) stops the run like a fatal error. */
  function settle(item: I, r: Settled<T>): void {
    report.settled++;
    try {
      const more = opts.onSettled(item, r);
      if (more !== undefined) followUps.push(more);
    } catch (err) {
      stop('fatal', err);
    }
  }

  const hint = (h: RateHint): void => {
    const now = clock.now();
    if (h.remainingRequests === 0) {
      // The reset is when the bucket is full again; the next request fits much sooner.
      const perRequest = h.limitRequests ? 60_000 / h.limitRequests : Infinity;
      gate = Math.max(gate, now + Math.min(h.resetRequestsMs ?? 1000, perRequest));
    }
    if (h.remainingTokens === 0) gate = Math.max(gate, now + Math.min(h.resetTokensMs ?? 1000, 1000));
  };

  async function runItem(item: I): Promise<void> {
    let failures = 0;
    let limited = 0;
    for (let attempt = 1; ; attempt++) {
      if (!(await acquire())) return;
      const startedAt = clock.now();
      let value: T;
      try {
        value = await task(item, { attempt, signal: inner.signal, hint });
      } catch (err) {
        release();
        if (inner.signal.aborted) return;
        const v = opts.classify(err);
        if (v.fatal) {
          settle(item, { ok: false, error: err, attempts: attempt });
          return stop('fatal', err);
        }
        const exhausted = v.rateLimited ? ++limited >= maxRateLimited : ++failures >= maxAttempts;
        if (!v.retryable || exhausted) {
          settle(item, { ok: false, error: err, attempts: attempt });
          return exhausted && v.unreachable ? stop('fatal', err) : undefined;
        }
        report.retries++;
        if (v.rateLimited) {
          report.rateLimited++;
          if (startedAt >= lastCut) {
            limit = Math.max(1, limit / 2);
            lastCut = clock.now();
            report.lowestLimit = Math.min(report.lowestLimit, Math.floor(limit));
          }
          const backoff = base * 2 ** Math.min(limited - 1, 6);
          gate = Math.max(gate, clock.now() + (v.retryAfterMs ?? Math.min(maxDelay, backoff)));
          // A little spread, so that the retries do not all arrive in the same millisecond.
          await clock.sleep(clock.random() * 20, inner.signal);
        } else {
          const backoff = Math.min(maxDelay, base * 2 ** (failures - 1)) * (0.5 + clock.random() / 2);
          await clock.sleep(Math.max(v.retryAfterMs ?? 0, backoff), inner.signal);
        }
        continue;
      }
      release();
      limit = Math.min(max, limit + 1 / limit);
      wakeAll();
      return settle(item, { ok: true, value, attempts: attempt });
    }
  }

  async function worker(): Promise<void> {
    while (!report.stopped && (followUps.length > 0 || next < items.length)) {
      const followUp = followUps.length > 0;
      const item = followUp ? followUps[0]! : items[next]!;
      if (opts.mayStart && !opts.mayStart(item)) {
        // What the items running now reserved comes back when they finish: wait, then ask again.
        if (active === 0) return stop('budget');
        await new Promise<void>((r) => waiters.push(r));
        continue;
      }
      if (followUp) followUps.shift();
      else next++;
      report.started++;
      active++;
      try {
        await runItem(item);
      } finally {
        active--;
        wakeAll();
      }
    }
  }

  if (opts.signal?.aborted) stop('aborted');
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await Promise.all(Array.from({ length: Math.min(max, items.length) }, worker));
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
  }
  return report;
}
