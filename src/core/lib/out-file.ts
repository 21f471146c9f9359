import { accessSync, constants, renameSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import { UserError } from '../errors.js';

/**
 * Fails early, before any work, when the folder of an output file (`--out`, `--report`) cannot be
 * written: a bad invocation (exit 2). `after` ends the message ("; nothing was imported").
 */
export function checkWritable(cwd: string, file: string, option = '--out', after = ''): void {
  try {
    accessSync(dirname(resolve(cwd, file)), constants.W_OK);
  } catch {
    throw new UserError(`${option} ${file}: its folder does not exist or cannot be written${after}`, 2);
  }
}

/** Writes the whole file or nothing (a temp file renamed over it), so cron never leaves half a report. */
export function writeFileAtomic(cwd: string, file: string, text: string): void {
  const path = resolve(cwd, file);
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true }); // nothing left behind
    throw new UserError(`--out ${file}: cannot write the file (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
}
