import type { Command } from 'commander';
import type { ChalkInstance } from 'chalk';
import type { Ctx } from '../deps.js';
import type { DraftResult } from '../../core/draft.js';
import { intArg, parseColumnMap } from '../options.js';

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
    .option('--force', 'draft again even when the product and template are unchanged')
    .option('--dry-run', 'count what would be drafted; call nothing, write nothing')
    .option('--platform <name>', 'skip detection: shopify, woocommerce, etsy or generic')
    .option('--columns <map>', 'generic CSV column map, e.g. "title=Product Name,description=Details"')
    .option('--json', 'print the result as JSON on stdout')
    .addHelpText(
      'after',
      `
Examples:
  $ shopflow draft examples/store/products.csv
  $ shopflow draft products_export_1.csv --only-missing --template seo
  $ shopflow draft products.csv --dry-run --json`,
    )
    .action(async (file: string, raw: Record<string, unknown>) => {
      const [{ draft, DraftOptions }, { resolveProvider }, { parseOptions }] = await Promise.all([
        import('../../core/draft.js'),
        import('../../core/llm/resolve.js'),
        import('../options.js'),
      ]);
      ctx.out.jsonMode = Boolean(raw.json);
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
      });
      const store = await ctx.store();
      const llm = resolveProvider({
        config: store.config,
        env: ctx.deps.env,
        provider: raw.provider as string | undefined,
        model: raw.model as string | undefined,
      });
      const progress = ctx.out.progress('Drafting');
      // A dry run in a folder without a database must not create one: it looks at an empty one instead.
      const { existsSync } = await import('node:fs');
      const openDb =
        opts.dryRun && !existsSync(store.dbPath)
          ? async () => (await import('../../core/db/open.js')).openDb(':memory:')
          : ctx.db;
      const result = await draft(opts, { cwd: ctx.deps.cwd, openDb, llm, store, now: ctx.deps.now, onProgress: progress.update });
      progress.done();
      for (const w of result.warnings) ctx.out.warn(w);
      ctx.out.result(result, renderDraft);
      if (result.failed > 0) ctx.exitCode = 1;
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
      ` · template ${r.template} · provider ${r.provider}`,
  );
  const flagged = r.items.filter((i) => (i.errors ?? 0) > 0);
  if (flagged.length > 0) lines.push(c.yellow(`${flagged.length} draft${flagged.length === 1 ? '' : 's'} fail a check (length or banned words): see shopflow review`));
  const claims = r.items.filter((i) => (i.flags ?? 0) > 0);
  if (claims.length > 0) lines.push(c.yellow(`${claims.length} draft${claims.length === 1 ? ' makes claims' : 's make claims'} the product data does not support: see shopflow review`));
  for (const f of r.items.filter((i) => i.outcome === 'failed')) lines.push(c.red(`  ${f.handle}: ${f.error}`));
  if (!r.dryRun && r.drafted > 0) lines.push(`Next: shopflow review`);
  if (r.dryRun) lines.push('Dry run: nothing was called or written.');
  return lines.join('\n');
}
