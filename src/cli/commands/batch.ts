import type { Command } from 'commander';
import type { ChalkInstance } from 'chalk';
import type { Ctx } from '../deps.js';
import type { BatchCollectResult } from '../../core/draft/index.js';

export function batchCommand(program: Command, ctx: Ctx): void {
  const batch = program
    .command('batch')
    .description('OpenAI Batch API jobs submitted by draft --batch: their status, and collecting their drafts')
    .addHelpText('after', '\nExamples:\n  $ shopflow draft products.csv --provider openai --batch\n  $ shopflow batch status\n  $ shopflow batch collect');
  for (const [name, description, collect] of [
    ['status', 'Ask OpenAI how far each batch not collected yet has got', false],
    ['collect', 'Store the drafts of finished batches in the review queue (safe to run again)', true],
  ] as const) {
    batch
      .command(name)
      .description(description)
      .option('--json', 'print as JSON')
      .addHelpText('after', `\nExample:\n  $ shopflow batch ${name} --json`)
      .action(async (raw: { json?: boolean }) => {
        const [{ batchCollect }, { resolveProvider }, { hasBatchApi }] = await Promise.all([
          import('../../core/draft/index.js'),
          import('../../core/llm/resolve.js'),
          import('../../core/llm/batch.js'),
        ]);
        const store = await ctx.store();
        if (!(await ctx.hasDb())) return ctx.out.result({ batches: [], drafted: 0, failed: 0 }, renderBatches);
        const llm = await resolveProvider({ config: store.config, env: ctx.deps.env, provider: 'openai', db: ctx.db, now: ctx.deps.now });
        if (!hasBatchApi(llm)) return;
        const result = await batchCollect({ db: await ctx.db(), llm, store, cwd: ctx.deps.cwd, now: ctx.deps.now }, { collect });
        ctx.out.result(result, renderBatches);
        if (result.failed > 0) ctx.exitCode = 1;
      });
  }
}

function renderBatches(r: BatchCollectResult, c: ChalkInstance): string {
  if (r.batches.length === 0) return 'No batches waiting.';
  const lines = r.batches.map((b) => {
    const outcome =
      b.drafted !== undefined ? ` · ${c.green(`${b.drafted} drafted`)}${b.failed ? `, ${c.red(`${b.failed} failed`)}` : ''}${b.skipped ? `, ${b.skipped} already drafted` : ''}` : '';
    return `${b.id}  ${b.status.padEnd(11)} ${b.completed}/${b.requests} · ${b.template} · ${b.sourceFile} · submitted ${b.submittedAt.slice(0, 16).replace('T', ' ')}${outcome}`;
  });
  if (r.batches.some((b) => b.status === 'completed')) lines.push('Next: shopflow batch collect');
  if (r.drafted > 0) lines.push('Next: shopflow review');
  return lines.join('\n');
}
