#!/usr/bin/env node
// The weekly report on a generated Shopify orders export (default 1,000,000 line-item rows),
// measured in one run, each step in its own process:
//   parse       csv-parse alone on the export (records as arrays, no casting): the floor
//   duckdb      DuckDB computing the same weekly numbers straight from the export file
//   report      `shopflow report` for one week on a store that already imported the export
//               (median of `runs`; the first run after the import also builds the customers'
//               first/second order table, report_customers; shown as `first`)
//                                                                   target < 1 s and < duckdb
//   raw         `shopflow report --orders FILE` on a fresh store: import + report
//                                                                   target ≤ 1.6× parse
// The numbers (orders, revenue, refunded, units, new and returning customers) of shopflow and
// DuckDB are compared; the run fails when they differ.
// Usage: npm --prefix bench/duckdb ci && npm run build && node bench/report.js [rows=1000000] [runs=6]
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, createReadStream, existsSync, mkdirSync, mkdtempSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const self = fileURLToPath(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'shopflow.js');
/** The last complete ISO week (Monday..Sunday) before the last order day of the export, as a store owner would report it. */
export function lastWeek(file) {
  const size = statSync(file).size;
  const fd = openSync(file, 'r');
  const buf = Buffer.alloc(Math.min(size, 1 << 16));
  readSync(fd, buf, 0, buf.length, size - buf.length);
  closeSync(fd);
  const days = buf.toString('utf8').match(/\d{4}-\d{2}-\d{2}(?= \d{2}:\d{2}:\d{2} [-+]\d{4})/g) ?? [];
  const last = new Date(`${days.sort().at(-1)}T00:00:00Z`);
  const sunday = new Date(last.getTime() - ((last.getUTCDay() + 7) % 7 || 7) * 86_400_000);
  const iso = (d) => d.toISOString().slice(0, 10);
  return [iso(new Date(sunday.getTime() - 6 * 86_400_000)), iso(sunday)];
}

const WEEKLY_SQL = `
  with lines as (
    select * from read_csv($file, header = true, all_varchar = true, delim = ',', quote = '"', escape = '"')
  ),
  orders as (
    select "Name" as name, lower(max("Email")) as email, max("Created at") as created, max("Cancelled at") as cancelled,
           max(try_cast(replace("Total", ',', '') as double)) as total,
           max(try_cast(replace("Refunded Amount", ',', '') as double)) as refunded,
           sum(try_cast("Lineitem quantity" as integer)) as units
    from lines group by "Name"
  ),
  live as (select *, substr(created, 1, 10) as day from orders where cancelled is null or cancelled = ''),
  firsts as (select email, min(day) as first_day from live where email is not null group by email),
  week as (select * from live where day between $since and $until)
  select
    count(*)::integer as orders,
    round(sum(total), 2)::double as revenue,
    round(coalesce(sum(refunded), 0), 2)::double as refunded,
    sum(units)::integer as units,
    (select count(distinct w.email) from week w join firsts f using (email) where f.first_day >= $since)::integer as new_customers,
    (select count(distinct w.email) from week w join firsts f using (email) where f.first_day < $since)::integer as returning_customers
  from week`;

async function child(mode, file, since, until) {
  const t = process.hrtime.bigint();
  let out;
  if (mode === 'parse') {
    const { parse } = await import('csv-parse');
    let n = 0;
    for await (const _r of createReadStream(file).pipe(parse())) n++;
    out = { rows: n };
  } else if (mode === 'duckdb') {
    const require = createRequire(join(root, 'bench', 'duckdb', 'package.json'));
    const { DuckDBInstance } = require('@duckdb/node-api');
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    const reader = await c.runAndReadAll(WEEKLY_SQL, { file, since, until });
    out = reader.getRowObjectsJson()[0];
  }
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  process.stdout.write(JSON.stringify({ ms, maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024), out }));
}

function inChild(mode, file, since, until) {
  return JSON.parse(execFileSync(process.execPath, [self, '--child', mode, file, since, until], { encoding: 'utf8', maxBuffer: 1 << 24 }));
}

