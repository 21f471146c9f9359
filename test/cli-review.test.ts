import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { count, example, query, runCli, tempDir } from './helpers.js';

async function drafted(template = 'product-description'): Promise<string> {
  const dir = tempDir();
  const r = await runCli(['draft', example('products.csv'), '--template', template], { cwd: dir });
  expect(r.code).toBe(0);
  return dir;
}

describe('shopflow review', () => {
  test('without a terminal, bare review lists the pending items and how to decide; it never waits', async () => {
    const dir = await drafted();
    const r = await runCli(['review'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^\s+id\s+status\s+template\s+product\s+checks$/);
    expect(r.stdout).toMatch(/\n\s+1\s+pending\s+product-description\s+speckled-stoneware-mug/);
    expect(r.stdout.trim().split('\n')).toHaveLength(9);
    expect(r.stderr).toContain('8 pending. Decide with: shopflow review approve <id...>');
  });

  test('list --json, approve and reject record each decision', async () => {
    const dir = await drafted();
    const list = JSON.parse((await runCli(['review', 'list', '--json'], { cwd: dir })).stdout);
    expect(list).toHaveLength(8);
    expect(list[0]).toMatchObject({ id: 1, handle: 'speckled-stoneware-mug', status: 'pending', template: 'product-description' });

    const a = await runCli(['review', 'approve', '1', '2'], { cwd: dir });
    expect(a.code).toBe(0);
    expect(a.stdout).toBe('Approved 2 items: #1 speckled-stoneware-mug, #2 linen-tea-towel\n');
    const rj = await runCli(['review', 'reject', '3', '--reason', 'says porcelain, it is stoneware'], { cwd: dir });
    expect(rj.stdout).toBe('Rejected 1 item: #3 bud-vase-set\n');

    const db = join(dir, 'shopflow.db');
    expect(query(db, `select id, status, reason from items where id <= 3 order by id`)).toEqual([
      { id: 1, status: 'approved', reason: null },
      { id: 2, status: 'approved', reason: null },
      { id: 3, status: 'rejected', reason: 'says porcelain, it is stoneware' },
    ]);
    expect(query(db, `select action, at from item_events where item_id = 3 order by id`)).toEqual([
      { action: 'drafted', at: '2026-11-27T12:00:00.000Z' },
      { action: 'rejected', at: '2026-11-27T12:00:00.000Z' },
    ]);
    const approved = JSON.parse((await runCli(['review', 'list', '--status', 'approved', '--json'], { cwd: dir })).stdout);
    expect(approved.map((i: { id: number }) => i.id)).toEqual([1, 2]);
  });

  test('one bad id approves nothing', async () => {
    const dir = await drafted();
    await runCli(['review', 'approve', '2'], { cwd: dir });
    const r = await runCli(['review', 'approve', '1', '2', '99'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('there is no item 99');
    expect(count(join(dir, 'shopflow.db'), 'items', `status = 'approved'`)).toBe(1);
    const twice = await runCli(['review', 'approve', '1', '2'], { cwd: dir });
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain('item 2 is approved, not pending');
    expect(count(join(dir, 'shopflow.db'), 'items', `status = 'approved'`)).toBe(1);
  });

  test('reject needs a reason; a bad id is a bad invocation', async () => {
    const dir = await drafted();
    const r = await runCli(['review', 'reject', '1'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("required option '--reason <text>' not specified");
    const bad = await runCli(['review', 'approve', 'abc'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"abc" is not an item id');
  });

  test('show prints the product, the draft against the current copy, the checks and the history', async () => {
    const dir = await drafted();
    const r = await runCli(['review', 'show', '1'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('#1 Speckled Stoneware Mug  (speckled-stoneware-mug · product-description · pending)');
    expect(r.stdout).toContain('vendor Fern & Clay · type Mug · price 28.00–30.00 · 3 variants · Glaze: Oatmeal, Sage, Charcoal');
    // A rewrite is shown as the two texts one after the other (see render-item.test.ts for the diff).
    expect(r.stdout).toContain('on the store now:\nHand-thrown stoneware mug with a speckled oatmeal glaze. Holds 350 ml.\nDishwasher safe.\ndraft:\n');
    expect(r.stdout).toContain('• Material: Stoneware\n• Capacity: 350 ml'); // list items read as bullets
    expect(r.stdout).toContain('history');
    expect(r.stdout).toMatch(/2026-11-27T12:00:00.000Z {2}drafted/);
    const json = JSON.parse((await runCli(['review', 'show', '1', '--json'], { cwd: dir })).stdout);
    expect(json.item.source.handle).toBe('speckled-stoneware-mug');
    expect(json.current.body_html).toBe('<p>Hand-thrown stoneware mug with a speckled oatmeal glaze. Holds 350 ml.</p>\n<p>Dishwasher safe.</p>');
  });
});
