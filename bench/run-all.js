#!/usr/bin/env node
// Runs every benchmark; figures are ratios against a baseline measured in the same run.
import { startup } from './startup.js';
import { draftOffline } from './draft-offline.js';

console.log('startup (median of 30 runs)');
for (const [k, v] of Object.entries(startup(30))) console.log(`  ${k.padEnd(24)} ${v}`);
console.log('offline drafting, 10,000 products (best of 3)');
for (const [k, v] of Object.entries(await draftOffline(10000, 3))) console.log(`  ${k.padEnd(6)} ${v}`);
const { importBench } = await import('./import.js');
console.log('sync import, Shopify orders, 200,000 rows (node bench/import.js 1000000 for the full size)');
for (const [k, v] of Object.entries(await importBench(200_000))) console.log(`  ${k.padEnd(8)} ${v}`);
const { draftThroughput } = await import('./draft-throughput.js');
console.log('openai drafting against the fake server, 200 products (node bench/draft-throughput.js 1000 for the full size)');
for (const [k, v] of Object.entries(await draftThroughput(200))) console.log(`  ${k.padEnd(9)} ${v}`);
const { reportBench } = await import('./report.js');
console.log('weekly report, Shopify orders, 200,000 rows (node bench/report.js 1000000 for the full size; needs npm --prefix bench/duckdb ci)');
for (const [k, v] of Object.entries(await reportBench(200_000, 4))) console.log(`  ${k.padEnd(8)} ${v}`);
