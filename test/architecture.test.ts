import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { ROOT, tempDir } from './helpers.js';

/**
 * The layers of src/, bottom first (docs/ARCHITECTURE.md draws them). An import may only point to
 * a lower rank; within one folder anything goes. A capability reaches another only through that
 * capability's index.ts, and never in a circle.
 */
const LAYERS: Array<{ rank: number; folders: string[] }> = [
  { rank: 0, folders: ['core/errors.ts'] },
  { rank: 1, folders: ['core/lib'] },
  { rank: 2, folders: ['core/csv', 'core/db'] },
  { rank: 3, folders: ['core/config'] },
  { rank: 4, folders: ['core/formats'] },
  { rank: 5, folders: ['core/history', 'core/claims'] },
  { rank: 6, folders: ['core/templates'] },
  { rank: 7, folders: ['core/llm', 'core/queue'] },
  { rank: 8, folders: ['core/draft', 'core/review', 'core/audit', 'core/sync', 'core/report', 'core/log', 'core/respond', 'core/flows'] },
  { rank: 9, folders: ['cli'] },
];
const CAPABILITIES = new Set(LAYERS.find((l) => l.rank === 8)!.folders);

const SRC = join(ROOT, 'src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** The folder a file belongs to in LAYERS (its longest matching prefix), or undefined. */
function unitOf(file: string): { folder: string; rank: number } | undefined {
  const rel = relative(SRC, file).split('\\').join('/');
  let best: { folder: string; rank: number } | undefined;
  for (const l of LAYERS)
    for (const f of l.folders)
      if ((rel === f || rel.startsWith(`${f}/`)) && (!best || f.length > best.folder.length)) best = { folder: f, rank: l.rank };
  return best;
}

/**
 * Every relative import of a file, resolved to a .ts path, as TypeScript's own pre-processor reads
 * them: static, type-only, side-effect, re-exports and dynamic import() with a literal path.
 */
function importsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return importedFiles.map((f) => f.fileName).filter((s) => s.startsWith('.')).map((s) => resolve(dirname(file), s).replace(/\.js$/, '.ts'));
}

interface Arrow {
  from: string;
  to: string;
}

function graph(): Arrow[] {
  return files(SRC).flatMap((from) => importsOf(from).map((to) => ({ from, to })));
}

const show = (a: Arrow): string => `${relative(SRC, a.from)} → ${relative(SRC, a.to)}`;

/** Why an arrow runs the wrong way, or undefined when it is fine. */
export function wrongWay(a: Arrow): string | undefined {
  const from = unitOf(a.from);
  const to = unitOf(a.to);
  if (!from || !to) return `${show(a)}: a file outside the layers (add its folder to LAYERS and docs/ARCHITECTURE.md)`;
  if (from.folder === to.folder) return undefined;
  if (CAPABILITIES.has(from.folder) && CAPABILITIES.has(to.folder)) {
    const face = join(SRC, to.folder, 'index.ts');
    return a.to === face ? undefined : `${show(a)}: one capability reaches another only through its index.ts`;
  }
  if (to.rank >= from.rank) return `${show(a)}: ${from.folder} (layer ${from.rank}) must not import ${to.folder} (layer ${to.rank})`;
  return undefined;
}

describe('the import graph of src/', () => {
  const arrows = graph();

  test('is read (the test sees the imports it judges)', () => {
    expect(arrows.length).toBeGreaterThan(300);
    expect(arrows.some((a) => a.from.endsWith('cli/main.ts') && a.to.endsWith('cli/deps.ts'))).toBe(true);
  });

  test('reads every form an import takes', () => {
    const dir = tempDir();
    const file = join(dir, 'a.ts');
    writeFileSync(
      file,
      [
        "import { a } from './static.js';",
        "import type { B } from './types.js';",
        "import './side-effect.js';",
        'import {\n  c, // a comment; with a semicolon\n  d,\n} from "./multi-line.js";',
        "export * from './re-export.js';",
        "const m = await import('./dynamic.js');",
        "import fs from 'node:fs';",
      ].join('\n'),
    );
    expect(importsOf(file).map((f) => relative(dir, f))).toEqual(['static.ts', 'types.ts', 'side-effect.ts', 'multi-line.ts', 're-export.ts', 'dynamic.ts']);
  });

  test('every import runs down the layers; a capability reaches another only through its index.ts', () => {
    expect(arrows.map(wrongWay).filter(Boolean)).toEqual([]);
  });

  test('capabilities do not import each other in a circle', () => {
    const edges = new Map<string, Set<string>>();
    for (const a of arrows) {
      const from = unitOf(a.from)?.folder;
      const to = unitOf(a.to)?.folder;
      if (from && to && from !== to && CAPABILITIES.has(from) && CAPABILITIES.has(to)) edges.set(from, (edges.get(from) ?? new Set()).add(to));
    }
    const cycles: string[] = [];
    const visit = (n: string, path: string[]): void => {
      if (path.includes(n)) return void cycles.push([...path.slice(path.indexOf(n)), n].join(' → '));
      for (const m of edges.get(n) ?? []) visit(m, [...path, n]);
    };
    for (const n of edges.keys()) visit(n, []);
    expect(cycles).toEqual([]);
  });

  test('only errors.ts stays loose in src/core', () => {
    const loose = readdirSync(join(SRC, 'core')).filter((n) => !statSync(join(SRC, 'core', n)).isDirectory());
    expect(loose).toEqual(['errors.ts']);
  });

  test('docs/ARCHITECTURE.md names every folder of src/core, and no folder that is not there', () => {
    const doc = readFileSync(join(ROOT, 'docs', 'ARCHITECTURE.md'), 'utf8');
    const folders = (dir: string): string[] =>
      readdirSync(dir).filter((n) => statSync(join(dir, n)).isDirectory() && n !== 'migrations').flatMap((n) => [n, ...folders(join(dir, n)).map((m) => `${n}/${m}`)]);
    const tree = folders(join(SRC, 'core')).map((f) => f.split('/').pop()!);
    const unnamed = tree.filter((f) => !new RegExp(`\\b${f}/`).test(doc));
    expect(unnamed).toEqual([]);
    const named = [...doc.matchAll(/`core\/([a-z]+)\/`/g)].map((m) => m[1]!);
    expect(named.filter((f) => !tree.includes(f))).toEqual([]);
    // Every folder in LAYERS that is there is drawn (respond/ and flows/ are listed ahead of their arrival).
    for (const l of LAYERS) for (const f of l.folders) if (!f.endsWith('.ts') && tree.includes(f.split('/').pop()!)) expect(doc).toContain(`${f.split('/').pop()}/`);
  });

  test('the rule catches a wrong-way arrow and names it', () => {
    const at = (p: string): string => join(SRC, p);
    expect(wrongWay({ from: at('core/queue/items.ts'), to: at('core/review/review.ts') })).toBe(
      'core/queue/items.ts → core/review/review.ts: core/queue (layer 7) must not import core/review (layer 8)',
    );
    expect(wrongWay({ from: at('core/report/run.ts'), to: at('core/sync/import.ts') })).toMatch(/only through its index\.ts/);
    expect(wrongWay({ from: at('core/report/run.ts'), to: at('core/sync/index.ts') })).toBeUndefined();
    expect(wrongWay({ from: at('cli/main.ts'), to: at('core/errors.ts') })).toBeUndefined();
  });
});
