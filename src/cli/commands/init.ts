import type { Command } from 'commander';
import type { Ctx } from '../deps.js';

export function initCommand(program: Command, ctx: Ctx): void {
  program
    .command('init')
    .description('Make a store folder: a commented shopflow.yaml and a templates/ folder for your overrides')
    .argument('[dir]', 'the folder (created if missing)', '.')
    .option('--name <store name>', 'your store name')
    .option('--currency <code>', 'ISO currency code, e.g. EUR')
    .option('--timezone <zone>', 'IANA time zone, e.g. Europe/Berlin')
    .option('--json', 'print what was written as JSON')
    .addHelpText('after', '\nExample:\n  $ shopflow init my-store --name "Fern & Clay" --currency EUR --timezone Europe/Berlin')
    .action(async (dir: string, raw: { name?: string; currency?: string; timezone?: string; json?: boolean }) => {
      const { initStore } = await import('../../core/config/init.js');
      const r = initStore({ cwd: ctx.deps.cwd, dir, name: raw.name, currency: raw.currency, timezone: raw.timezone });
      ctx.out.result(r, (v) =>
        [`Made the store folder ${v.dir}:`, ...v.written.map((f) => `  ${f}`), '', 'Next: shopflow draft <your products export.csv>'].join('\n'),
      );
    });
}
