import type { Command } from 'commander';
import type { ChalkInstance } from 'chalk';
import type { Ctx } from '../deps.js';
import type { DraftResult } from '../../core/draft/index.js';
import { intArg, parseColumnMap } from '../options.js';
import { spendLine } from '../render-spend.js';

export function draftCommand(program: Command, ctx: Ctx): void {
  program
    .command('draft')
    .description("Draft product copy for every product in a store export (Shopify, WooCommerce, Etsy or generic CSV)")
    .argument('<products.csv>', 'the product export, as the platform wrote it')
    .option('-t, --template <name>', 'template name (templates/) or a YAML file', 'product-description')
    .option('--only <handle...>', 'draft only these products (handles)')
    .option('--only-missing', 'draft only products whose description is empty or very short')
    .option('--limit <n>', 'draft at most n products', intArg('--limit'))
    .option('--provider <name>', 'offline or openai (default: shopflow.yaml, else offline)')
    .option('--model <name>', 'model name for the openai provider')
    .option('--concurrency <n>', 'requests at once (default: provider.concurrency, 4)', intArg('--concurrency'))
    .option('--max-cost <usd>', 'stop before spending more than this many US dollars')
    .option('--batch', 'submit through the OpenAI Batch API: half the price, done within 24 h (then: shopflow batch collect)')
    .option('--force', 'draft again even when the product and template are unchanged')
    .option('--dry-run', 'count what would be drafted and estimate tokens and cost; call nothing, write nothing')
    .option('--platform <name>', 'skip detection: shopify, woocommerce, etsy or generic')
    .option('--columns <map>', 'generic CSV column map, e.g. "title=Product Name,description=Details"')
    .option('--json', 'print the result as JSON on stdout')
    .addHelpText(
      'after',
      `
Examples:
  $ shopflow draft examples/store/products.csv
  $ shopflow draft products_export_1.csv --only-missing --template seo
  $ shopflow draft products.csv --dry-run --json
  $ OPENAI_API_KEY=sk-... shopflow draft products.csv --provider openai --max-cost 2`,
    )
    .action(async (file: string, raw: Record<string, unknown>) => {
      const [{ draft, DraftOptions }, { resolveProvider }, { parseOptions }] = await Promise.all([
        import('../../core/draft/index.js'),
        import('../../core/llm/resolve.js'),
        import('../options.js'),
      ]);
      const opts = parseOptions(DraftOptions, {
        file,
        template: raw.template,
        only: raw.only,
        onlyMissing: Boolean(raw.onlyMissing),
        limit: raw.limit,
        force: Boolean(raw.force),
        dryRun: Boolean(raw.dryRun),
        platform: raw.platform,
        columnMap: parseColumnMap(raw.columns as string | undefined),
        concurrency: raw.concurrency,
        maxCost: raw.maxCost,
        batch: Boolean(raw.batch),
      });
      const store = await ctx.store();
      // A dry run only looks: it never creates a database.
      const openDb = opts.dryRun ? ctx.dbIfExists : ctx.db;
      const llm = await resolveProvider({
        config: store.config,
        env: ctx.deps.env,
        provider: raw.provider as string | undefined,
        model: raw.model as string | undefined,
        needKey: !opts.dryRun,
        db: openDb,
        now: ctx.deps.now,
      });
      const progress = ctx.out.progress('Drafting');
      // Ctrl+C: finished drafts are saved, calls in flight abandoned; the next run continues.
      const stop = new AbortController();
      const unhook = ctx.deps.onInterrupt?.(() => stop.abort());
      let result: DraftResult;
      try {
        result = await draft(opts, { cwd: ctx.deps.cwd, openDb, llm, store, now: ctx.deps.now, onProgress: progress.update, signal: stop.signal });
      } finally {
        unhook?.();
        progress.done();
      }
      for (const w of result.warnings) ctx.out.warn(w);
      ctx.out.result(result, renderDraft);
      if (result.failed > 0 || result.stopped === 'budget') ctx.exitCode = 1;
      if (result.stopped === 'interrupted') ctx.exitCode = 130;
    });
}

export function renderDraft(r: DraftResult, c: ChalkInstance): string {
  const lines: string[] = [];
  const verb = r.dryRun ? 'would draft' : 'drafted';
  lines.push(
    `${r.file}: ${r.layout}, ${r.products} product${r.products === 1 ? '' : 's'}` +
      (r.selected !== r.products ? `, ${r.selected} selected` : ''),
  );
  lines.push(
    `${c.green(`${r.drafted} ${verb}`)}, ${r.unchanged} unchanged` +
      (r.failed ? `, ${c.red(`${r.failed} failed`)}` : '') +
      (r.inBatch ? `, ${r.inBatch} in a batch` : '') +
      ` · template ${r.template} · provider ${r.provider}`,
  );
  const flagged = r.items.filter((i) => (i.errors ?? 0) > 0);
  if (flagged.length > 0) lines.push(c.yellow(`${flagged.length} draft${flagged.length === 1 ? '' : 's'} fail a check (length or banned words): see shopflow review`));
  const claims = r.items.filter((i) => (i.flags ?? 0) > 0);
  if (claims.length > 0) lines.push(c.yellow(`${claims.length} draft${claims.length === 1 ? ' makes claims' : 's make claims'} the product data does not support: see shopflow review`));
  for (const line of failureLines(r.items)) lines.push(c.red(line));
  if (r.estimate) lines.push(`Estimate: ${spendLine(r.estimate, '~')}`);
  // The claims guard asks a model once more for a draft with unsupported claims; not estimable beforehand.
  // (Only a provider with a model has an estimate.)
  if (r.estimate && r.estimate.calls > 0) {
    lines.push(c.dim('  plus, without --batch, a second call for each draft whose claims the product data does not support: at most twice this'));
  }
  if (r.spent && r.spent.model) {
    const extra = [r.spent.retries ? `${r.spent.retries} retries` : '', r.spent.rateLimited ? `${r.spent.rateLimited} rate-limited` : ''].filter(Boolean);
    lines.push(`Spent: ${spendLine(r.spent, '')}${extra.length ? ` (${extra.join(', ')})` : ''}`);
  }
  const left = `${r.notStarted} product${r.notStarted === 1 ? '' : 's'} not started`;
  if (r.stopped === 'interrupted') lines.push(c.yellow(`Interrupted: every finished draft is saved, ${left}. Run the same command again to continue.`));
  if (r.stopped === 'budget') lines.push(c.yellow(`Stopped before going over --max-cost: ${left}. Run again with a higher --max-cost to draft them.`));
  if (r.batch) lines.push(`Submitted batch ${r.batch.id} (${r.batch.requests} requests, at batch prices). Next: shopflow batch status, then shopflow batch collect`);
  if (!r.dryRun && r.drafted > 0) lines.push(`Next: shopflow review`);
  if (r.dryRun) lines.push('Dry run: nothing was called or written.');
  return lines.join('\n');
}

/** Failed products, grouped by error: a dead server's 2,000 failures are one line, not 2,000. */
export function failureLines(items: DraftResult['items']): string[] {
  const byError = new Map<string, string[]>();
  for (const f of items.filter((i) => i.outcome === 'failed')) {
    const key = f.error ?? 'unknown error';
    byError.set(key, [...(byError.get(key) ?? []), f.handle]);
  }
  return [...byError].flatMap(([error, handles]) =>
    handles.length <= 3
      ? handles.map((h) => `  ${h}: ${error}`)
      : [`  ${handles.length} products: ${error} (${handles.slice(0, 3).join(', ')} and ${handles.length - 3} more; --json lists them all)`],
  );
}
