import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Prompts } from '../src/cli/deps.js';
import { example, query, runCli, tempDir } from './helpers.js';

/** An answer per question, in order: a select's choice value, or an input's text. */
type Answer = string | number | Error;

/**
 * Prompts that answer from a script and record every question, as @inquirer/prompts would ask it:
 * an input whose validate refuses the answer is asked again (with the next answer).
 */
function scripted(answers: Answer[]): Prompts & { asked: string[] } {
  const asked: string[] = [];
  const next = (message: string): Answer => {
    asked.push(message);
    if (answers.length === 0) throw new Error(`no scripted answer for "${message}"`);
    const a = answers.shift()!;
    if (a instanceof Error) throw a;
    return a;
  };
  return {
    asked,
    select: async <T,>(q: { message: string; choices: Array<{ name: string; value: T }> }): Promise<T> => {
      const a = next(q.message);
      const choice = q.choices.find((c) => c.value === a);
      if (!choice) throw new Error(`"${String(a)}" is not a choice of "${q.message}": ${q.choices.map((c) => String(c.value)).join(', ')}`);
      return choice.value;
    },
    input: async (q: { message: string; validate?: (v: string) => boolean | string }): Promise<string> => {
      for (;;) {
        const a = String(next(q.message));
        const ok = q.validate ? q.validate(a) : true;
        if (ok === true) return a;
        asked.push(`(refused: ${String(ok)})`);
      }
    },
  };
}

async function drafted(): Promise<string> {
  const dir = tempDir();
  expect((await runCli(['draft', example('products.csv')], { cwd: dir })).code).toBe(0);
  return dir;
}

const interrupted = (): Error => Object.assign(new Error('User force closed the prompt with SIGINT'), { name: 'ExitPromptError' });

describe('the interactive review, in-process with scripted answers', () => {
  test('approve, edit in $EDITOR, reject with a reason, skip, quit: what the owner sees and what is recorded', async () => {
    const dir = await drafted();
    const edited: Array<{ text: string; ext: string }> = [];
    const prompts = scripted(['approve', 'edit', 'approve', 'reject', '   ', 'not our tone', 'skip', 'quit']);
    const r = await runCli(['review'], {
      cwd: dir,
      tty: true,
      prompts,
      editText: async (text, ext) => {
        edited.push({ text, ext });
        return text.replace('Linen', 'Washed linen');
      },
    });
    expect(r.code).toBe(0);
    expect(prompts.asked).toEqual([
      'Decide:', 'Decide:', 'Decide:', 'Decide:', 'Reason (recorded):', '(refused: a reason is needed)', 'Reason (recorded):', 'Decide:', 'Decide:',
    ]);
    // Each item is shown with its place in the queue; the edited one again, with the new text.
    expect(r.stdout).toMatch(/1 of 8  #1 Speckled Stoneware Mug[\s\S]*2 of 8  #2 Linen Tea Towel[\s\S]*2 of 8  #2[\s\S]*Washed linen[\s\S]*3 of 8[\s\S]*4 of 8[\s\S]*5 of 8/);
    expect(r.stdout).not.toContain('6 of 8');
    expect(edited).toHaveLength(1);
    expect(edited[0]!.ext).toBe('.html'); // one HTML field: the text as is, no "=== name ===" lines
    expect(edited[0]!.text).not.toContain('===');
    expect(edited[0]!.text.endsWith('\n')).toBe(true);
    expect(r.stderr).toBe(
      '\n2 approved, 1 rejected, 1 edited, 1 skipped, 4 left for later\n' +
        'Next: shopflow sync export products --format shopify --source <your export> --out import.csv\n',
    );

    const db = join(dir, 'shopflow.db');
    const rows = query<{ id: number; status: string; reason: string | null; fields: string }>(db, 'select id, status, reason, fields from items where id <= 5 order by id');
    expect(rows.map((x) => [x.id, x.status, x.reason])).toEqual([
      [1, 'approved', null], [2, 'approved', null], [3, 'rejected', 'not our tone'], [4, 'pending', null], [5, 'pending', null],
    ]);
    expect(JSON.parse(rows[1]!.fields).body_html).toContain('Washed linen');
    expect(query<{ action: string }>(db, 'select action from item_events where item_id = 2 order by id').map((e) => e.action)).toEqual(['drafted', 'edited', 'approved']);
  });

  test('flagged claims: approve asks why (empty goes back), a claim\'s sentence can be removed, the reason is recorded', async () => {
    const dir = await drafted();
    // The owner's edit puts two false claims into the mug's draft (it is 350 ml stoneware).
    const prompts = scripted(['edit', 'approve', '', 'remove-claim', 1, 'approve', 'glaze is porcelain slip', 'quit']);
    const r = await runCli(['review'], {
      cwd: dir,
      tty: true,
      prompts,
      editText: async () => '<p>Holds 500 ml.</p><p>A porcelain mug. Dishwasher safe.</p>\n',
    });
    expect(r.code).toBe(0);
    const why = 'This draft has claims the data does not support. Approve anyway? Say why (empty to go back):';
    expect(prompts.asked).toEqual([
      'Decide:', 'Decide (this draft has flagged claims):', why, 'Decide (this draft has flagged claims):',
      'Remove the sentence of which claim?', 'Decide (this draft has flagged claims):', why, 'Decide:',
    ]);
    expect(r.stdout).toContain('✗ 1. "500 ml" contradicted — the data says Capacity: 350 ml');
    expect(r.stderr).toContain('1 approved, 0 rejected, 2 edited, 0 skipped, 7 left for later');

    const db = join(dir, 'shopflow.db');
    const row = query<{ status: string; fields: string }>(db, 'select status, fields from items where id = 1')[0]!;
    expect(row.status).toBe('approved');
    expect(JSON.parse(row.fields).body_html).toBe('<p>A porcelain mug. Dishwasher safe.</p>');
    const approved = query<{ detail: string }>(db, `select detail from item_events where item_id = 1 and action = 'approved'`)[0]!;
    expect(JSON.parse(approved.detail)).toEqual({ override: 'glaze is porcelain slip', claims: [{ text: 'porcelain', verdict: 'contradicted' }] });
  });

  test('Ctrl+C at a prompt: exit 130, a plain message, every decision so far kept', async () => {
    const dir = await drafted();
    const r = await runCli(['review'], { cwd: dir, tty: true, prompts: scripted(['approve', interrupted()]) });
    expect(r.code).toBe(130);
    expect(r.stderr).toBe('\nStopped. Every decision made so far is saved; run shopflow review to go on.\n');
    expect(query(join(dir, 'shopflow.db'), `select id from items where status = 'approved'`)).toEqual([{ id: 1 }]);
  });

  test('any other failure of a prompt is not taken for Ctrl+C', async () => {
    const dir = await drafted();
    const r = await runCli(['review'], { cwd: dir, tty: true, prompts: scripted([new Error('the terminal went away')]) });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('unexpected error, please report it:\nError: the terminal went away');
  });
});
