import { readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { runCli, tempDir } from './helpers.js';

/** Runs a command in a fresh, empty folder; the folder must stay empty. */
async function inEmptyFolder(argv: string[], opts: { tty?: boolean } = {}) {
  const dir = tempDir();
  const r = await runCli(argv, { cwd: dir, ...opts });
  expect(readdirSync(dir)).toEqual([]);
  return r;
}

describe('looking never creates shopflow.db', () => {
  test('review list finds nothing, and says so, as text and as JSON', async () => {
    expect(await inEmptyFolder(['review', 'list'])).toEqual({ code: 0, stdout: 'No items.\n', stderr: '' });
    expect(await inEmptyFolder(['review', 'list', '--json'])).toEqual({ code: 0, stdout: '[]\n', stderr: '' });
  });

  test('review show 1 says there is no item 1', async () => {
    const r = await inEmptyFolder(['review', 'show', '1']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('error: there is no item 1 (see: shopflow review list)\n');
  });

  test('bare review, without a terminal and on one, finds nothing waiting', async () => {
    const list = await inEmptyFolder(['review']);
    expect(list).toEqual({ code: 0, stdout: 'No items.\n', stderr: 'Nothing is waiting for review.\n' });
    // The interactive loop looks before it asks anything (the harness's prompts throw if asked).
    const loop = await inEmptyFolder(['review'], { tty: true });
    expect(loop).toEqual({ code: 0, stdout: '', stderr: 'Nothing is waiting for review. Draft something first: shopflow draft <products.csv>\n' });
  });

  test('review examples lists no edits and no promoted examples', async () => {
    expect((await inEmptyFolder(['review', 'examples'])).stdout).toBe('No edits yet: edits made in shopflow review show up here.\n');
    expect((await inEmptyFolder(['review', 'examples', '--promoted', '--json'])).stdout).toBe('[]\n');
  });

  test('sync history lists no imports', async () => {
    expect(await inEmptyFolder(['sync', 'history'])).toEqual({ code: 0, stdout: 'No imports yet. Try: shopflow sync import <export.csv>\n', stderr: '' });
    expect(await inEmptyFolder(['sync', 'history', '--json'])).toEqual({ code: 0, stdout: '[]\n', stderr: '' });
  });

  test('log, report, batch status and sync export --dry-run, as before', async () => {
    expect(await inEmptyFolder(['log'])).toEqual({ code: 0, stdout: 'No calls yet.\n', stderr: '' });
    expect(JSON.parse((await inEmptyFolder(['log', '--json'])).stdout).total.calls).toBe(0);
    const report = await inEmptyFolder(['report']);
    expect(report.code).toBe(1);
    expect(report.stderr).toContain('no store history yet');
    expect(await inEmptyFolder(['batch', 'status'])).toEqual({ code: 0, stdout: 'No batches waiting.\n', stderr: '' });
    const exp = await inEmptyFolder(['sync', 'export', 'products', '--format', 'shopify', '--out', 'x.csv', '--dry-run']);
    expect(exp.code).toBe(1);
    expect(exp.stderr).toContain('nothing to export: no approved shopify copy yet');
  });
});
