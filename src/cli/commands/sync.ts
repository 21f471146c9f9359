import type { Command } from 'commander';
import type { Ctx } from '../deps.js';
import type { ExportSummary } from '../../core/sync/export.js';
import type { ImportResult } from '../../core/sync/import.js';
import type { ImportLogEntry } from '../../core/sync/history.js';

export function syncCommand(program: Command, ctx: Ctx): void {
  const sync = program
    .command('sync')
    .description("Move data between shopflow and the platforms' CSV files")
    .addHelpText('after', '\nExample:\n  $ shopflow sync export products --format shopify --source products_export_1.csv --out import.csv');

  sync
    .command('import')
    .description('Read platform exports into the store history (orders, customers, products, inventory, checkouts, reviews, email, traffic)')
    .argument('<file...>', 'exports as the platforms wrote them; kind and platform are detected from the header')
    .option('--kind <kind>', 'skip detection: products, orders, customers, inventory, checkouts, reviews, email_campaigns, email_flows or traffic')
    .option('--dry-run', 'read everything and show the counts; write nothing')
    .option('--report <file.csv>', 'write every skipped or doubtful row, with its line and reason, to a CSV file')
    .option('--json', 'print one object per file: file, kind, platform, new, changed, unchanged, warnings, errors')
    .addHelpText(
      'after',
      `
Examples:
  $ shopflow sync import orders_export_1.csv customers_export.csv
  $ shopflow sync import data-export.csv --dry-run
  $ shopflow sync import EtsySoldOrders2025.csv --report problems.csv`,
    )
    .action(async (files: string[], raw: Record<string, unknown>) => {
      const [{ syncImport, ImportOptions }, { writeProblemReport }, { parseOptions }] = await Promise.all([
        import('../../core/sync/import.js'),
        import('../../core/sync/problems-file.js'),
        import('../options.js'),
      ]);
      // --report lists every problem again, so an identical file is read row by row, not skipped.
      const opts = parseOptions(ImportOptions, { files, kind: raw.kind, dryRun: Boolean(raw.dryRun), reread: Boolean(raw.report) });
      if (raw.report) {
        // Check the report can be written before importing anything.
        const { checkWritable } = await import('../../core/lib/out-file.js');
        checkWritable(ctx.deps.cwd, raw.report as string, '--report', '; nothing was imported');
      }
      const store = await ctx.store();
      // A dry run only looks.
      const openDb = opts.dryRun ? ctx.dbIfExists : ctx.db;
      const progress = ctx.out.progress('Importing');
      const result = await syncImport(
        opts,
        {
          cwd: ctx.deps.cwd,
          openDb,
          now: ctx.deps.now,
          settings: { currency: store.config.store.currency, decimalComma: store.config.store.decimal_comma },
          onProgress: (_f, n) => progress.update(n, 0),
        },
      );
      progress.done();
      if (raw.report) {
        const { resolve } = await import('node:path');
        const n = writeProblemReport(resolve(ctx.deps.cwd, raw.report as string), raw.report as string, result.files);
        ctx.out.info(`${raw.report}: ${n} row problem${n === 1 ? '' : 's'}`);
      }
      for (const f of result.files) for (const w of f.warnings) ctx.out.warn(w);
      if (ctx.out.jsonMode) {
        ctx.out.json(result.files.map(({ problems: _p, ...f }) => f));
      } else ctx.out.print(renderImport(result));
    });

  sync
    .command('history')
    .description('List every import: when, which file (and its hash), what kind, and the counts')
    .option('--json', 'print as JSON')
    .addHelpText('after', '\nExample:\n  $ shopflow sync history')
    .action(async (raw: { json?: boolean }) => {
      const { syncHistory } = await import('../../core/sync/history.js');
      ctx.out.result(syncHistory(await ctx.dbIfExists()), renderHistory);
    });

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
        import('../../core/sync/export.js'),
        import('../options.js'),
        import('../../core/errors.js'),
      ]);
      if (what !== 'products') throw new UserError(`sync export: "${what}" cannot be exported; try: products`, 2);
      const opts = parseOptions(ExportOptions, { format: raw.format, out: raw.out, source: raw.source, dryRun: Boolean(raw.dryRun) });
      const store = await ctx.store();
      const s = syncExportProducts(opts, {
        cwd: ctx.deps.cwd,
        db: opts.dryRun ? await ctx.dbIfExists() : await ctx.db(), // a dry run only looks
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

const fmt = (n: number): string => n.toLocaleString('en-US');

function renderImport(r: ImportResult): string {
  const lines = r.files.map((f) => {
    const skipped = f.errors.length > 0 ? `; ${fmt(f.errors.length)} row${f.errors.length === 1 ? '' : 's'} skipped` : '';
    return `${f.file}: ${f.layout} — ${fmt(f.new)} new, ${fmt(f.changed)} changed, ${fmt(f.unchanged)} unchanged${skipped}`;
  });
  const problems = r.files.flatMap((f) => f.errors);
  if (problems.length > 0) {
    lines.push('', ...problems.slice(0, 10).map((p) => `  ${p}`));
    if (problems.length > 10) lines.push(`  … and ${fmt(problems.length - 10)} more (write them all with --report FILE)`);
  }
  if (r.dryRun) lines.push('Dry run: nothing was written.');
  return lines.join('\n');
}

function renderHistory(entries: ImportLogEntry[]): string {
  if (entries.length === 0) return 'No imports yet. Try: shopflow sync import <export.csv>';
  return entries
    .map((e) => `${e.at.slice(0, 19).replace('T', ' ')}  ${e.kind.padEnd(15)} ${e.layout}  ${e.file}  ` +
      `${fmt(e.new)} new, ${fmt(e.changed)} changed, ${fmt(e.unchanged)} unchanged${e.problems ? `, ${fmt(e.problems)} skipped` : ''}  sha256:${e.fileHash.slice(0, 12)}`)
    .join('\n');
}
