#!/usr/bin/env node
// Offline drafting of a generated 10,000-product Shopify export, against merely parsing the file.
// Three timings, same file, same process, best of R runs each:
//   parse      csv-parse alone (records as arrays, no casting): the floor
//   read       shopflow's reader: decode, split, one Product per handle
//   draft      `shopflow draft` end to end into a fresh shopflow.db (offline provider)
// Usage: npm run build && node bench/draft-offline.js [products=10000] [runs=3]
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { generate } from './gen-shopify-products.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const { readProducts } = await import(join(root, 'dist/core/formats/read-products.js'));
const { draft } = await import(join(root, 'dist/core/draft/draft.js'));
const { openDb } = await import(join(root, 'dist/core/db/open.js'));
const { findStore } = await import(join(root, 'dist/core/config/config.js'));
const { OfflineProvider } = await import(join(root, 'dist/core/llm/offline.js'));

const ms = (t) => Number(process.hrtime.bigint() - t) / 1e6;

export async function draftOffline(n = 10000, runs = 3) {
  const dataDir = join(root, 'bench', 'data');
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, `shopify-products-${n}.csv`);
  if (!existsSync(file)) writeFileSync(file, generate(n));
  const best = { parse: Infinity, read: Infinity, draft: Infinity };
  let products = 0;
  let rows = 0;
  for (let i = 0; i < runs; i++) {
    let t = process.hrtime.bigint();
    rows = parse(readFileSync(file)).length - 1;
    best.parse = Math.min(best.parse, ms(t));

    t = process.hrtime.bigint();
    products = readProducts(file).products.length;
    best.read = Math.min(best.read, ms(t));

    const dir = mkdtempSync(join(tmpdir(), 'shopflow-bench-'));
    const store = findStore({ cwd: dir, env: {} });
    const db = openDb(store.dbPath);
    t = process.hrtime.bigint();
    const r = await draft({ file }, { cwd: dir, openDb: async () => db, llm: new OfflineProvider(), store, now: () => new Date() });
    best.draft = Math.min(best.draft, ms(t));
    db.close();
    rmSync(dir, { recursive: true, force: true });
    if (r.drafted !== products) throw new Error(`drafted ${r.drafted} of ${products}`);
  }
  return {
    file: `${products} products, ${rows} rows, ${(readFileSync(file).length / 1e6).toFixed(1)} MB`,
    parse: `${best.parse.toFixed(0)} ms (1.00×)`,
    read: `${best.read.toFixed(0)} ms (${(best.read / best.parse).toFixed(2)}×)`,
    draft: `${best.draft.toFixed(0)} ms (${(best.draft / best.parse).toFixed(2)}×), ${Math.round(products / (best.draft / 1000))} products/s`,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await draftOffline(Number(process.argv[2] ?? 10000), Number(process.argv[3] ?? 3));
  console.log('offline drafting (best of runs)');
  for (const [k, v] of Object.entries(r)) console.log(`  ${k.padEnd(6)} ${v}`);
}
