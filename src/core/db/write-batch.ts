import type { Db } from './open.js';

/**
 * Groups many small writes into few commits. Each unit still runs in its own savepoint (better-sqlite3
 * nests `db.transaction()` inside an open transaction), so a failed unit leaves no trace, while a
 * commit happens only every `maxUnits` units or `maxMs` milliseconds. A crash loses at most the
 * units since the last commit; every caller must be idempotent on re-run (drafting is).
 */
export class WriteBatch {
  private open = false;
  private units = 0;
  private since = 0;

  constructor(
    private readonly db: Db,
    private readonly maxUnits = 200,
    private readonly maxMs = 200,
  ) {}

  unit<T>(fn: () => T): T {
    if (!this.open) {
      this.db.exec('begin immediate');
      this.open = true;
      this.units = 0;
      this.since = performance.now();
    }
    const result = this.db.transaction(fn)();
    this.units++;
    if (this.units >= this.maxUnits || performance.now() - this.since >= this.maxMs) this.commit();
    return result;
  }

  /** A write that rides in the open group (opening one): it commits with the next unit's commit, never alone. */
  join<T>(fn: () => T): T {
    if (!this.open) {
      this.db.exec('begin immediate');
      this.open = true;
      this.units = 0;
      this.since = performance.now();
    }
    return this.db.transaction(fn)();
  }

  commit(): void {
    if (!this.open) return;
    this.open = false;
    this.db.exec('commit');
  }

  /** Drops every unit since the last commit (for callers that must be all or nothing). */
  rollback(): void {
    if (!this.open) return;
    this.open = false;
    this.db.exec('rollback');
  }
}
