import type { Command } from 'commander';
import type { Ctx } from '../deps.js';
import { UserError } from '../../core/errors.js';
import { ITEM_STATUSES as STATUSES } from '../../core/queue/status.js';
import { positiveInt } from '../options.js';
import { reviewDeps } from '../review-deps.js';

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
  $ shopflow review approve --all-passing
  $ shopflow review remove-claim 12 2
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
    .action(async (raw: { status?: string; template?: string }) => {
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
      const [{ reviewShow }, { renderItem }] = await Promise.all([import('../../core/review/review.js'), import('../render-item.js')]);
      const detail = reviewShow(await ctx.dbIfExists(), ids([id])[0]!);
      ctx.out.result(detail, (d, c) => renderItem(d, c, { history: true }));
    });

  review
    .command('approve')
    .description('Approve pending items (all or nothing)')
    .argument('[id...]', 'item ids')
    .option('--override <note>', 'approve items that fail a check or carry unchecked claims; the note is recorded')
    .option('--all-passing', 'approve every pending item with no failing check, no length warning and no flagged claim')
    .option('--json', 'print the approved items as JSON')
    .addHelpText('after', '\nExamples:\n  $ shopflow review approve 12 13 14\n  $ shopflow review approve --all-passing\n  $ shopflow review approve 12 --override "500 ml checked with the maker"')
    .action(async (values: string[], raw: { override?: string; json?: boolean; allPassing?: boolean }) => {
      const { approve, approveAllPassing } = await import('../../core/review/review.js');
      if (raw.allPassing && (values.length > 0 || raw.override !== undefined)) {
        throw new UserError('--all-passing approves only passing items: give no ids and no --override with it', 2);
      }
      if (!raw.allPassing && values.length === 0) throw new UserError('give the item ids to approve, or --all-passing', 2);
      const deps = await reviewDeps(ctx);
      const held = raw.allPassing ? approveAllPassing(deps) : undefined;
      const done = held ? held.approved : approve(deps, ids(values), { override: raw.override });
      ctx.out.result(done.map(({ id, handle, status }) => ({ id, handle, status })), (d) =>
        `Approved ${d.length} item${d.length === 1 ? '' : 's'}${d.length ? ': ' : ''}${d.map((i) => `#${i.id} ${i.handle}`).join(', ')}`,
      );
      if (held && held.held.length > 0) {
        ctx.out.info(`${held.held.length} left pending (see shopflow review show <id>): ${held.held.map((i) => `#${i.id} (${i.why})`).join(', ')}`);
      }
    });

  examplesCommands(review, ctx);

  review
    .command('remove-claim')
    .description("Reject one claim of a draft: its sentence is removed, and the draft is shown again")
    .argument('<id>', 'item id')
    .argument('<n>', 'claim number, as review show lists it')
    .option('--json', 'print the item as JSON')
    .addHelpText('after', '\nExample:\n  $ shopflow review remove-claim 12 2')
    .action(async (id: string, n: string, raw: { json?: boolean }) => {
      const [{ removeClaim }, { reviewShow }, { renderItem }] = await Promise.all([
        import('../../core/review/claims.js'),
        import('../../core/review/review.js'),
        import('../render-item.js'),
      ]);
      const deps = await reviewDeps(ctx);
      const item = removeClaim(deps, ids([id])[0]!, positiveInt(n, `"${n}" is not a claim number`));
      ctx.out.result(reviewShow(deps.db, item.id), (d, c) => renderItem(d, c));
    });

  review
    .command('reject')
    .description('Reject pending items, with the reason')
    .argument('<id...>', 'item ids')
    .requiredOption('--reason <text>', 'why: recorded with the decision')
    .option('--json', 'print the rejected items as JSON')
    .addHelpText('after', '\nExample:\n  $ shopflow review reject 15 --reason "wrong material"')
    .action(async (values: string[], raw: { reason: string; json?: boolean }) => {
      const { reject } = await import('../../core/review/review.js');
      const done = reject({ db: await ctx.db(), now: ctx.deps.now }, ids(values), raw.reason);
      ctx.out.result(done.map(({ id, handle, status }) => ({ id, handle, status })), (d) =>
        `Rejected ${d.length} item${d.length === 1 ? '' : 's'}: ${d.map((i) => `#${i.id} ${i.handle}`).join(', ')}`,
      );
    });
}

function examplesCommands(review: Command, ctx: Ctx): void {
  const examples = review
    .command('examples')
    .description("The owner's edits in review (before → after); promote good ones to few-shot examples of their template")
    .option('--template <name>', 'only edits of this template')
    .option('--promoted', 'list the promoted examples instead')
    .option('--json', 'print as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  $ shopflow review examples\n  $ shopflow review examples promote 14\n  $ shopflow review examples --promoted\n  $ shopflow review examples remove 2',
    )
    .action(async (raw: { template?: string; promoted?: boolean; json?: boolean }) => {
      const [{ editPairs, templateExamples }, { renderEditPairs, renderExamples }] = await Promise.all([
        import('../../core/templates/examples.js'),
        import('../render-examples.js'),
      ]);
      const db = await ctx.dbIfExists();
      if (raw.promoted) ctx.out.result(templateExamples(db, raw.template), renderExamples);
      else ctx.out.result(editPairs(db, { template: raw.template }), renderEditPairs);
    });
  examples
    .command('promote')
    .description('Make edits few-shot examples of their template (a model drafting it sees them)')
    .argument('<edit...>', 'edit ids, as review examples lists them')
    .option('--json', 'print the examples as JSON')
    .action(async (values: string[], raw: { json?: boolean }) => {
      const { promoteExamples } = await import('../../core/templates/examples.js');
      const edits = values.map((v) => positiveInt(v, `"${v}" is not an edit id (see: shopflow review examples)`));
      const done = promoteExamples(await ctx.db(), edits, ctx.deps.now().toISOString());
      ctx.out.result(done, (d) => `Promoted ${d.length} example${d.length === 1 ? '' : 's'}: ${d.map((e) => `#${e.id} ${e.template}/${e.field}`).join(', ')}`);
    });
  examples
    .command('remove')
    .description('Stop using a promoted example')
    .argument('<id>', 'example id, as review examples --promoted lists it')
    .action(async (value: string) => {
      const { removeExample } = await import('../../core/templates/examples.js');
      const id = positiveInt(value, `"${value}" is not an example id`);
      removeExample(await ctx.db(), id);
      ctx.out.print(`Removed example #${id}`);
    });
}

async function listAction(ctx: Ctx, raw: { status?: string | undefined; template?: string | undefined }, hint: boolean): Promise<void> {
  const [{ reviewList }, { renderList }] = await Promise.all([import('../../core/review/review.js'), import('../render-item.js')]);
  let items = reviewList(await ctx.dbIfExists(), { status: raw.status as never });
  if (raw.template) items = items.filter((i) => i.template === raw.template);
  ctx.out.result(items, renderList);
  if (hint && !ctx.out.jsonMode) {
    ctx.out.info(
      items.length === 0
        ? 'Nothing is waiting for review.'
        : `${items.length} pending. Decide with: shopflow review approve <id...> | review reject <id...> --reason R | review show <id>`,
    );
  }
}
