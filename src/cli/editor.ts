import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../core/errors.js';

/** Opens `text` in $VISUAL / $EDITOR (vi when neither is set) and returns the saved text. */
export async function editText(text: string, ext: string): Promise<string> {
  const editor = process.env.VISUAL || process.env.EDITOR || 'vi';
  const dir = mkdtempSync(join(tmpdir(), 'shopflow-edit-'));
  const file = join(dir, `draft${ext}`);
  try {
    writeFileSync(file, text);
    // EDITOR may carry arguments ("code --wait"), so it goes through the shell; the path is quoted.
    const r = spawnSync(`${editor} '${file.replace(/'/g, `'\\''`)}'`, { stdio: 'inherit', shell: true });
    if (r.error || r.status !== 0) {
      throw new UserError(`the editor "${editor}" did not finish cleanly (exit ${r.status ?? r.error?.message}); nothing changed`);
    }
    return readFileSync(file, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
