import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { findStore } from '../src/core/config/config.js';
import { runCli, tempDir } from './helpers.js';

describe('store folder', () => {
  test('init writes a commented shopflow.yaml that reads back, and refuses to overwrite it', async () => {
    const dir = tempDir();
    const r = await runCli(['init', 'shop', '--name', 'Fern & Clay', '--currency', 'eur', '--timezone', 'Europe/Berlin'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('shopflow.yaml');
    const text = readFileSync(join(dir, 'shop', 'shopflow.yaml'), 'utf8');
    expect(text).toContain('# Who drafts');
    const loc = findStore({ cwd: join(dir, 'shop'), env: {} });
    expect(loc.config.store).toMatchObject({ name: 'Fern & Clay', currency: 'EUR', timezone: 'Europe/Berlin' });
    expect(loc.config.provider.name).toBe('offline');

    writeFileSync(join(dir, 'shop', 'shopflow.yaml'), `${text}# mine\n`);
    const again = await runCli(['init', 'shop'], { cwd: dir });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('shop/shopflow.yaml already exists; nothing changed');
    expect(readFileSync(join(dir, 'shop', 'shopflow.yaml'), 'utf8')).toContain('# mine');
  });

  test('commands find the store in a parent folder; --store and SHOPFLOW_STORE override', async () => {
    const dir = tempDir();
    await runCli(['init', 'a', '--name', 'A'], { cwd: dir });
    await runCli(['init', 'b', '--name', 'B'], { cwd: dir });
    mkdirSync(join(dir, 'a', 'exports', 'week1'), { recursive: true });
    expect(findStore({ cwd: join(dir, 'a', 'exports', 'week1'), env: {} }).config.store.name).toBe('A');
    expect(findStore({ cwd: join(dir, 'a'), env: { SHOPFLOW_STORE: join(dir, 'b') } }).config.store.name).toBe('B');
    expect(findStore({ cwd: join(dir, 'a'), store: '../b', env: { SHOPFLOW_STORE: join(dir, 'a') } }).config.store.name).toBe('B');
  });

  test('without a store folder: built-in defaults and shopflow.db in the current folder', () => {
    const dir = tempDir();
    const loc = findStore({ cwd: dir, env: {} });
    expect(loc.dir).toBeUndefined();
    expect(loc.dbPath).toBe(join(dir, 'shopflow.db'));
    expect(loc.config.provider.name).toBe('offline');
  });

  test('a misspelt key is an error naming the file, line and key; nothing is created', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'shopflow.yaml'), 'store:\n  name: Shop\n  curency: EUR\nprovider:\n  name: offline\n');
    const r = await runCli(['review', 'list'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${join(dir, 'shopflow.yaml')} line 3, column 3: unknown key "curency" in store`);
    expect(r.stderr).not.toContain('    at ');
  });

  test('a misspelt section holding only comments is still reported', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'shopflow.yaml'), 'store:\n  name: Shop\npolicys:\n  # return_days: 30\npolicies:\n');
    const r = await runCli(['review', 'list'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('shopflow.yaml line 3, column 1: unknown key "policys"');
  });

  test('a bad value names its line', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'shopflow.yaml'), 'store:\n  name: Shop\nprovider:\n  name: chatgpt\n');
    const r = await runCli(['review', 'list'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/shopflow\.yaml line 4, column 9: provider\.name: /);
  });

  test('--store pointing at a folder without shopflow.yaml says how to make one', async () => {
    const dir = tempDir();
    const r = await runCli(['--store', 'nowhere', 'review', 'list'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('store folder nowhere does not exist (run: shopflow init nowhere)');
  });
});
