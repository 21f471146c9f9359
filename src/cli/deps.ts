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
}

/** What a command's action gets: deps plus the things made per run. */
export interface Ctx {
  deps: Deps;
  out: Output;
  store: () => Promise<StoreLocation>;
  db: () => Promise<Db>;
  close: () => void;
  /** Set by a command that succeeds with a non-zero code (e.g. a missed KPI target). */
  exitCode?: number;
}

export function makeCtx(deps: Deps, storeFlag: () => string | undefined): Ctx {
  const out = new Output(deps.stdout, deps.stderr, deps.env);
  let location: StoreLocation | undefined;
  let db: Db | undefined;
  const store = async () => {
    if (!location) {
      const { findStore } = await import('../core/config/config.js');
      location = findStore({ cwd: deps.cwd, store: storeFlag(), env: deps.env });
    }
    return location;
  };
  return {
    deps,
    out,
    store,
    db: async () => {
      if (!db) {
        const { openDb } = await import('../core/db/open.js');
        db = openDb((await store()).dbPath);
      }
      return db;
    },
    close: () => {
      db?.close();
      db = undefined;
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
    onInterrupt: (handler) => {
      process.once('SIGINT', handler);
      return () => process.off('SIGINT', handler);
    },
  };
}
