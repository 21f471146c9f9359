import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ROOT } from './helpers.js';

const ENTRY = join(ROOT, 'dist', 'cli', 'main.js');

/**
 * Every module `shopflow --help` loads: the static imports reachable from the CLI's entry (dynamic
 * `import()` is what commands use to load their core lazily, so it is not followed). Start-up time
 * is measured by bench/startup.js; this keeps the cause of its last regression from coming back.
 */
function staticGraph(entry: string): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(/^(?:import|export)\s[^;]*?\sfrom\s+'([^']+)'|^import\s+'([^']+)'/gms)) {
      const spec = (m[1] ?? m[2])!;
      if (spec.startsWith('.')) visit(resolve(dirname(file), spec));
      else if (!spec.startsWith('node:')) packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
    }
  };
  visit(entry);
  return { files: [...files].map((f) => relative(join(ROOT, 'dist'), f)).sort(), packages: [...packages].sort() };
}

describe.skipIf(!existsSync(ENTRY))('what `shopflow --help` loads before any command runs', () => {
  test('only commander and chalk among the packages, and no core module beyond errors and the version', () => {
    const { files, packages } = staticGraph(ENTRY);
    expect(packages).toEqual(['chalk', 'commander']);
    expect(files.filter((f) => f.startsWith('core/'))).toEqual(['core/errors.js', 'core/lib/version.js', 'core/queue/status.js']);
  });
});
