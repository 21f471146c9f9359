import type { Ctx, Prompts } from './deps.js';
import { approve, edit, reject, reviewList, reviewShow } from '../core/review/review.js';
import type { Item } from '../core/queue/index.js';
import { renderItem } from './render-item.js';
import { reviewDeps } from './review-deps.js';
import { removeClaim } from '../core/review/claims.js';
import { claimMessage, isFlagged } from '../core/claims/guard.js';
import { editedFields, formatEdit, parseEdit } from '../core/review/edit-format.js';

type Choice = 'approve' | 'edit' | 'remove-claim' | 'reject' | 'skip' | 'quit';

/** The interactive review: each pending item, its diff and checks; approve, edit, reject, skip or quit. */
export async function reviewLoop(ctx: Ctx): Promise<void> {
  try {
    await loop(ctx);
  } catch (err) {
    // Ctrl+C or Ctrl+D at a prompt: every decision so far is already saved.
    if ((err as Error)?.name !== 'ExitPromptError') throw err;
    ctx.out.info('\nStopped. Every decision made so far is saved; run shopflow review to go on.');
    ctx.exitCode = 130; // the shell's code for an interrupted command
  }
}

async function loop(ctx: Ctx): Promise<void> {
  // Looking first: a folder with no database has nothing pending, and gets none made.
  const pending = reviewList(await ctx.dbIfExists(), { status: 'pending' });
  if (pending.length === 0) {
    ctx.out.info('Nothing is waiting for review. Draft something first: shopflow draft <products.csv>');
    return;
  }
  const deps = await reviewDeps(ctx);
  const db = deps.db;
  const prompts = ctx.deps.prompts;
  const tally = { approved: 0, rejected: 0, edited: 0, skipped: 0 };
  const c = ctx.out.c;
  for (let n = 0; n < pending.length; n++) {
    const id = pending[n]!.id;
    for (;;) {
      const detail = reviewShow(db, id);
      if (detail.item.status !== 'pending') break; // decided elsewhere meanwhile
      ctx.out.print(`\n${c.dim('─'.repeat(60))}\n${c.cyan(`${n + 1} of ${pending.length}`)}  ${renderItem(detail, c)}\n`);
      const choice = await ask(prompts, detail.item);
      if (choice === 'quit') return summary(ctx, tally, pending.length - n);
      if (choice === 'skip') {
        tally.skipped++;
        break;
      }
      if (choice === 'edit') {
        const changed = await editItem(ctx, detail.item, deps);
        if (changed) tally.edited++;
        continue; // show the edited text again before deciding
      }
      if (choice === 'remove-claim') {
        const n = await prompts.select<number>({
          message: 'Remove the sentence of which claim?',
          choices: detail.item.claims
            .map((cl, i) => ({ cl, i }))
            .filter(({ cl }) => isFlagged(cl))
            .map(({ cl, i }) => ({ name: `${i + 1}. ${claimMessage(cl)}`, value: i + 1 })),
        });
        removeClaim(deps, id, n);
        tally.edited++;
        continue; // show the result before deciding
      }
      if (choice === 'reject') {
        const reason = await prompts.input({ message: 'Reason (recorded):', validate: (v) => (v.trim() ? true : 'a reason is needed') });
        reject(deps, [id], reason.trim());
        tally.rejected++;
        break;
      }
      let override: string | undefined;
      if (detail.item.errors > 0 || detail.item.flags > 0) {
        override = await prompts.input({
          message: `This draft ${detail.item.errors > 0 ? 'fails a check' : 'has claims the data does not support'}. Approve anyway? Say why (empty to go back):`,
        });
        if (!override.trim()) continue;
      }
      approve(deps, [id], { override: override?.trim() });
      tally.approved++;
      break;
    }
  }
  summary(ctx, tally, 0);
}

async function ask(prompts: Prompts, item: Item): Promise<Choice> {
  return prompts.select<Choice>({
    message: item.errors > 0 ? 'Decide (this draft fails a check):' : item.flags > 0 ? 'Decide (this draft has flagged claims):' : 'Decide:',
    choices: [
      { name: 'Approve', value: 'approve' },
      { name: 'Edit in $EDITOR', value: 'edit' },
      ...(item.flags > 0 ? [{ name: "Remove a flagged claim's sentence", value: 'remove-claim' as const }] : []),
      { name: 'Reject with a reason', value: 'reject' },
      { name: 'Skip for now', value: 'skip' },
      { name: 'Quit', value: 'quit' },
    ],
  });
}

/** Opens the item's fields in the editor (the format is edit-format's) and records what was saved. */
async function editItem(ctx: Ctx, item: Item, deps: Parameters<typeof edit>[0]): Promise<boolean> {
  const { text, ext } = formatEdit(item.fields);
  const fields = editedFields(parseEdit(await ctx.deps.editText(text, ext), Object.keys(item.fields)), item.fields);
  const before = JSON.stringify(item.fields);
  const after = edit(deps, item.id, fields);
  return JSON.stringify(after.fields) !== before;
}

function summary(ctx: Ctx, t: { approved: number; rejected: number; edited: number; skipped: number }, left: number): void {
  ctx.out.info(
    `\n${t.approved} approved, ${t.rejected} rejected, ${t.edited} edited, ${t.skipped} skipped` +
      (left > 0 ? `, ${left} left for later` : '') +
      (t.approved > 0 ? '\nNext: shopflow sync export products --format shopify --source <your export> --out import.csv' : ''),
  );
}
