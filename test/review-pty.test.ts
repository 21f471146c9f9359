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
