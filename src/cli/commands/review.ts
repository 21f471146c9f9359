import type { Command } from 'commander';
import type { Ctx } from '../deps.js';
import { UserError } from '../../core/errors.js';
import { ITEM_STATUSES as STATUSES } from '../../core/db/items.js';
import { positiveInt } from '../options.js';

const ids = (values: string[]): number[] => values.map((v) => positiveInt(v, `"${v}" is not an item id (see: shopflow review list)`));

export function reviewCommand(program: Command, ctx: Ctx): void {
  const review = program
    .command('review')
    .description('Approve, edit or reject drafts: interactive on a terminal, a list otherwise')
    .addHelpText(
      'after',
      `
Examples:
  $ shopflow review                      go through pending drafts one by one
  $ shopflow review list --status approved
  $ shopflow review show 12
  $ shopflow review approve 12 13 14
  $ shopflow review reject 15 --reason "wrong material"`,
    )
    // No options here: an option on this parent would swallow its subcommands' (`review list --json`).
    .action(async () => {
      if (ctx.deps.stdinIsTTY && ctx.deps.stderr.isTTY) {
        const { reviewLoop } = await import('../review-loop.js');
        await reviewLoop(ctx);
        return;
      }
      // Without a terminal, never wait for input: show what is pending and how to decide.
      await listAction(ctx, { status: 'pending' }, true);
    });

  review
    .command('list')
    .description('List review items')
    .option('--status <status>', `one of ${STATUSES.join(', ')}`)
    .option('--template <name>', 'only items of this template')
    .option('--json', 'print as JSON')
    .addHelpText('after', '\nExample:\n  $ shopflow review list --status pending --json')
    .action(async (raw: { status?: string; json?: boolean; template?: string }) => {
      if (raw.status && !(STATUSES as readonly string[]).includes(raw.status)) {
        throw new UserError(`--status: "${raw.status}" is not one of ${STATUSES.join(', ')}`, 2);
      }
      await listAction(ctx, raw, false);
    });

  review
    .command('show')
    .description('Show one item: the draft against the current copy, its checks and its history')
    .argument('<id>', 'item id')
    .option('--json', 'print as JSON')
    .addHelpText('after', '\nExample:\n  $ shopflow review show 12')
    .action(async (id: string, raw: { json?: boolean }) => {
      const [{ reviewShow }, { renderItem }] = await Promise.all([import('../../core/review.js'), import('../render-item.js')]);
      ctx.out.jsonMode = Boolean(raw.json);
      const detail = reviewShow(await ctx.db(), ids([id])[0]!);
      ctx.out.result(detail, (d, c) => renderItem(d, c, { history: true }));
    });

  review
    .command('approve')
    .description('Approve pending items (all or nothing)')
    .argument('<id...>', 'item ids')
    .option('--override <note>', 'approve items that fail a check; the note is recorded')
    .option('--json', 'print the approved items as JSON')
    .addHelpText('after', '\nExample:\n  $ shopflow review approve 12 13 14')
    .action(async (values: string[], raw: { override?: string; json?: boolean }) => {
      const { approve } = await import('../../core/review.js');
      ctx.out.jsonMode = Boolean(raw.json);
      const store = await ctx.store();
      const done = approve({ db: await ctx.db(), now: ctx.deps.now, templatesDir: store.templatesDir }, ids(values), {
        override: raw.override,
      });
      ctx.out.result(done.map(({ id, handle, status }) => ({ id, handle, status })), (d) =>
        `Approved ${d.length} item${d.length === 1 ? '' : 's'}: ${d.map((i) => `#${i.id} ${i.handle}`).join(', ')}`,
      );
    });

  review
    .command('reject')
    .description('Reject pending items, with the reason')
    .argument('<id...>', 'item ids')
    .requiredOption('--reason <text>', 'why: recorded with the decision')
    .option('--json', 'print the rejected items as JSON')
    .addHelpText('after', '\nExample:\n  $ shopflow review reject 15 --reason "wrong material"')
    .action(async (values: string[], raw: { reason: string; json?: boolean }) => {
      const { reject } = await import('../../core/review.js');
      ctx.out.jsonMode = Boolean(raw.json);
      const done = reject({ db: await ctx.db(), now: ctx.deps.now }, ids(values), raw.reason);
      ctx.out.result(done.map(({ id, handle, status }) => ({ id, handle, status })), (d) =>
        `Rejected ${d.length} item${d.length === 1 ? '' : 's'}: ${d.map((i) => `#${i.id} ${i.handle}`).join(', ')}`,
      );
    });
}

async function listAction(ctx: Ctx, raw: { status?: string | undefined; json?: boolean | undefined; template?: string | undefined }, hint: boolean): Promise<void> {
  const [{ reviewList }, { renderList }] = await Promise.all([import('../../core/review.js'), import('../render-item.js')]);
  ctx.out.jsonMode = Boolean(raw.json);
  let items = reviewList(await ctx.db(), { status: raw.status as never });
  if (raw.template) items = items.filter((i) => i.template === raw.template);
  ctx.out.result(items, renderList);
  if (hint && !raw.json) {
    ctx.out.info(
      items.length === 0
        ? 'Nothing is waiting for review.'
        : `${items.length} pending. Decide with: shopflow review approve <id...> | review reject <id...> --reason R | review show <id>`,
    );
  }
}
