import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import Database from 'better-sqlite3';
import { run } from '../src/cli/main.js';
import type { Deps } from '../src/cli/deps.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const fixture = (...p: string[]): string => join(ROOT, 'test', 'fixtures', ...p);
export const example = (...p: string[]): string => join(ROOT, 'examples', 'store', ...p);

const made: string[] = [];
afterEach(() => {
  while (made.length) rmSync(made.pop()!, { recursive: true, force: true });
});

export function tempDir(prefix = 'shopflow-test-'): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  made.push(d);
  return d;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command in-process, as a user would type it, with output captured. */
export async function runCli(
  argv: string[],
  opts: { cwd: string; env?: NodeJS.ProcessEnv; tty?: boolean; columns?: number; editText?: Deps['editText']; prompts?: Deps['prompts']; now?: () => Date; onInterrupt?: Deps['onInterrupt'] },
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const deps: Deps = {
    cwd: opts.cwd,
    env: { NO_COLOR: '1', ...opts.env },
    stdout: { write: (s: string) => (stdout += s), isTTY: opts.tty ?? false, columns: opts.columns },
    stderr: { write: (s: string) => (stderr += s), isTTY: opts.tty ?? false },
    stdinIsTTY: opts.tty ?? false,
    now: opts.now ?? (() => new Date('2026-11-27T12:00:00Z')),
    editText: opts.editText ?? (async () => {
      throw new Error('no editor in this test');
    }),
    prompts: opts.prompts ?? {
      select: async () => {
        throw new Error('no prompts in this test');
      },
      input: async () => {
        throw new Error('no prompts in this test');
      },
    },
    ...(opts.onInterrupt ? { onInterrupt: opts.onInterrupt } : {}),
  };
  const code = await run(argv, deps);
  return { code, stdout, stderr };
}

/** Counts rows in a table of a store database (which must exist). */
export function count(dbPath: string, table: string, where = '1'): number {
  const db = new Database(dbPath, { fileMustExist: true });
  try {
    return (db.prepare(`select count(*) as n from ${table} where ${where}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

export function query<T>(dbPath: string, sql: string, ...args: unknown[]): T[] {
  const db = new Database(dbPath, { fileMustExist: true });
  try {
    return db.prepare(sql).all(...args) as T[];
  } finally {
    db.close();
  }
}
