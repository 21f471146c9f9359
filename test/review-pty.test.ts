import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { ROOT, example, query, tempDir } from './helpers.js';

const BIN = join(ROOT, 'bin', 'shopflow.js');
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const socket = `shopflow-test-${process.pid}`;
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });

async function waitFor(text: string | RegExp, timeoutMs = 15_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  let screen = '';
  while (Date.now() < until) {
    screen = tmux('capture-pane', '-p', '-t', 'review', '-S', '-200');
    if (typeof text === 'string' ? screen.includes(text) : text.test(screen)) return screen;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${String(text)}; screen:\n${screen}`);
}

afterEach(() => {
  spawnSync('tmux', ['-L', socket, 'kill-server']);
});

describe.skipIf(!hasTmux || !existsSync(join(ROOT, 'dist', 'cli', 'main.js')))('interactive review in a terminal', () => {
  test('approve, edit in $EDITOR, reject with a reason, quit: each decision recorded', async () => {
    const dir = tempDir();
    execFileSync(process.execPath, [BIN, 'draft', example('products.csv')], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
    // The "editor" replaces a word in the file it is given, as a person would.
    const editor = `sed -i 's/Linen/Washed linen/'`;
    tmux('new-session', '-d', '-s', 'review', '-x', '120', '-y', '50', '-c', dir,
      `env EDITOR="${editor}" NO_COLOR=1 ${process.execPath} ${BIN} review; echo "EXIT:$?"; sleep 30`);

    let screen = await waitFor('Decide:');
    expect(screen).toContain('1 of 8');
    expect(screen).toContain('#1 Speckled Stoneware Mug');
    tmux('send-keys', '-t', 'review', 'Enter'); // Approve

    screen = await waitFor('2 of 8');
    expect(screen).toContain('#2 Linen Tea Towel');
    tmux('send-keys', '-t', 'review', 'Down', 'Enter'); // Edit
    await waitFor(/Washed linen[\s\S]*Decide:/);
    tmux('send-keys', '-t', 'review', 'Enter'); // Approve the edited text

    await waitFor('3 of 8');
    tmux('send-keys', '-t', 'review', 'Down', 'Down', 'Enter'); // Reject
    await waitFor('Reason');
    tmux('send-keys', '-t', 'review', '-l', 'not our tone');
    tmux('send-keys', '-t', 'review', 'Enter');

    await waitFor('4 of 8');
    tmux('send-keys', '-t', 'review', 'Down', 'Down', 'Down', 'Down', 'Enter'); // Quit
    screen = await waitFor('EXIT:');
    expect(screen).toContain('2 approved, 1 rejected, 1 edited, 0 skipped, 5 left for later');
    expect(screen).toContain('EXIT:0');

    const rows = query<{ id: number; status: string; reason: string | null; fields: string }>(join(dir, 'shopflow.db'),
      'select id, status, reason, fields from items where id <= 4 order by id');
    expect(rows.map((r) => [r.id, r.status, r.reason])).toEqual([
      [1, 'approved', null], [2, 'approved', null], [3, 'rejected', 'not our tone'], [4, 'pending', null],
    ]);
    expect(JSON.parse(rows[1]!.fields).body_html).toContain('Washed linen');
    const events = query<{ action: string }>(join(dir, 'shopflow.db'), 'select action from item_events where item_id = 2 order by id');
    expect(events.map((e) => e.action)).toEqual(['drafted', 'edited', 'approved']);
  });

  test('a draft with flagged claims: approve asks for a reason, a claim\'s sentence can be removed', async () => {
    const dir = tempDir();
    execFileSync(process.execPath, [BIN, 'draft', example('products.csv')], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
    // The owner's earlier edit put two false claims into the mug's draft.
    execFileSync(process.execPath, ['--input-type=module', '-e', `
      const { openDb } = await import(${JSON.stringify(join(ROOT, 'dist', 'core', 'db', 'open.js'))});
      const { edit } = await import(${JSON.stringify(join(ROOT, 'dist', 'core', 'review', 'review.js'))});
      const db = openDb('shopflow.db');
      edit({ db, now: () => new Date() }, 1, { body_html: '<p>Holds 500 ml.</p><p>A porcelain mug. Dishwasher safe.</p>' });
      db.close();`], { cwd: dir });
    tmux('new-session', '-d', '-s', 'review', '-x', '120', '-y', '60', '-c', dir,
      `env NO_COLOR=1 ${process.execPath} ${BIN} review; echo "EXIT:$?"; sleep 30`);

    let screen = await waitFor('Decide (this draft has flagged claims):');
    expect(screen).toContain('✗ 1. "500 ml" contradicted — the data says Capacity: 350 ml');
    tmux('send-keys', '-t', 'review', 'Enter'); // Approve: asks why
    await waitFor('has claims the data does not support. Approve anyway?');
    tmux('send-keys', '-t', 'review', 'Enter'); // no reason: back to the item
    await waitFor(/Approve anyway[\s\S]*Decide \(this draft has flagged claims\):/);
    tmux('send-keys', '-t', 'review', 'Down', 'Down', 'Enter'); // Remove a flagged claim's sentence
    await waitFor('Remove the sentence of which claim?');
    tmux('send-keys', '-t', 'review', 'Enter'); // claim 1: 500 ml
    screen = await waitFor(/Remove the sentence[\s\S]*✗ 1\. "porcelain" contradicted[\s\S]*Decide/);
    tmux('send-keys', '-t', 'review', 'Enter'); // Approve, with a reason this time
    await waitFor(/Approve anyway[\s\S]*Decide[\s\S]*Approve anyway/);
    tmux('send-keys', '-t', 'review', '-l', 'glaze is porcelain slip');
    tmux('send-keys', '-t', 'review', 'Enter');
    await waitFor('2 of 8');
    tmux('send-keys', '-t', 'review', 'Down', 'Down', 'Down', 'Down', 'Enter'); // Quit
    screen = await waitFor('EXIT:');
    expect(screen).toContain('1 approved, 0 rejected, 1 edited, 0 skipped, 7 left for later');

    const row = query<{ status: string; fields: string }>(join(dir, 'shopflow.db'), 'select status, fields from items where id = 1')[0]!;
    expect(row.status).toBe('approved');
    expect(JSON.parse(row.fields).body_html).toBe('<p>A porcelain mug. Dishwasher safe.</p>');
    const approved = query<{ detail: string }>(join(dir, 'shopflow.db'), `select detail from item_events where item_id = 1 and action = 'approved'`)[0]!;
    expect(JSON.parse(approved.detail)).toEqual({ override: 'glaze is porcelain slip', claims: [{ text: 'porcelain', verdict: 'contradicted' }] });
  });

  test('Ctrl+C at a prompt stops cleanly: no stack trace, decisions so far kept', async () => {
    const dir = tempDir();
    execFileSync(process.execPath, [BIN, 'draft', example('products.csv')], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
    tmux('new-session', '-d', '-s', 'review', '-x', '120', '-y', '50', '-c', dir,
      `env NO_COLOR=1 ${process.execPath} ${BIN} review; echo "EXIT:$?"; sleep 30`);
    await waitFor('1 of 8');
    tmux('send-keys', '-t', 'review', 'Enter'); // Approve the first
    await waitFor('2 of 8');
    tmux('send-keys', '-t', 'review', 'C-c');
    const screen = await waitFor('EXIT:');
    expect(screen).toContain('Stopped. Every decision made so far is saved');
    expect(screen).toContain('EXIT:130');
    expect(screen).not.toMatch(/\n\s+at /);
    expect(query(join(dir, 'shopflow.db'), `select id from items where status = 'approved'`)).toEqual([{ id: 1 }]);
  });
});
