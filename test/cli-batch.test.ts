import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { start, type FakeOpenAi } from './fake-openai/server.js';
import { count, example, query, runCli, tempDir } from './helpers.js';

const PRODUCTS = example('products.csv');
let fake: FakeOpenAi | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function store(opts: Parameters<typeof start>[0] = {}) {
  fake = await start({ apiKey: 'sk-b', ...opts });
  const dir = tempDir();
  const env = { OPENAI_API_KEY: 'sk-b', OPENAI_BASE_URL: fake.url };
  const cli = (...args: string[]) => runCli(args, { cwd: dir, env });
  // Each command a minute after the one before, as an owner runs them.
  let minute = 0;
  const later = (...args: string[]) => runCli(args, { cwd: dir, env, now: () => new Date(Date.UTC(2026, 10, 27, 12, minute++)) });
  return { fake, dir, env, db: join(dir, 'shopflow.db'), cli, later };
}

describe('draft --batch and shopflow batch', () => {
  test('a product drafted live after its batch was submitted keeps that draft; the batch reply is logged, not stored', async () => {
    const s = await store();
    expect((await s.later('draft', PRODUCTS, '--provider', 'openai', '--batch')).stdout).toContain('8 in a batch');
    expect((await s.later('draft', PRODUCTS, '--provider', 'openai', '--force', '--only', 'linen-tea-towel')).code).toBe(0);
    await s.later('batch', 'status');
    const r = await s.later('batch', 'collect');
    expect(r.stdout).toContain('7 drafted, 1 already drafted');
    expect(count(s.db, 'items')).toBe(8);
    expect(count(s.db, 'llm_calls')).toBe(9);
  });

  test('draft --batch --force: the new drafts are collected, not dropped as "already drafted"; every paid reply is logged', async () => {
    const s = await store();
    expect((await s.later('draft', PRODUCTS, '--provider', 'openai')).code).toBe(0);
    expect((await s.later('draft', PRODUCTS, '--provider', 'openai', '--batch', '--force')).stdout).toContain('8 in a batch');
    await s.later('batch', 'status');
    const r = await s.later('batch', 'collect');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('8 drafted');
    expect(count(s.db, 'items')).toBe(16);
    expect(query(s.db, `select count(*) as n from items where status = 'superseded'`)).toEqual([{ n: 8 }]);
    expect(count(s.db, 'llm_calls')).toBe(16);
  });

  test('submits once, reports status, collects every draft once at half the price, and nothing twice', async () => {
    const s = await store();
    const r = await s.cli('draft', PRODUCTS, '--provider', 'openai', '--batch');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('0 drafted, 0 unchanged, 8 in a batch');
    expect(r.stdout).toContain('Submitted batch batch_1 (8 requests, at batch prices). Next: shopflow batch status, then shopflow batch collect');
    expect(s.fake.stats).toMatchObject({ uploads: 1, batches: 1, ok: 8 });
    expect(s.fake.stats.bodies).toHaveLength(0); // no live chat call
    expect(count(s.db, 'items')).toBe(0);

    // Waiting products are neither submitted again nor drafted live.
    const again = await s.cli('draft', PRODUCTS, '--provider', 'openai', '--batch', '--json');
    expect(JSON.parse(again.stdout)).toMatchObject({ inBatch: 8, batch: null });
    const live = await s.cli('draft', PRODUCTS, '--provider', 'openai', '--json');
    expect(JSON.parse(live.stdout)).toMatchObject({ drafted: 0, inBatch: 8 });
    expect(s.fake.stats).toMatchObject({ uploads: 1, batches: 1 });
    expect(s.fake.stats.bodies).toHaveLength(0);

    const status = await s.cli('batch', 'status');
    expect(status.stdout).toMatch(/^batch_1  in_progress 0\/8 · product-description · .*products\.csv · submitted 2026-11-27 12:00\n$/);

    const collected = await s.cli('batch', 'collect');
    expect(collected.code).toBe(0);
    expect(collected.stdout).toContain('batch_1  collected   8/8 · product-description');
    expect(collected.stdout).toContain('· 8 drafted');
    expect(query(s.db, 'select count(*) as n, count(distinct product_handle) as d from items')).toEqual([{ n: 8, d: 8 }]);
    const calls = query<{ input_tokens: number; output_tokens: number; cost_usd: number }>(s.db, 'select * from llm_calls');
    expect(calls).toHaveLength(8);
    for (const c of calls) expect(c.cost_usd).toBeCloseTo(((c.input_tokens * 0.15 + c.output_tokens * 0.6) / 1e6) * 0.5, 12);

    expect((await s.cli('batch', 'collect')).stdout).toBe('No batches waiting.\n');
    expect(count(s.db, 'items')).toBe(8);
    const after = JSON.parse((await s.cli('draft', PRODUCTS, '--provider', 'openai', '--batch', '--json')).stdout);
    expect(after).toMatchObject({ unchanged: 8, inBatch: 0, batch: null });
    expect(s.fake.stats.batches).toBe(1);
  });

  test('a reply that is not valid fails its product only; the next --batch submits just that one', async () => {
    const s = await store({ faults: ['malformed'], batchPolls: 0 });
    await s.cli('draft', PRODUCTS, '--provider', 'openai', '--batch');
    const r = await s.cli('batch', 'collect', '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ drafted: 7, failed: 1 });
    expect(query(s.db, `select error from llm_calls where status = 'error'`)).toEqual([{ error: 'the reply was not a JSON object' }]);
    const next = JSON.parse((await s.cli('draft', PRODUCTS, '--provider', 'openai', '--batch', '--json')).stdout);
    expect(next).toMatchObject({ unchanged: 7, inBatch: 1, batch: { requests: 1 } });
  });

  test('--dry-run --batch estimates at half the price; --batch needs the openai provider', async () => {
    const s = await store({ failAll: true });
    const live = JSON.parse((await s.cli('draft', PRODUCTS, '--provider', 'openai', '--dry-run', '--json')).stdout);
    const batch = JSON.parse((await s.cli('draft', PRODUCTS, '--provider', 'openai', '--dry-run', '--batch', '--json')).stdout);
    expect(batch.estimate.inputTokens).toBe(live.estimate.inputTokens);
    expect(batch.estimate.costUsd).toBeCloseTo(live.estimate.costUsd / 2, 12);
    expect(s.fake.stats.requests).toBe(0);
    const offline = await s.cli('draft', PRODUCTS, '--batch');
    expect(offline.code).toBe(2);
    expect(offline.stderr).toBe('error: --batch needs the openai provider (the OpenAI Batch API): add --provider openai\n');
    expect(existsSync(s.db)).toBe(false);
  });
});
