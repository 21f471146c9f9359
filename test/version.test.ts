import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { VERSION } from '../src/core/lib/version.js';
import { ROOT, runCli, tempDir } from './helpers.js';

test('--version prints the version package.json declares', async () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  expect(VERSION).toBe(pkg.version);
  const r = await runCli(['--version'], { cwd: tempDir() });
  expect(r).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
});
