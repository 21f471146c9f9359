import { describe, expect, test } from 'vitest';
import { runPool, type Settled, type TaskContext, type Verdict } from '../src/core/llm/pool.js';
import { FakeClock } from './helpers/fake-clock.js';

class Failure extends Error {
  constructor(readonly v: Verdict) {
    super(v.rateLimited ? '429' : v.fatal ? 'fatal' : v.retryable ? '500' : '400');
  }
}
const classify = (err: unknown): Verdict => (err instanceof Failure ? err.v : { retryable: false });

/** A server in virtual time: `latency` ms per request, answers scripted per item and attempt. */
function harness(script: (item: number, attempt: number, ctx: TaskContext) => Verdict | null, latency = (_item: number) => 100) {
  const clock = new FakeClock();
  const settled = new Map<number, Settled<string>>();
  const starts: Array<{ item: number; at: number; inFlight: number }> = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const task = async (item: number, ctx: TaskContext): Promise<string> => {
    maxInFlight = Math.max(maxInFlight, ++inFlight);
    starts.push({ item, at: clock.t, inFlight });
    try {
      await clock.sleep(latency(item), ctx.signal);
      if (ctx.signal.aborted) throw new Error('aborted');
      const fault = script(item, ctx.attempt, ctx);
      if (fault) throw new Failure(fault);
      return `done ${item}`;
    } finally {
      inFlight--;
    }
  };
  return {
    clock,
    settled,
    starts,
    maxInFlight: () => maxInFlight,
    run: (n: number, opts: { concurrency: number; signal?: AbortSignal; mayStart?: (i: number) => boolean; maxAttempts?: number }) =>
      clock.run(
        runPool(Array.from({ length: n }, (_, i) => i), task, {
          ...opts,
          clock,
          classify,
          onSettled: (item, r) => {
            if (settled.has(item)) throw new Error(`item ${item} settled twice`);
            settled.set(item, r);
          },
        }),
      ),
  };
}

