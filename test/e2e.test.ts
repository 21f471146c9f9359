import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ROOT, example, tempDir } from './helpers.js';

const BIN = join(ROOT, 'bin', 'shopflow.js');

function shopflow(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe.skipIf(!existsSync(join(ROOT, 'dist', 'cli', 'main.js')))('the built bin/shopflow.js, as a user runs it', () => {
  test('--help describes the commands and exits 0', () => {
    const r = shopflow(['--help'], ROOT);
    expect(r.code).toBe(0);
    for (const cmd of ['init', 'draft', 'review', 'sync']) expect(r.stdout).toMatch(new RegExp(`\\n  ${cmd}\\b`));
    const sub = shopflow(['draft', '--help'], ROOT);
    expect(sub.stdout).toContain('$ shopflow draft examples/store/products.csv');
  });

  test('init → draft → approve → export, end to end in a store folder', () => {
    const dir = tempDir();
    expect(shopflow(['init', 'shop', '--name', 'E2E'], dir).code).toBe(0);
    const store = join(dir, 'shop');
    const d = shopflow(['draft', example('products.csv')], store);
    expect(d.code).toBe(0);
    expect(d.stdout).toContain('8 drafted');
    expect(d.stderr).toBe('');
    expect(existsSync(join(store, 'shopflow.db'))).toBe(true);
    expect(shopflow(['review', 'approve', '1'], store).code).toBe(0);
    const e = shopflow(['sync', 'export', 'products', '--format', 'shopify', '--source', example('products.csv'), '--out', 'import.csv'], store);
    expect(e.code).toBe(0);
    expect(existsSync(join(store, 'import.csv'))).toBe(true);
  });

  test('user errors: exit 1, a one-line message, no stack trace', () => {
    const r = shopflow(['draft', 'missing.csv'], tempDir());
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: missing\.csv: the file does not exist\n$/);
  });

  test('an unknown command is a bad invocation: exit 2', () => {
    const r = shopflow(['drafts'], tempDir());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown command 'drafts'");
  });

  test('output piped into a reader that stops early (| head): no crash, no stack trace', async () => {
    // The reading end is closed before shopflow writes anything, so its first write fails with EPIPE.
    const child = spawn(process.execPath, [BIN, '--help'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
