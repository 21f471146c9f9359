import type { Command } from 'commander';
import type { Ctx } from '../deps.js';

export function reportCommand(program: Command, ctx: Ctx): void {
  program
    .command('report')
    .description('The KPI report: sales, customers, refunds, traffic, email and reviews, compared with the period before')
    .option('--period <name>', 'last-week, this-week, last-month or last-30-days (default: the last complete ISO week)')
    .option('--since <date>', 'first day, YYYY-MM-DD, in the store timezone')
    .option('--until <date>', 'last day, YYYY-MM-DD, inclusive (default: yesterday)')
    .option('--compare <mode>', 'previous, last-year or none', 'previous')
    .option('--format <format>', 'text, markdown, html, json or csv', 'text')
    .option('--json', 'the same as --format json')
    .option('--out <file>', 'write the report to a file instead of stdout')
    .option('--orders <file>', 'import this orders export first')
    .option('--emails <file>', 'import this email campaigns or flows export first')
    .option('--sessions <file>', 'import this traffic (sessions) export first')
    .option('--reviews <file>', 'import this reviews export first')
    .addHelpText(
      'after',
      `
Exit codes: 0 fine, 1 a problem with the data or files, 2 a bad option, 3 a KPI target in
shopflow.yaml (kpi_targets) was missed.

Examples:
  $ shopflow report
  $ shopflow report --period last-month --compare last-year --format markdown --out report.md
  $ shopflow report --orders orders_export_1.csv --since 2026-11-01 --until 2026-11-30 --format json`,
    )
    .action(async (raw: Record<string, unknown>) => {
      const [{ report, renderReport, ReportOptions }, { parseOptions }] = await Promise.all([
        import('../../core/report/run.js'),
        import('../options.js'),
      ]);
      const { json, ...rest } = raw;
      const opts = parseOptions(ReportOptions, { ...rest, format: json ? 'json' : rest.format });
      const store = await ctx.store();
      const write = await import('../../core/lib/out-file.js');
      if (opts.out) write.checkWritable(ctx.deps.cwd, opts.out);
      const r = await report(opts, {
        cwd: ctx.deps.cwd,
        config: store.config,
        openDb: ctx.db,
        hasDb: await ctx.hasDb(),
        now: ctx.deps.now,
        onImport: (f) => {
          for (const w of f.warnings) ctx.out.warn(w);
          ctx.out.info(`${f.file}: ${f.layout} — ${f.new} new, ${f.changed} changed, ${f.unchanged} unchanged`);
        },
      });
      let text: string;
      if (opts.format === 'text' && !opts.out) {
        const c = ctx.out.c;
        const { renderText } = await import('../../core/report/render-text.js');
        const width = ctx.deps.stdout.isTTY ? ctx.deps.stdout.columns : undefined;
        text = renderText(r, { good: c.green, bad: c.red, bold: c.bold }, width);
      } else text = await renderReport(r, opts.format);
      if (opts.out) {
        write.writeFileAtomic(ctx.deps.cwd, opts.out, text);
        ctx.out.info(`Wrote ${opts.out}`);
      } else ctx.deps.stdout.write(text);
      const missed = r.targets.filter((t) => !t.met);
      if (missed.length > 0) {
        const { kpiValue } = await import('../../core/report/format.js');
        ctx.out.error(`${missed.length} KPI target${missed.length === 1 ? '' : 's'} missed:`);
        for (const t of missed) ctx.out.info(`  ${t.kpi} ${t.target}: ${kpiValue(r, t.kpi, t.value)}`);
        ctx.exitCode = 3;
      }
    });
}
