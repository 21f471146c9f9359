#!/usr/bin/env node
// Start-up cost of the CLI: `shopflow --help` against a bare `node -e ""`, alternated, median of N.
// Target: under 2× (commands load their heavy modules only when they run).
// Usage: npm run build && node bench/startup.js [runs=30]
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../bin/shopflow.js', import.meta.url));
const runs = Number(process.argv[2] ?? 30);

function time(args) {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { stdio: 'ignore' });
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}`);
  return Number(process.hrtime.bigint() - t) / 1e6;
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export function startup(n = runs) {
  const base = [];
  const help = [];
  const draftHelp = [];
  time(['-e', '']); time([bin, '--help']); // warm the file cache
  for (let i = 0; i < n; i++) {
    base.push(time(['-e', '']));
    help.push(time([bin, '--help']));
    draftHelp.push(time([bin, 'draft', '--help']));
  }
  const b = median(base);
  return {
    'node -e ""': `${b.toFixed(1)} ms`,
    'shopflow --help': `${median(help).toFixed(1)} ms (${(median(help) / b).toFixed(2)}×)`,
    'shopflow draft --help': `${median(draftHelp).toFixed(1)} ms (${(median(draftHelp) / b).toFixed(2)}×)`,
    ratio: Number((median(help) / b).toFixed(2)),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = startup();
  console.log(`startup (median of ${runs} runs)`);
  for (const [k, v] of Object.entries(r)) console.log(`  ${k.padEnd(24)} ${v}`);
}
