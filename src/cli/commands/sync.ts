import type { Command } from 'commander';
import type { Ctx } from '../deps.js';
import type { ExportSummary } from '../../core/sync-export.js';

export function syncCommand(program: Command, ctx: Ctx): void {
  const sync = program
    .command('sync')
    .description("Move data between shopflow and the platforms' CSV files")
    .addHelpText('after', '\nExample:\n  $ shopflow sync export products --format shopify --source products_export_1.csv --out import.csv');

  sync
    .command('export')
    .description("Write approved copy in the platform's own import format (approved items only)")
    .argument('<what>', 'what to export: products')
    .requiredOption('--format <platform>', 'shopify or woocommerce')
    .requiredOption('--out <file>', 'the import file to write')
    .option('--source <original.csv>', 'your original export: every other cell stays byte-identical')
    .option('--dry-run', 'show what would be exported; write nothing')
    .option('--json', 'print the summary as JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ shopflow sync export products --format shopify --source products_export_1.csv --out import.csv
  $ shopflow sync export products --format woocommerce --out woo-import.csv`,
    )
    .action(async (what: string, raw: Record<string, unknown>) => {
      const [{ syncExportProducts, ExportOptions }, { parseOptions }, { UserError }] = await Promise.all([
        import('../../core/sync-export.js'),
        import('../options.js'),
        import('../../core/errors.js'),
      ]);
      if (what !== 'products') throw new UserError(`sync export: "${what}" cannot be exported; try: products`, 2);
      ctx.out.jsonMode = Boolean(raw.json);
      const opts = parseOptions(ExportOptions, { format: raw.format, out: raw.out, source: raw.source, dryRun: Boolean(raw.dryRun) });
      const store = await ctx.store();
      const s = syncExportProducts(opts, {
        cwd: ctx.deps.cwd,
        db: await ctx.db(),
        now: ctx.deps.now,
        templatesDir: store.templatesDir,
        dbPath: store.dbPath,
      });
      for (const h of s.notFound) {
        ctx.out.warn(`${opts.source}: has no product "${h}"; its approved copy was not exported`);
      }
      for (const h of s.heldBack) ctx.out.warn(`"${h.handle}" was not exported: ${h.reason}`);
      ctx.out.result(s, renderExport);
    });
}

function renderExport(s: ExportSummary): string {
  const what = `${s.products} product${s.products === 1 ? '' : 's'} (${s.items} approved item${s.items === 1 ? '' : 's'})`;
  if (s.dryRun) return `Dry run: would write ${what} to ${s.out}; nothing written.`;
  const src = s.source ? `, every other cell as in ${s.source}` : '';
  return `Wrote ${s.out}: ${what}, ${s.rows} rows${src}.\nImport it in your store admin (Products › Import, "overwrite existing products").`;
}
