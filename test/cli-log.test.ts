import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { start, type FakeOpenAi } from './fake-openai/server.js';
import { example, runCli, tempDir } from './helpers.js';

let fake: FakeOpenAi | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('shopflow log', () => {
  test('lists calls newest first with tokens, cost and retries, and totals by day and model', async () => {
    fake = await start({ faults: ['500'] });
    const dir = tempDir();
    const env = { OPENAI_API_KEY: 'sk-x', OPENAI_BASE_URL: fake.url };
    await runCli(['draft', example('products.csv'), '--only', 'gift-card'], { cwd: dir, now: () => new Date('2026-11-20T09:00:00Z') });
    await runCli(['draft', example('products.csv'), '--provider', 'openai', '--only', 'linen-tea-towel', 'bud-vase-set', '--concurrency', '1'], { cwd: dir, env });

    const r = await runCli(['log'], { cwd: dir });
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('Calls, newest first:');
    expect(lines[1]).toMatch(/^  #3 2026-11-27 12:00:00 product-description · gpt-4o-mini · [\d,]+ in \+ \d+ out · \$0\.\d{4} · [\d,]+ ms · ok$/);
    expect(lines[2]).toMatch(/^  #2 .* · 1 retry · ok$/);
    expect(lines[3]).toMatch(/^  #1 2026-11-20 09:00:00 product-description · offline · 0 in \+ 0 out · \$0\.0000 · \d+ ms · ok$/);
    expect(r.stdout).toContain('By day (UTC) and model:');
    expect(r.stdout).toMatch(/  2026-11-27  gpt-4o-mini\s+2 calls/);
    expect(r.stdout).toMatch(/  2026-11-20  offline\s+1 call /);
    expect(r.stdout).toMatch(/Total: 3 calls, [\d,]+ input \+ \d+ output tokens, \$0\.\d{4}/);

    const json = JSON.parse((await runCli(['log', '--since', '3d', '--json'], { cwd: dir })).stdout);
    expect(json.calls.map((c: { id: number }) => c.id)).toEqual([3, 2]);
    expect(json.byDay).toEqual([expect.objectContaining({ day: '2026-11-27', model: 'gpt-4o-mini', calls: 2, errors: 0 })]);
    expect(json.total.calls).toBe(2);
    expect(json.total.costUsd).toBeGreaterThan(0);

    const one = await runCli(['log', '2'], { cwd: dir });
    expect(one.stdout).toContain('System:\nYou draft copy for');
    expect(one.stdout).toContain('"title": "');
    expect(one.stdout).toContain('Reply:\n{"body_html":"Fake body_html for');
  });

  test('no database: "No calls yet." and none created; a bad --since is a bad invocation', async () => {
    const dir = tempDir();
    const r = await runCli(['log'], { cwd: dir });
    expect(r).toEqual({ code: 0, stdout: 'No calls yet.\n', stderr: '' });
    expect(existsSync(join(dir, 'shopflow.db'))).toBe(false);
    const bad = await runCli(['log', '--since', 'last week'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('error: --since: "last week" is not a date (2026-11-01) or a span (7d, 24h)\n');
  });
});
