import type { Clock } from '../../src/core/llm/pool.js';

/**
 * Virtual time for the pool: sleeps wait for `run` to advance the clock, which it does only when
 * every task is waiting. Deterministic: `random` is fixed.
 */
export class FakeClock implements Clock {
  t = 0;
  private timers: Array<{ at: number; resolve: () => void }> = [];
  readonly now = (): number => this.t;
  readonly random = (): number => 0.5;
  readonly sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      this.timers.push({ at: this.t + Math.max(0, ms), resolve });
      signal?.addEventListener('abort', () => resolve(), { once: true });
    });

  async run<T>(p: Promise<T>): Promise<T> {
    let done = false;
    p.then(() => (done = true), () => (done = true));
    for (;;) {
      await new Promise((r) => setImmediate(r));
      if (done) return p;
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers.shift();
      if (!next) throw new Error('every task waits and no timer is set');
      this.t = Math.max(this.t, next.at);
      next.resolve();
    }
  }
}
