#!/usr/bin/env node
// Drafting N products with the openai provider against the fake OpenAI server (test/fake-openai)
// with L ms latency and an R requests/minute limit (answered with 429 + Retry-After), through the
// built CLI as a user runs it. The baseline is the ideal wall time the limit allows: N ÷ (R/60) s.
//   run 1  a fresh store: wall time against the ideal (target ≤ 1.15×)
//   run 2  the same command again at once: calls made (target 0)
//   run 3  a fresh store, 10 % of requests answered 500: products drafted exactly once (target N)
// Usage: npm run build && node bench/draft-throughput.js [products=1000] [latency=200] [rpm=600] [concurrency=4]
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { generate } from './gen-shopify-products.js';
import { start } from '../test/fake-openai/server.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(root, 'bin', 'shopflow.js');

function shopflow(args, cwd, env) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', ...env } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => resolve({ code, out }));
  });
}

function drafts(dbPath) {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare('select count(*) as n, count(distinct product_handle) as handles from items').get();
  } finally {
    db.close();
  }
}

export async function draftThroughput(n = 1000, latencyMs = 200, rpm = 600, concurrency = 4) {
  const dataDir = join(root, 'bench', 'data');
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, `shopify-products-${n}.csv`);
  if (!existsSync(file)) writeFileSync(file, generate(n));
  const ideal = n / (rpm / 60);
  const args = ['draft', file, '--provider', 'openai', '--concurrency', String(concurrency)];
  const fake = await start({ latencyMs, rpm });
  const env = { OPENAI_API_KEY: 'sk-bench', OPENAI_BASE_URL: fake.url };
  const dirs = [];
  const store = () => {
    const d = mkdtempSync(join(tmpdir(), 'shopflow-bench-'));
    dirs.push(d);
    return d;
  };
  try {
    const dir = store();
    let t = performance.now();
    const first = await shopflow(args, dir, env);
    const wall = (performance.now() - t) / 1000;
    if (first.code !== 0) throw new Error(first.out);
    const firstStats = { requests: fake.stats.requests, rateLimited: fake.stats.rateLimited };

    const before = fake.stats.requests;
    t = performance.now();
    const again = await shopflow(args, dir, env);
    const againWall = (performance.now() - t) / 1000;
    const againCalls = fake.stats.requests - before;
    if (again.code !== 0) throw new Error(again.out);

    fake.set({ errorRate: 0.1, seed: 7, rpm });
    const faultyDir = store();
    const okBefore = fake.stats.ok;
    const errorsBefore = fake.stats.serverErrors;
    t = performance.now();
    const faulty = await shopflow(args, faultyDir, env);
    const faultyWall = (performance.now() - t) / 1000;
    const d = drafts(join(faultyDir, 'shopflow.db'));
    const answered = fake.stats.ok - okBefore;
    return {
      setup: `${n} products, ${latencyMs} ms latency, ${rpm} requests/minute, --concurrency ${concurrency}`,
      ideal: `${ideal.toFixed(1)} s (1.00×)      ${n} ÷ ${rpm / 60} per second`,
      draft: `${wall.toFixed(1)} s (${(wall / ideal).toFixed(2)}×)      ${firstStats.requests} requests, ${firstStats.rateLimited} answered 429   target ≤ 1.15×: ${wall / ideal <= 1.15 ? 'met' : 'NOT MET'}`,
      rerun: `${againWall.toFixed(1)} s, ${againCalls} calls                       target 0: ${againCalls === 0 ? 'met' : 'NOT MET'}`,
      'with 5xx': `${faultyWall.toFixed(1)} s (${(faultyWall / ideal).toFixed(2)}×)      ${fake.stats.serverErrors - errorsBefore} answered 500; ${d.n} drafts of ${d.handles} products, ${answered} good answers, exit ${faulty.code}   target ${n} once each: ${d.n === n && d.handles === n && faulty.code === 0 ? 'met' : 'NOT MET'}`,
    };
  } finally {
    await fake.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [n, latency, rpm, conc] = process.argv.slice(2).map(Number);
  const r = await draftThroughput(n || 1000, latency || 200, rpm || 600, conc || 4);
  console.log('draft throughput, openai provider against the fake server');
  for (const [k, v] of Object.entries(r)) console.log(`  ${k.padEnd(9)} ${v}`);
}
