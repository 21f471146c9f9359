import { Command, CommanderError } from 'commander';
import type { Deps } from './deps.js';
import { makeCtx, realDeps, type Ctx } from './deps.js';
import { UserError } from '../core/errors.js';
import { initCommand } from './commands/init.js';
import { draftCommand } from './commands/draft.js';
import { reviewCommand } from './commands/review.js';
import { syncCommand } from './commands/sync.js';
import { reportCommand } from './commands/report.js';
import { auditCommand } from './commands/audit.js';
import { logCommand } from './commands/log.js';
import { batchCommand } from './commands/batch.js';
import { VERSION } from '../core/lib/version.js';

export function createProgram(ctx: Ctx): Command {
  const program = new Command('shopflow')
    .description('AI drafts, the owner decides: product copy, review and store files for a small online store.')
    .version(VERSION)
    .option('--store <dir>', 'store folder (default: the nearest folder with shopflow.yaml; env SHOPFLOW_STORE)')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: (s) => ctx.deps.stdout.write(s),
      writeErr: (s) => ctx.deps.stderr.write(s),
      outputError: (s, write) => write(s),
    })
    .exitOverride()
    // Every command with a --json option prints its result as JSON with it: decided here, once.
    .hook('preAction', (_program, command) => {
      ctx.out.jsonMode = Boolean(command.opts<{ json?: boolean }>().json);
    })
    .addHelpText(
      'after',
      `
The loop:
  $ shopflow draft examples/store/products.csv      draft copy for every product
  $ shopflow review                                 approve, edit or reject each draft
  $ shopflow sync export products --format shopify --source examples/store/products.csv --out import.csv
  $ shopflow report                                 the weekly KPI report`,
    );
  for (const add of [initCommand, draftCommand, reviewCommand, auditCommand, syncCommand, reportCommand, logCommand, batchCommand]) add(program, ctx);
  const override = (c: Command): void => {
    for (const sub of c.commands) {
      sub.exitOverride();
      override(sub); // nested groups too (review examples promote)
    }
  };
  override(program);
  return program;
}

/** Runs one command line; returns the exit code. Never calls process.exit. */
export async function run(argv: string[], deps: Deps): Promise<number> {
  let program: Command | undefined;
  const ctx = makeCtx(deps, () => program?.opts<{ store?: string }>().store);
  try {
    program = createProgram(ctx);
    await program.parseAsync(argv, { from: 'user' });
    return ctx.exitCode ?? 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    if (err instanceof UserError) {
      ctx.out.error(err.message);
      return err.exitCode;
    }
    ctx.out.error(`unexpected error, please report it:\n${(err as Error)?.stack ?? String(err)}`);
    return 1;
  } finally {
    ctx.close();
  }
}

export async function main(): Promise<void> {
  // `shopflow review list | head`: when the reader goes away, stop quietly instead of crashing.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e;
      process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
    });
  }
  process.exitCode = await run(process.argv.slice(2), await realDeps());
}