describe('runPool', () => {
  test('runs every item once, never more than `concurrency` at a time', async () => {
    const h = harness(() => null);
    const report = await h.run(20, { concurrency: 4 });
    expect(report).toMatchObject({ started: 20, settled: 20, retries: 0 });
    expect(h.maxInFlight()).toBe(4);
    expect([...h.settled.values()].every((r) => r.ok && r.attempts === 1)).toBe(true);
    expect(h.clock.t).toBe(500); // 20 items, 4 at a time, 100 ms each
  });

  test('a 5xx is retried with exponential backoff and jitter; a 400 is not retried', async () => {
    const h = harness((item, attempt) => (item === 0 && attempt <= 3 ? { retryable: true } : item === 1 ? { retryable: false } : null));
    const report = await h.run(2, { concurrency: 2 });
    expect(report.retries).toBe(3);
    expect(h.settled.get(0)).toEqual({ ok: true, value: 'done 0', attempts: 4 });
    expect(h.settled.get(1)).toMatchObject({ ok: false, attempts: 1 });
    // attempt n+1 starts 100 ms (the request) + 500·2^(n-1)·0.75 (backoff with jitter) after attempt n
    const times = h.starts.filter((s) => s.item === 0).map((s) => s.at);
    expect(times).toEqual([0, 475, 1325, 2925]);
  });

  test('gives up after maxAttempts of 5xx and reports the failure', async () => {
    const h = harness(() => ({ retryable: true }));
    await h.run(1, { concurrency: 1, maxAttempts: 3 });
    expect(h.settled.get(0)).toMatchObject({ ok: false, attempts: 3 });
  });

  test('a 429 halves the limit and gates every request until Retry-After; the limit recovers', async () => {
    let limitedOnce = false;
    const h = harness((item) => {
      if (item === 5 && !limitedOnce) {
        limitedOnce = true;
        return { retryable: true, rateLimited: true, retryAfterMs: 1000 };
      }
      return null;
    });
    const report = await h.run(200, { concurrency: 8 });
    expect(report).toMatchObject({ settled: 200, rateLimited: 1, lowestLimit: 4 });
    expect(h.settled.get(5)).toMatchObject({ ok: true, attempts: 2 });
    // Nothing starts between the 429 (at 100 ms) and Retry-After (1,100 ms).
    expect(h.starts.filter((s) => s.at > 100 && s.at < 1100)).toEqual([]);
    // Right after the cut fewer are in flight; additive increase brings it back to 8.
    expect(Math.max(...h.starts.filter((s) => s.at >= 1100 && s.at < 1200).map((s) => s.inFlight))).toBeLessThan(8);
    expect(Math.max(...h.starts.filter((s) => s.at >= 2000).map((s) => s.inFlight))).toBe(8);
  });

  test('x-ratelimit-remaining-requests 0 holds new requests until the next one fits', async () => {
    const h = harness((item, _a, ctx) => {
      if (item === 0) ctx.hint({ remainingRequests: 0, limitRequests: 60, resetRequestsMs: 5000 });
      return null;
    });
    await h.run(3, { concurrency: 1 });
    // 60 a minute: one a second fits, so the gate is 1 s, not the 5 s until the bucket is full.
    expect(h.starts.map((s) => s.at)).toEqual([0, 1100, 1200]);
  });

  test('under a 10/s limit with Retry-After, 100 items take close to the ideal 10 s (virtual time)', async () => {
    const clock = new FakeClock();
    let tokens = 10;
    let at = 0;
    const take = () => {
      tokens = Math.min(10, tokens + (clock.t - at) / 100);
      at = clock.t;
      if (tokens >= 1) return (tokens -= 1), null;
      return { retryable: true, rateLimited: true, retryAfterMs: Math.ceil((1 - tokens) * 100) };
    };
    let done = 0;
    const report = await clock.run(
      runPool(Array.from({ length: 100 }, (_, i) => i), async (_i, ctx) => {
        const fault = take();
        await clock.sleep(200, ctx.signal);
        if (fault) throw new Failure(fault);
      }, { concurrency: 8, clock, classify, onSettled: () => void done++ }),
    );
    expect(done).toBe(100);
    expect(report.settled).toBe(100);
    expect(clock.t).toBeLessThan((100 - 10) * 100 * 1.15 + 200);
  });

  test('abort: nothing new starts, requests in flight are abandoned and not settled', async () => {
    const stop = new AbortController();
    // Items 0 and 1 take 100 ms, the others 1 s; Ctrl+C comes as item 1 finishes.
    const h = harness((item) => {
      if (item === 1) stop.abort();
      return null;
    }, (item) => (item < 2 ? 100 : 1000));
    const report = await h.run(10, { concurrency: 3, signal: stop.signal });
    expect(report.stopped).toBe('aborted');
    expect([...h.settled.keys()].sort()).toEqual([0, 1]);
    expect(report.started).toBe(4); // 2 and 3 were in flight, abandoned
  });

  test('a fatal failure settles its item, abandons the others and stops', async () => {
    const h = harness((item) => (item === 1 ? { retryable: false, fatal: true } : null));
    const report = await h.run(10, { concurrency: 2 });
    expect(report.stopped).toBe('fatal');
    expect(report.fatal).toBeInstanceOf(Failure);
    expect(h.settled.get(1)).toMatchObject({ ok: false });
    expect(h.starts.length).toBeLessThan(10);
  });

  test('a server that cannot be reached stops the run once one item has used its retries (a wrong base_url does not fail 2,000 products one by one)', async () => {
    const h = harness(() => ({ retryable: true, unreachable: true }));
    const report = await h.run(50, { concurrency: 1, maxAttempts: 3 });
    expect(report.stopped).toBe('fatal');
    expect(h.settled.size).toBe(1);
    expect(h.starts).toHaveLength(3);
  });

  test('an ordinary 5xx that outlasts its retries fails only its item', async () => {
    const h = harness((item) => (item === 0 ? { retryable: true } : null));
    const report = await h.run(5, { concurrency: 1, maxAttempts: 3 });
    expect(report.stopped).toBeUndefined();
    expect([...h.settled.values()].map((r) => r.ok)).toEqual([false, true, true, true, true]);
  });

  test('many requests at once listening on the run\'s signal (as the OpenAI SDK does) print no MaxListenersExceededWarning to the owner', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on('warning', onWarning);
    try {
      await runPool(
        Array.from({ length: 32 }, (_, i) => i),
        async (_item, ctx) => {
          const listener = () => undefined;
          ctx.signal.addEventListener('abort', listener);
          await new Promise((r) => setTimeout(r, 5));
          ctx.signal.removeEventListener('abort', listener);
        },
        { concurrency: 16, classify: () => ({ retryable: false }), onSettled: () => undefined },
      );
      await new Promise((r) => setTimeout(r, 10));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings).not.toContain('MaxListenersExceededWarning');
  });

  test('mayStart false stops before that item; those in flight finish', async () => {
    const h = harness(() => null);
    const report = await h.run(10, { concurrency: 2, mayStart: (i) => i < 5 });
    expect(report).toMatchObject({ stopped: 'budget', started: 5, settled: 5 });
  });
});
