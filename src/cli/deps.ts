import { existsSync } from 'node:fs';
import type { Db } from '../core/db/open.js';
import type { StoreLocation } from '../core/config/config.js';
import { Output, type TextStream } from './output.js';

/** Everything a command needs from the outside world; tests pass their own. */
export interface Deps {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: TextStream;
  stderr: TextStream;
  stdinIsTTY: boolean;
  now: () => Date;
  /** Opens the text in the user's editor and returns what they saved. */
  editText: (text: string, ext: string) => Promise<string>;
  /** Calls `handler` on Ctrl+C (once; a second Ctrl+C ends the process as usual); returns the unhook. */
  onInterrupt?: (handler: () => void) => () => void;
  /** The questions of the interactive review; tests script the answers. */
  prompts: Prompts;
}

/**
 * The prompts the interactive review asks (the subset of @inquirer/prompts it uses). Ctrl+C or
 * Ctrl+D at a prompt rejects with an error named "ExitPromptError", as @inquirer/prompts does.
 */
export interface Prompts {
  select<T>(q: { message: string; choices: Array<{ name: string; value: T }> }): Promise<T>;
  input(q: { message: string; validate?: (value: string) => boolean | string }): Promise<string>;
}

/** @inquirer/prompts, loaded on the first question: `--help` and every other command never load it. */
export const inquirerPrompts: Prompts = {
  select: async (q) => (await import('@inquirer/prompts')).select(q),
  input: async (q) => (await import('@inquirer/prompts')).input(q),
};

/** What a command's action gets: deps plus the things made per run. */
export interface Ctx {
  deps: Deps;
  out: Output;
  store: () => Promise<StoreLocation>;
  db: () => Promise<Db>;
  /** Whether the store's database file exists (a command that only looks must not create it). */
  hasDb: () => Promise<boolean>;
  /**
   * The database for a command that only looks: the store's if it exists, else an empty one in
   * memory, so the look finds nothing and no shopflow.db appears in the folder.
   */
  dbIfExists: () => Promise<Db>;
  close: () => void;
  /** Set by a command that succeeds with a non-zero code (e.g. a missed KPI target). */
  exitCode?: number;
}

export function makeCtx(deps: Deps, storeFlag: () => string | undefined): Ctx {
  const out = new Output(deps.stdout, deps.stderr, deps.env);
  let location: StoreLocation | undefined;
  let db: Db | undefined;
  let empty: Db | undefined;
  const store = async () => {
    if (!location) {
      const { findStore } = await import('../core/config/config.js');
      location = findStore({ cwd: deps.cwd, store: storeFlag(), env: deps.env });
    }
    return location;
  };
  const open = async (): Promise<Db> => {
    if (!db) {
      const { openDb } = await import('../core/db/open.js');
      db = openDb((await store()).dbPath);
    }
    return db;
  };
  const hasDb = async (): Promise<boolean> => {
    return db !== undefined || existsSync((await store()).dbPath);
  };
  return {
    deps,
    out,
    store,
    db: open,
    hasDb,
    dbIfExists: async () => {
      if (await hasDb()) return open();
      if (!empty) {
        const { openDb } = await import('../core/db/open.js');
        empty = openDb(':memory:');
      }
      return empty;
    },
    close: () => {
      db?.close();
      empty?.close();
      db = empty = undefined;
    },
  };
}

export async function realDeps(): Promise<Deps> {
  const { editText } = await import('./editor.js');
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    stdinIsTTY: Boolean(process.stdin.isTTY),
    now: () => new Date(),
    editText,
    prompts: inquirerPrompts,
    onInterrupt: (handler) => {
      process.once('SIGINT', handler);
      return () => process.off('SIGINT', handler);
    },
  };
}