/** Runs the built CLI in `dir`; wall time of the whole process, as cron would see it. */
function shopflow(dir, args) {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 26, env: { ...process.env, NO_COLOR: '1' } });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0 && r.status !== 3) throw new Error(`shopflow ${args.join(' ')} exited ${r.status}:\n${r.stderr}`);
  return { ms, stdout: r.stdout };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function compare(duck, json) {
  const k = json.kpis;
  const ours = {
    orders: k.orders, revenue: k.revenue, refunded: k.refunded, units: k.units,
    new_customers: k.new_customers, returning_customers: k.returning_customers,
  };
  const diff = Object.keys(ours).filter((key) => Math.abs(Number(ours[key]) - Number(duck[key])) > 0.005);
  return { ours, diff };
}

export async function reportBench(rows = 1_000_000, runs = 6) {
  if (runs < 2) throw new Error('runs: at least 2 (the first run after the import is reported apart)');
  if (!existsSync(join(root, 'bench', 'duckdb', 'node_modules', '@duckdb', 'node-api'))) {
    throw new Error('DuckDB is not installed for the benchmark: run `npm --prefix bench/duckdb ci` first');
  }
  const data = join(root, 'bench', 'data');
  mkdirSync(data, { recursive: true });
  const file = join(data, `shopify-orders-${rows}.csv`);
  if (!existsSync(file)) (await import('./csv-stream.js')).generateOrders(file, rows);
  const stored = mkdtempSync(join(tmpdir(), 'shopflow-bench-report-'));
  const fresh = mkdtempSync(join(tmpdir(), 'shopflow-bench-report-raw-'));
  const [SINCE, UNTIL] = lastWeek(file);
  const week = ['report', '--since', SINCE, '--until', UNTIL, '--format', 'json'];
  try {
    const parse = inChild('parse', file, SINCE, UNTIL);
    const duck = inChild('duckdb', file, SINCE, UNTIL);
    const raw = shopflow(fresh, [...week, '--orders', file]);
    shopflow(stored, ['sync', 'import', file]);
    const times = [];
    let json;
    for (let i = 0; i < runs; i++) {
      const r = shopflow(stored, week);
      times.push(r.ms);
      json = JSON.parse(r.stdout);
    }
    const report = median(times.slice(1));
    const check = compare(duck.out, json);
    const rawCheck = compare(duck.out, JSON.parse(raw.stdout));
    const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
    return {
      file: `${rows.toLocaleString('en-US')} rows, ${(statSync(file).size / 1e6).toFixed(0)} MB, week ${SINCE}..${UNTIL}: ${json.kpis.orders} orders`,
      parse: `${s(parse.ms)} (1.00×)`,
      duckdb: `${s(duck.ms)} (${(duck.ms / parse.ms).toFixed(2)}× parse), peak ${duck.maxRssMB} MB`,
      report: `${s(report)} median of ${runs - 1} (${(report / duck.ms).toFixed(2)}× duckdb; runs ${times.slice(1).map((t) => Math.round(t)).join(', ')} ms)   target < 1 s and < duckdb`,
      first: `${s(times[0])} (${(times[0] / duck.ms).toFixed(2)}× duckdb)   the first report after the import, which builds report_customers`,
      raw: `${s(raw.ms)} (${(raw.ms / parse.ms).toFixed(2)}× parse, ${(raw.ms / duck.ms).toFixed(2)}× duckdb)   target ≤ 1.6× parse`,
      numbers: check.diff.length === 0 && rawCheck.diff.length === 0
        ? `shopflow = duckdb: ${JSON.stringify(check.ours)}`
        : `DIFFERENT in ${[...new Set([...check.diff, ...rawCheck.diff])].join(', ')}: shopflow ${JSON.stringify(check.ours)} duckdb ${JSON.stringify(duck.out)}`,
    };
  } finally {
    rmSync(stored, { recursive: true, force: true });
    rmSync(fresh, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') await child(process.argv[3], process.argv[4], process.argv[5], process.argv[6]);
else if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await reportBench(Number(process.argv[2] ?? 1_000_000), Number(process.argv[3] ?? 6));
  console.log('weekly report, Shopify orders');
  for (const [k, v] of Object.entries(r)) console.log(`  ${k.padEnd(8)} ${v}`);
  if (r.numbers.startsWith('DIFFERENT')) process.exitCode = 1;
}
