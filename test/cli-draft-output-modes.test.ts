import { writeFileSync } from 'node:fs';
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

async function store(opts: Parameters<typeof start>[0]) {
  fake = await start(opts);
  const dir = tempDir();
  const env = { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.url };
  const draft = (...args: string[]) => runCli(['draft', PRODUCTS, '--provider', 'openai', ...args], { cwd: dir, env });
  const db = join(dir, 'shopflow.db');
  const modes = () => query<{ base_url: string; model: string; mode: string }>(db, 'select base_url, model, mode from llm_output_modes order by model');
  const towel = () => JSON.parse(query<{ fields: string }>(db, `select fields from items where product_handle = 'linen-tea-towel' order by id desc limit 1`)[0]!.fields);
  return { fake, dir, db, draft, modes, towel };
}

describe('structured output: probed once per server and model, then remembered', () => {
  test('a server that refuses json_schema: json_object from the first refusal on; the next run asks no more', async () => {
    const s = await store({ refuseFormats: ['json_schema'] });
    const r = await s.draft('--concurrency', '1');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('8 drafted, 0 unchanged · template product-description · provider openai:gpt-4o-mini');
    expect(s.fake.stats.formats).toEqual({ json_schema: 1, json_object: 8 });
    expect(s.modes()).toEqual([{ base_url: s.fake.url, model: 'gpt-4o-mini', mode: 'json_object' }]);
    expect(s.towel()).toEqual({ body_html: 'Fake body_html for Linen Tea Towel.' });
    // The refusal is part of the first call, not a call of its own.
    expect(count(s.db, 'llm_calls')).toBe(8);
    expect(count(s.db, 'llm_calls', `status = 'ok' and retries = 0`)).toBe(8);

    const again = await s.draft('--force');
    expect(again.code).toBe(0);
    expect(s.fake.stats.formats).toEqual({ json_schema: 1, json_object: 16 });
    // Another model on the same server is probed on its own.
    await s.draft('--model', 'gpt-4.1-mini', '--concurrency', '1');
    expect(s.fake.stats.formats).toEqual({ json_schema: 2, json_object: 24 });
    expect(s.modes().map((m) => `${m.model}: ${m.mode}`)).toEqual(['gpt-4.1-mini: json_object', 'gpt-4o-mini: json_object']);
  });

  test('a server that refuses json_object too: the schema goes in the prompt', async () => {
    const s = await store({ refuseFormats: ['json_schema', 'json_object'] });
    const r = await s.draft('--concurrency', '1', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ drafted: 8, failed: 0 });
    expect(s.fake.stats.formats).toEqual({ json_schema: 1, json_object: 1, none: 8 });
    expect(s.fake.stats.refused).toBe(2);
    expect(s.modes()).toEqual([{ base_url: s.fake.url, model: 'gpt-4o-mini', mode: 'prompt' }]);
    expect(s.fake.stats.bodies.at(-1)!.messages[0]!.content).toMatch(/Reply with one JSON object in a fenced ```json block, matching this JSON schema: \{"type":"object"/);
    expect(s.towel()).toEqual({ body_html: 'Fake body_html for Linen Tea Towel.' });

    await s.draft('--force');
    expect(s.fake.stats.formats).toEqual({ json_schema: 1, json_object: 1, none: 16 });
  });

  test('a server that ignores the schema and answers prose: the fenced JSON is read, and the prompt carries the schema from then on', async () => {
    const s = await store({ prose: true });
    const r = await s.draft('--concurrency', '1');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('8 drafted, 0 unchanged');
    expect(s.fake.stats.formats).toEqual({ json_schema: 1, none: 7 });
    expect(s.modes()).toEqual([{ base_url: s.fake.url, model: 'gpt-4o-mini', mode: 'prompt' }]);
    expect(s.towel()).toEqual({ body_html: 'Fake body_html for Linen Tea Towel.' });
    // The log keeps the reply as the server wrote it.
    const logged = query<{ response: string }>(s.db, `select response from llm_calls order by id limit 1`)[0]!.response;
    expect(logged).toMatch(/^Here is the copy you asked for:\n\n```json\n\{\n {2}"body_html": "Fake body_html for /);

    await s.draft('--force');
    expect(s.fake.stats.formats).toEqual({ json_schema: 1, none: 15 });
  });

  test('requests in flight when the server refuses move on too: every product drafted, none failed', async () => {
    const s = await store({ refuseFormats: ['json_schema'], latencyMs: 5 });
    const r = await s.draft('--concurrency', '4', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ drafted: 8, failed: 0 });
    expect(s.fake.stats.formats.json_schema).toBeGreaterThanOrEqual(1);
    expect(s.fake.stats.formats.json_schema).toBeLessThanOrEqual(4);
    expect(s.fake.stats.formats.json_object).toBe(8);
  });

  test('a server that takes json_schema is remembered as such; a dry run never probes', async () => {
    const s = await store({ refuseFormats: ['json_schema'] });
    const dry = await s.draft('--dry-run');
    expect(dry.code).toBe(0);
    expect(s.fake.stats.requests).toBe(0);

    s.fake.set({ refuseFormats: [] });
    await s.draft('--concurrency', '2');
    expect(s.fake.stats.formats).toEqual({ json_schema: 8 });
    expect(s.modes()).toEqual([{ base_url: s.fake.url, model: 'gpt-4o-mini', mode: 'json_schema' }]);
  });

  test('provider.structured_output in shopflow.yaml sets the mode: nothing is probed or remembered', async () => {
    const s = await store({});
    writeFileSync(join(s.dir, 'shopflow.yaml'), 'provider:\n  structured_output: prompt\n');
    const r = await s.draft('--concurrency', '2');
    expect(r.code).toBe(0);
    expect(s.fake.stats.formats).toEqual({ none: 8 });
    expect(s.modes()).toEqual([]);
    expect(s.towel()).toEqual({ body_html: 'Fake body_html for Linen Tea Towel.' });
  });
});
