import { z } from 'zod';
import type { Db } from '../db/open.js';
import { UserError } from '../errors.js';

export const LogOptions = z
  .object({
    /** A date (2026-11-01) or a span back from now (7d, 24h). */
    since: z.string().optional(),
    limit: z.coerce.number().int().positive().default(20),
  })
  .strict();
export type LogOptions = z.input<typeof LogOptions>;

export interface CallRow {
  id: number;
  at: string;
  template: string;
  provider: string;
  model: string;
  status: 'ok' | 'error';
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  latencyMs: number;
  retries: number;
  error: string | null;
  itemId: number | null;
}

export interface Totals {
  calls: number;
  errors: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

export interface LogResult {
  since: string | null;
  /** The latest calls, newest first. */
  calls: CallRow[];
  /** Per UTC day and model, newest day first. */
  byDay: Array<Totals & { day: string; model: string }>;
  total: Totals;
}

const COLUMNS = `id, at, template, provider, model, status, input_tokens as inputTokens, output_tokens as outputTokens,
  cost_usd as costUsd, latency_ms as latencyMs, retries, error, item_id as itemId`;
const SUMS = `count(*) as calls, sum(status = 'error') as errors, sum(input_tokens) as inputTokens,
  sum(output_tokens) as outputTokens, sum(cost_usd) as costUsd`;

/** "2026-11-01", "7d", "24h" → the ISO time from which calls are shown. */
export function sinceTime(since: string, now: Date): string {
  const span = /^(\d+)([dh])$/.exec(since.trim());
  if (span) return new Date(now.getTime() - Number(span[1]) * (span[2] === 'd' ? 86_400_000 : 3_600_000)).toISOString();
  if (/^\d{4}-\d{2}-\d{2}/.test(since) && !Number.isNaN(Date.parse(since))) return new Date(Date.parse(since)).toISOString();
  throw new UserError(`--since: "${since}" is not a date (2026-11-01) or a span (7d, 24h)`, 2);
}

/** What was asked and what it cost: the latest calls and the totals by day and model. */
export function callLog(db: Db, input: LogOptions, now: Date): LogResult {
  const opts = LogOptions.parse(input);
  const from = opts.since ? sinceTime(opts.since, now) : '';
  const calls = db.prepare(`select ${COLUMNS} from llm_calls where at >= ? order by id desc limit ?`).all(from, opts.limit) as CallRow[];
  const byDay = db
    .prepare(`select substr(at, 1, 10) as day, model, ${SUMS} from llm_calls where at >= ? group by day, model order by day desc, model`)
    .all(from) as LogResult['byDay'];
  const total = db.prepare(`select ${SUMS} from llm_calls where at >= ?`).get(from) as Totals;
  return {
    since: from || null,
    calls,
    byDay,
    total: { calls: total.calls, errors: total.errors ?? 0, inputTokens: total.inputTokens ?? 0, outputTokens: total.outputTokens ?? 0, costUsd: total.costUsd ?? 0 },
  };
}

export interface CallDetail extends CallRow {
  system: string;
  prompt: string;
  response: string | null;
}

export function callDetail(db: Db, id: number): CallDetail {
  const row = db.prepare(`select ${COLUMNS}, system, prompt, response from llm_calls where id = ?`).get(id) as CallDetail | undefined;
  if (!row) throw new UserError(`no call ${id} in the log (see: shopflow log)`);
  return row;
}
