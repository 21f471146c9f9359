#!/usr/bin/env node
// The streaming CSV reader against csv-parse alone, on a generated Shopify orders export.
//   parse    csv-parse alone: file stream piped into parse(), records as arrays, no casting, counted
//   stream   shopflow's openCsvStream(file).rows(), counted (decoding, start lines, row clean-up)
// Best of `runs` runs each, every run in a fresh process (wall time, CPU time, peak RSS of that process).
// Usage: npm run build && node bench/csv-stream.js [rows=1000000] [runs=2]
// The runs alternate (parse, stream, parse, stream…) so that a noisy neighbour hits both alike.
import { spawnSync } from 'node:child_process';
import { closeSync, createReadStream, existsSync, mkdirSync, openSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse';
import { rng } from './rng.js';

const root = fileURLToPath(new URL('..', import.meta.url));

const HEADER = 'Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,Accepts Marketing,Currency,Subtotal,Shipping,Taxes,Total,Discount Code,Discount Amount,Shipping Method,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem compare at price,Lineitem sku,Lineitem requires shipping,Lineitem taxable,Lineitem fulfillment status,Billing Name,Billing Street,Billing Address1,Billing Address2,Billing Company,Billing City,Billing Zip,Billing Province,Billing Country,Billing Phone,Shipping Name,Shipping Street,Shipping Address1,Shipping Address2,Shipping Company,Shipping City,Shipping Zip,Shipping Province,Shipping Country,Shipping Phone,Notes,Note Attributes,Cancelled at,Payment Method,Payment Reference,Refunded Amount,Vendor,Outstanding Balance,Employee,Location,Device ID,Id,Tags,Risk Level,Source,Lineitem discount,Tax 1 Name,Tax 1 Value,Tax 2 Name,Tax 2 Value,Tax 3 Name,Tax 3 Value,Tax 4 Name,Tax 4 Value,Tax 5 Name,Tax 5 Value,Phone,Receipt Number,Duties,Billing Province Name,Shipping Province Name,Payment ID,Payment Terms Name,Next Payment Due At,Payment References'.split(',');
const col = Object.fromEntries(HEADER.map((h, i) => [h, i]));

const rand = rng(7);
const pick = (a) => a[Math.floor(rand() * a.length)];
const money = (x) => x.toFixed(2);
const cell = (v) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

const FIRST = ['Ayumi', 'Léa', 'Noah', 'Zoë', 'Mateo', 'Priya', 'Oskar', 'Chloé', 'Liam', 'Sofía'];
const LAST = ['Tanaka', 'Dubois', 'Müller', 'García', 'Smith', 'Nguyen', 'Kowalski', 'Rossi', 'Ólafsson', 'Brown'];
const CITIES = [['Lyon', 'ARA', 'FR', 'Auvergne-Rhône-Alpes'], ['Austin', 'TX', 'US', 'Texas'], ['Leeds', '', 'GB', ''], ['Köln', 'NW', 'DE', 'Nordrhein-Westfalen'], ['Osaka', '27', 'JP', 'Osaka']];
const ITEMS = [['Speckled Stoneware Mug', 'Fern & Clay', 24], ['Linen Tea Towel - Sage', 'North Loom', 14.5], ['Beeswax Candle, large', 'Hive Light', 19], ['Walnut Serving Board', 'Oak & Ember', 58], ['Recycled Notebook A5', 'Paper Moth', 9.95]];
const NOTES = ['Please gift wrap, it\'s a birthday present!\nNo invoice in the box please.', 'First name: Léa\nUTM source: facebook\nUTM campaign: "spring-sale"', 'Leave at the back door,\nbehind the blue gate.'];

const ORDERS_PER_DAY = 700;
const START = Date.UTC(2024, 0, 1);
const dayCache = new Map();
/** The store's local day of order n (about 700 a day from 1 Jan 2024) and New York's UTC offset that day. */
function localDay(n) {
  const d = Math.floor(n / ORDERS_PER_DAY);
  let v = dayCache.get(d);
  if (!v) {
    const date = new Date(START + d * 86400000);
    const name = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', timeZoneName: 'shortOffset' })
      .formatToParts(new Date(date.getTime() + 12 * 3600000)).find((p) => p.type === 'timeZoneName').value; // GMT-4 or GMT-5
    v = { ymd: date.toISOString().slice(0, 10), offset: `-0${name.slice(4)}00` };
    dayCache.set(d, v);
  }
  return v;
}
/** `2025-05-11 09:55:16 -0400`, as Shopify writes it, at a random time of the order's day. */
function createdAt(n) {
  const { ymd, offset } = localDay(n);
  const s = Math.floor(rand() * 86400);
  const two = (x) => String(x).padStart(2, '0');
  return `${ymd} ${two(Math.floor(s / 3600))}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)} ${offset}`;
}

/** One order: 1–3 line-item rows, order-level fields on the first row only (as Shopify writes them). */
function order(n) {
  const name = `#${1000 + n}`;
  const email = `customer${Math.floor(rand() * 50000)}@example.com`;
  const created = createdAt(n);
  const items = 1 + Math.floor(rand() * 3);
  const who = `${pick(FIRST)} ${pick(LAST)}`;
  const [city, prov, country, provName] = pick(CITIES);
  const out = [];
  let subtotal = 0;
  for (let i = 0; i < items; i++) {
    const [title, vendor, price] = pick(ITEMS);
    const qty = 1 + Math.floor(rand() * 3);
    subtotal += qty * price;
    const r = new Array(HEADER.length).fill('');
    Object.assign(r, {
      [col.Name]: name, [col['Created at']]: created, [col['Lineitem quantity']]: String(qty), [col['Lineitem name']]: title,
      [col['Lineitem price']]: money(price), [col['Lineitem sku']]: `SKU-${Math.floor(rand() * 900)}`, [col['Lineitem requires shipping']]: 'true',
      [col['Lineitem taxable']]: 'true', [col['Lineitem fulfillment status']]: 'pending', [col.Vendor]: vendor, [col['Lineitem discount']]: '0.00',
    });
    if (rand() < 0.5) r[col.Email] = email;
    out.push(r);
  }
  const f = out[0];
  const street = `${1 + Math.floor(rand() * 200)} ${pick(['Rue de la République', 'Oak Street', 'Hauptstraße'])}`;
  const shipping = 4.9;
  const discount = rand() < 0.15 ? Math.round(subtotal * 10) / 100 : 0;
  const taxes = (subtotal - discount) * 0.2;
  const total = subtotal - discount + shipping + taxes;
  const fate = rand();
  const status = fate < 0.8 ? 'paid' : fate < 0.85 ? 'pending' : fate < 0.9 ? 'partially_refunded' : fate < 0.95 ? 'refunded' : fate < 0.97 ? 'voided' : 'paid';
  const refunded = status === 'refunded' ? total : status === 'partially_refunded' ? Math.round(total * 30) / 100 : 0;
  Object.assign(f, {
    [col.Email]: email, [col['Financial Status']]: status, [col['Paid at']]: created,
    [col['Fulfillment Status']]: pick(['fulfilled', 'unfulfilled']), [col['Accepts Marketing']]: pick(['yes', 'no']), [col.Currency]: 'EUR',
    [col.Subtotal]: money(subtotal), [col.Shipping]: money(shipping), [col.Taxes]: money(taxes), [col.Total]: money(total),
    [col['Discount Code']]: discount ? 'SPRING10' : '', [col['Discount Amount']]: money(discount), [col['Shipping Method']]: 'Standard', [col['Billing Name']]: who,
    [col['Billing Street']]: `${street}, Apt ${Math.floor(rand() * 9)}`, [col['Billing Address1']]: street, [col['Billing City']]: city,
    [col['Billing Zip']]: `'0${Math.floor(1000 + rand() * 8999)}`, [col['Billing Province']]: prov, [col['Billing Country']]: country,
    [col['Billing Phone']]: `'+3361234${Math.floor(1000 + rand() * 8999)}`, [col['Shipping Name']]: who, [col['Shipping Street']]: street,
    [col['Shipping Address1']]: street, [col['Shipping City']]: city, [col['Shipping Zip']]: `'0${Math.floor(1000 + rand() * 8999)}`,
    [col['Shipping Province']]: prov, [col['Shipping Country']]: country, [col['Payment Method']]: 'Shopify Payments',
    [col['Payment Reference']]: `c${Math.floor(rand() * 1e12)}.1`, [col['Refunded Amount']]: money(refunded), [col['Outstanding Balance']]: '0.00',
    [col.Id]: String(5400000000000 + n), [col.Tags]: rand() < 0.3 ? 'wholesale, vip' : '', [col['Risk Level']]: 'Low', [col.Source]: 'web',
    [col['Tax 1 Name']]: 'FR TVA 20%', [col['Tax 1 Value']]: money(taxes), [col['Billing Province Name']]: provName,
    [col['Shipping Province Name']]: provName, [col['Payment ID']]: `c${Math.floor(rand() * 1e12)}.1`, [col['Payment References']]: `c${Math.floor(rand() * 1e12)}.1`,
  });
  if (status === 'voided') f[col['Cancelled at']] = created;
  if (rand() < 0.08) f[col.Notes] = pick(NOTES);
  if (rand() < 0.05) f[col['Note Attributes']] = 'gift: yes\nwrapping: kraft';
  return out;
}

/** Writes `rows` data rows (LF line ends, no BOM), like a Shopify orders export. */
export function generateOrders(file, rows) {
  const fd = openSync(file, 'w');
  writeSync(fd, HEADER.join(',') + '\n');
  let written = 0;
  let n = 0;
  let batch = [];
  while (written < rows) {
    for (const r of order(n++)) {
      if (written === rows) break;
      batch.push(r.map(cell).join(','));
      written++;
    }
    if (batch.length >= 5000 || written === rows) {
      writeSync(fd, batch.join('\n') + '\n');
      batch = [];
    }
  }
  closeSync(fd);
}

async function csvParseAlone(file) {
  let n = 0;
  const parser = createReadStream(file).pipe(parse({ relax_column_count: true }));
  for await (const _record of parser) n++;
  return n - 1; // minus the header
}

async function shopflowStream(file, openCsvStream) {
  let n = 0;
  const s = await openCsvStream(file);
  for await (const _row of s.rows()) n++;
  return n;
}

/** One timed pass in a fresh process, so that neither reader warms or skews the JIT for the other. */
function measure(what, file) {
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', what, file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${what} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout);
}

if (process.argv[2] === '--child') {
  const [, , , what, file] = process.argv;
  const { openCsvStream } = await import(join(root, 'dist/core/csv/stream.js')); // loaded before timing, as csv-parse is
  const t = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  const rows = await (what === 'parse' ? csvParseAlone(file) : shopflowStream(file, openCsvStream));
  const cpu = process.cpuUsage(cpu0);
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  console.log(JSON.stringify({ rows, ms, cpuMs: (cpu.user + cpu.system) / 1000, rssMb: process.resourceUsage().maxRSS / 1024 }));
} else if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = Number(process.argv[2] ?? 1_000_000);
  const dir = join(root, 'bench', 'data');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `shopify-orders-${rows}.csv`);
  if (!existsSync(file)) generateOrders(file, rows);
  const runs = Number(process.argv[3] ?? 2);
  const best = {};
  for (let i = 0; i < runs; i++) {
    for (const what of ['parse', 'stream']) {
      const r = measure(what, file);
      if (r.rows !== rows) throw new Error(`${what} counted ${r.rows} rows, expected ${rows}`);
      const b = (best[what] ??= { ms: Infinity, cpuMs: Infinity, rssMb: 0 });
      b.ms = Math.min(b.ms, r.ms);
      b.cpuMs = Math.min(b.cpuMs, r.cpuMs);
      b.rssMb = Math.max(b.rssMb, r.rssMb);
    }
  }
  const { parse: p, stream: s } = best;
  const line = (name, b, note) =>
    `  ${name.padEnd(7)}${b.ms.toFixed(0).padStart(7)} ms (${(b.ms / p.ms).toFixed(2)}×)  cpu ${b.cpuMs.toFixed(0).padStart(6)} ms (${(b.cpuMs / p.cpuMs).toFixed(2)}×)  peak RSS ${b.rssMb.toFixed(0)} MB   ${note}`;
  console.log(`csv streaming, ${rows} rows, ${(statSync(file).size / 1e6).toFixed(0)} MB (best of ${runs}, each pass in its own process)`);
  console.log(line('parse', p, 'csv-parse alone: stream, records as arrays, no casting'));
  console.log(line('stream', s, 'openCsvStream().rows(): decoding, start lines, row clean-up'));
}
