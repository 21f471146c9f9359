import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import Database from 'better-sqlite3';
import { start, type FakeOpenAi } from './fake-openai/server.js';
import { ROOT, tempDir } from './helpers.js';

const BIN = join(ROOT, 'bin', 'shopflow.js');
const N = 500;
const CONCURRENCY = 8;
let fake: FakeOpenAi | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

function shopflow(args: string[], cwd: string, env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

function db(path: string) {
  const d = new Database(path, { readonly: true });
  try {
    return {
      integrity: d.pragma('integrity_check', { simple: true }),
      items: d.prepare('select count(*) as n, count(distinct product_handle) as handles from items').get() as { n: number; handles: number },
      calls: d.prepare(`select count(*) from llm_calls where status = 'ok'`).pluck().get() as number,
    };
  } finally {
    d.close();
  }
}

describe.skipIf(!existsSync(join(ROOT, 'dist', 'cli', 'main.js')))('kill -9 in the middle of a run', () => {
  test(`${N} products: killed mid-run, re-run: every product drafted exactly once, the database intact`, async () => {
    fake = await start({ latencyMs: 20 });
    const dir = tempDir();
    const rows = Array.from({ length: N }, (_, i) => `p-${i},Product number ${i},A plain thing number ${i}.,Maker ${i % 7},${(i % 50) + 5}.00`);
    writeFileSync(join(dir, 'products.csv'), ['handle,title,description,vendor,price', ...rows].join('\n'));
    const env = { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.url };
    const args = ['draft', 'products.csv', '--provider', 'openai', '--concurrency', String(CONCURRENCY)];

    const first = shopflow(args, dir, env);
    await new Promise<void>((resolve) => {
      const t = setInterval(() => {
        if (fake!.stats.ok >= N / 3) {
          clearInterval(t);
          first.child.kill('SIGKILL');
          resolve();
        }
      }, 2);
    });
    const killed = await first.done;
    expect(killed.signal).toBe('SIGKILL');
    const mid = db(join(dir, 'shopflow.db'));
    expect(mid.integrity).toBe('ok');
    expect(mid.items.n).toBe(mid.items.handles);
    expect(mid.items.n).toBeGreaterThan(0);
    expect(mid.items.n).toBeLessThan(N);
    // Only answers in flight at the kill are lost.
    expect(fake.stats.ok - mid.items.n).toBeLessThanOrEqual(CONCURRENCY);

    const second = await shopflow(args, dir, env).done;
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(`${N - mid.items.n} drafted, ${mid.items.n} unchanged`);
    const end = db(join(dir, 'shopflow.db'));
    expect(end).toEqual({ integrity: 'ok', items: { n: N, handles: N }, calls: N });
    expect(fake.stats.ok - N).toBeLessThanOrEqual(CONCURRENCY);

    const third = await shopflow(args, dir, env).done;
    expect(third.stdout).toContain(`0 drafted, ${N} unchanged`);
  });

  test('Ctrl+C (SIGINT) on the real process: exit 130, finished drafts saved, the re-run completes', async () => {
    fake = await start({ latencyMs: 30 });
    const dir = tempDir();
    const rows = Array.from({ length: 100 }, (_, i) => `p-${i},Product number ${i}`);
    writeFileSync(join(dir, 'products.csv'), ['handle,title', ...rows].join('\n'));
    const env = { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.url };
    const args = ['draft', 'products.csv', '--provider', 'openai', '--concurrency', '2'];
    const run = shopflow(args, dir, env);
    await new Promise<void>((resolve) => {
      const t = setInterval(() => {
        if (fake!.stats.ok >= 10) {
          clearInterval(t);
          run.child.kill('SIGINT');
          resolve();
        }
      }, 2);
    });
    const stopped = await run.done;
    expect(stopped.code).toBe(130);
    expect(stopped.stdout).toMatch(/Interrupted: every finished draft is saved, \d+ products not started\. Run the same command again to continue\./);
    const mid = db(join(dir, 'shopflow.db'));
    expect(mid.integrity).toBe('ok');
    expect(mid.items.n).toBeGreaterThanOrEqual(10);
    const rest = await shopflow(args, dir, env).done;
    expect(rest.code).toBe(0);
    expect(rest.stdout).toContain(`${100 - mid.items.n} drafted, ${mid.items.n} unchanged`);
    expect(db(join(dir, 'shopflow.db')).items).toEqual({ n: 100, handles: 100 });
  });
});
