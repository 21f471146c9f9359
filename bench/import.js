#!/usr/bin/env node
// sync import of a generated Shopify orders export (default 1,000,000 line-item rows) against
// parsing the same file with csv-parse alone in its fastest setting (records as arrays, no
// casting), measured in the same run, each in its own process so peak memory is its own.
//   parse     csv-parse alone: the floor
//   import    shopflow sync import into a fresh shopflow.db         target ≤ 1.5× parse, < 300 MB
//   reimport  the same file again (all unchanged: skipped by its SHA-256)
//   rowwise   the same file again, read row by row (as --report does, or another file holding
//             the same orders): every order unchanged                target ≤ 1.2× parse
// The parse runs first and last; its mean is the baseline.
// Usage: npm run build && node bench/import.js [rows=1000000]
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const self = fileURLToPath(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));

async function child(mode, file, dir, reread) {
  const t = process.hrtime.bigint();
  let n = 0;
  if (mode === 'parse') {
    const { parse } = await import('csv-parse');
    for await (const _r of createReadStream(file).pipe(parse())) n++;
  } else {
    const { syncImport } = await import(join(root, 'dist/core/sync-import.js'));
    const { openDb } = await import(join(root, 'dist/core/db/open.js'));
    const db = openDb(join(dir, 'shopflow.db'));
    const r = await syncImport({ files: [file], reread }, { cwd: dir, openDb: async () => db, now: () => new Date(), settings: {} });
    db.close();
    n = r.files[0];
  }
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  const { userCPUTime, systemCPUTime, maxRSS } = process.resourceUsage();
  process.stdout.write(JSON.stringify({ ms, cpuMs: (userCPUTime + systemCPUTime) / 1000, maxRssMB: Math.round(maxRSS / 1024), n }));
}

function run(mode, file, dir, reread = false) {
  const args = [self, '--child', mode, file, dir, ...(reread ? ['reread'] : [])];
  return JSON.parse(execFileSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 20 }));
}

export async function importBench(rows = 1_000_000) {
  const data = join(root, 'bench', 'data');
  mkdirSync(data, { recursive: true });
  // The same generated export as bench/csv-stream.js (realistic: 373 MB for 1,000,000 rows).
  const file = join(data, `shopify-orders-${rows}.csv`);
  if (!existsSync(file)) (await import('./csv-stream.js')).generateOrders(file, rows);
  const dir = mkdtempSync(join(tmpdir(), 'shopflow-bench-import-'));
  try {
    const parse1 = run('parse', file, dir);
    const first = run('import', file, dir);
    const again = run('import', file, dir);
    const rowwise = run('import', file, dir, true);
    const parse2 = run('parse', file, dir);
    const parse = { ms: (parse1.ms + parse2.ms) / 2, cpuMs: (parse1.cpuMs + parse2.cpuMs) / 2, maxRssMB: Math.max(parse1.maxRssMB, parse2.maxRssMB) };
    // Wall time is the target's measure; CPU time (the whole process) shows the work done when
    // other processes share the cores.
    const ratio = (x) => `${(x.ms / parse.ms).toFixed(2)}×, CPU ${(x.cpuMs / parse.cpuMs).toFixed(2)}×`;
    const unchanged = (x) => `${x.n.unchanged} unchanged, ${x.n.new} new, ${x.n.changed} changed`;
    return {
      file: `${rows.toLocaleString('en-US')} rows, ${(statSync(file).size / 1e6).toFixed(0)} MB`,
      parse: `${(parse.ms / 1000).toFixed(1)} s (1.00×, CPU ${(parse.cpuMs / 1000).toFixed(1)} s), peak ${parse.maxRssMB} MB (first ${(parse1.ms / 1000).toFixed(1)} s, last ${(parse2.ms / 1000).toFixed(1)} s)`,
      import: `${(first.ms / 1000).toFixed(1)} s (${ratio(first)}), peak ${first.maxRssMB} MB, ${Math.round(rows / (first.ms / 1000)).toLocaleString('en-US')} rows/s — ${first.n.new} orders new`,
      reimport: `${(again.ms / 1000).toFixed(1)} s (${ratio(again)}), peak ${again.maxRssMB} MB — ${unchanged(again)}`,
      rowwise: `${(rowwise.ms / 1000).toFixed(1)} s (${ratio(rowwise)}), peak ${rowwise.maxRssMB} MB — ${unchanged(rowwise)}`,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') await child(process.argv[3], process.argv[4], process.argv[5], process.argv[6] === 'reread');
else if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await importBench(Number(process.argv[2] ?? 1_000_000));
  console.log('sync import, Shopify orders');
  for (const [k, v] of Object.entries(r)) console.log(`  ${k.padEnd(8)} ${v}`);
}
