import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { start, type FakeOpenAi } from './fake-openai/server.js';
import { count, example, query, runCli, tempDir } from './helpers.js';

const PRODUCTS = example('products.csv');
const KEY = 'sk-test-never-shown-9876';
let fake: FakeOpenAi | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function store(opts: Parameters<typeof start>[0] = {}) {
  fake = await start({ apiKey: KEY, ...opts });
  const dir = tempDir();
  const env = { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: fake.url };
  const draft = (...args: string[]) => runCli(['draft', PRODUCTS, '--provider', 'openai', ...args], { cwd: dir, env });
  return { fake, dir, env, db: join(dir, 'shopflow.db'), draft };
}

describe('shopflow draft --provider openai', () => {
  test('drafts every product concurrently, logs each call with tokens, and a re-run calls nothing', async () => {
    const s = await store({ latencyMs: 5 });
    const r = await s.draft('--concurrency', '3');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('8 drafted, 0 unchanged · template product-description · provider openai:gpt-4o-mini');
    expect(r.stdout).toMatch(/Spent: 8 calls, [\d,]+ input \+ [\d,]+ output tokens, \$0\.\d{4} \(gpt-4o-mini\)/);
    expect(s.fake.stats.requests).toBe(8);
    expect(Object.values(s.fake.stats.titles)).toEqual(Array(8).fill(1));
    const calls = query<{ status: string; input_tokens: number; cost_usd: number; retries: number; model: string }>(s.db, 'select * from llm_calls');
    expect(calls).toHaveLength(8);
    expect(calls.every((c) => c.status === 'ok' && c.input_tokens > 0 && c.cost_usd > 0 && c.retries === 0 && c.model === 'gpt-4o-mini')).toBe(true);
    const fields = query<{ fields: string }>(s.db, `select fields from items where product_handle = 'linen-tea-towel'`);
    expect(JSON.parse(fields[0]!.fields)).toEqual({ body_html: 'Fake body_html for Linen Tea Towel.' });

    const again = await s.draft('--json');
    expect(JSON.parse(again.stdout)).toMatchObject({ drafted: 0, unchanged: 8 });
    expect(s.fake.stats.requests).toBe(8);
    // Another model is another cache key: drafted again.
    const other = await s.draft('--model', 'gpt-4.1-mini', '--json');
    expect(JSON.parse(other.stdout)).toMatchObject({ drafted: 8, superseded: 8 });
  });

  test('with 5xx, 429s and a timeout on the way, every product is drafted exactly once', async () => {
    const s = await store({ faults: ['500', '429', '503', null, 'timeout', '429', '500', null, '502'] });
    s.env.OPENAI_BASE_URL = s.fake.url;
    const yaml = 'provider:\n  name: openai\n  timeout_seconds: 0.3\n';
    await import('node:fs').then((fs) => fs.writeFileSync(join(s.dir, 'shopflow.yaml'), yaml));
    const r = await runCli(['draft', PRODUCTS, '--json', '--concurrency', '8'], { cwd: s.dir, env: s.env });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ drafted: 8, failed: 0 });
    expect(out.spent.retries).toBeGreaterThanOrEqual(5);
    expect(s.fake.stats.rateLimited).toBeGreaterThan(0);
    expect(Object.values(s.fake.stats.titles).sort()).toEqual(Array(8).fill(1));
    expect(query(s.db, 'select product_handle from items group by product_handle having count(*) > 1')).toEqual([]);
    expect(count(s.db, 'items')).toBe(8);
    expect(query<{ n: number }>(s.db, 'select sum(retries) as n from llm_calls')[0]!.n).toBe(out.spent.retries - out.spent.rateLimited + s.fake.stats.rateLimited);
  });

  test('a reply that stays invalid fails that product, stores no draft, and the re-run drafts only it', async () => {
    const s = await store({ faults: ['malformed', 'malformed'] });
    const r = await s.draft('--concurrency', '1');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('7 drafted, 0 unchanged, 1 failed');
    expect(r.stdout).toContain('speckled-stoneware-mug: the reply was not a JSON object (asked twice)');
    expect(count(s.db, 'items', `product_handle = 'speckled-stoneware-mug'`)).toBe(0);
    expect(query(s.db, `select status, error from llm_calls where status = 'error'`)).toEqual([
      { status: 'error', error: 'the reply was not a JSON object (asked twice)' },
    ]);
    const again = JSON.parse((await s.draft('--json')).stdout);
    expect(again).toMatchObject({ drafted: 1, unchanged: 7 });
    expect(count(s.db, 'items')).toBe(8);
  });

  test('a rejected key stops the run with one clear message; the key is never printed or stored', async () => {
    const s = await store();
    s.env.OPENAI_API_KEY = 'sk-wrong-key-5555';
    const r = await s.draft();
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`error: ${s.fake.url} rejected the key — check OPENAI_API_KEY\n`);
    expect(s.fake.stats.requests).toBeLessThanOrEqual(4);
    const everything = r.stdout + r.stderr + readFileSync(s.db).toString('latin1');
    expect(everything).not.toContain('sk-wrong-key-5555');
    expect(count(s.db, 'items')).toBe(0);
  });

  test('--dry-run estimates tokens and cost and makes no network call, even without a key', async () => {
    const s = await store({ failAll: true });
    const r = await runCli(['draft', PRODUCTS, '--provider', 'openai', '--dry-run'], { cwd: s.dir, env: { OPENAI_BASE_URL: s.fake.url } });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Estimate: 8 calls, ~[\d,]+ input \+ ~[\d,]+ output tokens, ~\$0\.\d{4} \(gpt-4o-mini\)/);
    expect(r.stdout).toContain('  plus, without --batch, a second call for each draft whose claims the product data does not support: at most twice this\n');
    expect(r.stdout).toContain('Dry run: nothing was called or written.');
    expect(s.fake.stats.requests).toBe(0);
    expect(existsSync(s.db)).toBe(false);
    const json = JSON.parse((await runCli(['draft', PRODUCTS, '--provider', 'openai', '--dry-run', '--json', '--model', 'gpt-4o'], { cwd: s.dir, env: {} })).stdout);
    expect(json.estimate.model).toBe('gpt-4o');
    expect(json.estimate.calls).toBe(8);
    // gpt-4o costs 2.50/10 per million against gpt-4o-mini's 0.15/0.60
    const mini = JSON.parse((await runCli(['draft', PRODUCTS, '--provider', 'openai', '--dry-run', '--json'], { cwd: s.dir, env: {} })).stdout);
    expect(json.estimate.costUsd / mini.estimate.costUsd).toBeCloseTo(2.5 / 0.15, 0);
    expect(s.fake.stats.requests).toBe(0);
  });

  test('--max-cost stops before the budget would be exceeded, says how far it got; a re-run continues', async () => {
    const s = await store();
    const dry = JSON.parse((await s.draft('--dry-run', '--json')).stdout);
    const budget = (dry.estimate.costUsd / 8) * 2.5; // each call reserves its worst case: room for one or two
    const r = await s.draft('--max-cost', String(budget), '--concurrency', '1');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/Stopped before going over --max-cost: \d products? not started\. Run again with a higher --max-cost to draft them\./);
    const drafted = count(s.db, 'items');
    expect(drafted).toBeGreaterThan(0);
    expect(drafted).toBeLessThan(8);
    const spent = query<{ usd: number }>(s.db, 'select sum(cost_usd) as usd from llm_calls')[0]!.usd;
    expect(spent).toBeLessThanOrEqual(budget);
    const rest = JSON.parse((await s.draft('--json')).stdout);
    expect(rest).toMatchObject({ drafted: 8 - drafted, unchanged: drafted });
    expect(s.fake.stats.requests).toBe(8);
  });

  test('--max-cost goes as far with many requests at once as with one: the reserve of calls in flight comes back', async () => {
    const runs: number[] = [];
    for (const concurrency of ['1', '8']) {
      const s = await store();
      const dry = JSON.parse((await s.draft('--dry-run', '--json')).stdout);
      const budget = (dry.estimate.costUsd / 8) * 2.5; // each call reserves its worst case: room for one or two
      const r = await s.draft('--max-cost', String(budget), '--concurrency', concurrency);
      expect(r.code).toBe(1);
      expect(query<{ usd: number }>(s.db, 'select sum(cost_usd) as usd from llm_calls')[0]!.usd).toBeLessThanOrEqual(budget);
      runs.push(count(s.db, 'items'));
      await s.fake.close();
      fake = undefined;
    }
    expect(runs[0]).toBeLessThan(8);
    expect(runs[1]).toBe(runs[0]);
  });

  test('Ctrl+C keeps every finished draft, abandons the calls in flight, and the next run completes the rest', async () => {
    const s = await store({ latencyMs: 40 });
    let interrupt: (() => void) | undefined;
    const timer = setInterval(() => {
      if (s.fake.stats.ok >= 3) interrupt?.();
    }, 2);
    const r = await runCli(['draft', PRODUCTS, '--provider', 'openai', '--concurrency', '2'], {
      cwd: s.dir,
      env: s.env,
      onInterrupt: (h) => {
        interrupt = h;
        return () => (interrupt = undefined);
      },
    });
    clearInterval(timer);
    expect(r.code).toBe(130);
    expect(r.stdout).toMatch(/Interrupted: every finished draft is saved, \d products? not started\. Run the same command again to continue\./);
    const saved = count(s.db, 'items');
    expect(saved).toBeGreaterThanOrEqual(2);
    expect(saved).toBeLessThan(8);
    const rest = JSON.parse((await s.draft('--json')).stdout);
    expect(rest).toMatchObject({ drafted: 8 - saved, unchanged: saved });
    expect(query(s.db, 'select count(*) as n, count(distinct product_handle) as d from items')).toEqual([{ n: 8, d: 8 }]);
  });
});

describe('the summary of failed products', () => {
  test('up to three products per error are named; more share one line', async () => {
    const { failureLines } = await import('../src/cli/commands/draft.js');
    const failed = (handle: string, error: string) => ({ id: null, handle, title: handle, outcome: 'failed' as const, error });
    const items = [
      ...Array.from({ length: 2000 }, (_, i) => failed(`p${i}`, 'HTTP 500 from the server')),
      failed('mug', 'the reply was not a JSON object (asked twice)'),
      { id: 1, handle: 'ok', title: 'ok', outcome: 'drafted' as const },
    ];
    expect(failureLines(items)).toEqual([
      '  2000 products: HTTP 500 from the server (p0, p1, p2 and 1997 more; --json lists them all)',
      '  mug: the reply was not a JSON object (asked twice)',
    ]);
  });
});
