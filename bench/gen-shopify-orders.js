#!/usr/bin/env node
// Writes a realistic Shopify orders export (the 79-column 2025 header) with N line-item rows:
// 1–5 lines per order, order fields only on an order's first row, `2025-05-11 09:55:16 -0400`
// times (with a daylight-saving change), `'0812` zips, some multi-line Notes and Note Attributes,
// refunds, discount codes, cancellations. Deterministic.
// Usage: node bench/gen-shopify-orders.js 1000000 > bench/data/orders-1000000.csv
import { createWriteStream } from 'node:fs';

export const HEADER = 'Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,Accepts Marketing,Currency,Subtotal,Shipping,Taxes,Total,Discount Code,Discount Amount,Shipping Method,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem compare at price,Lineitem sku,Lineitem requires shipping,Lineitem taxable,Lineitem fulfillment status,Billing Name,Billing Street,Billing Address1,Billing Address2,Billing Company,Billing City,Billing Zip,Billing Province,Billing Country,Billing Phone,Shipping Name,Shipping Street,Shipping Address1,Shipping Address2,Shipping Company,Shipping City,Shipping Zip,Shipping Province,Shipping Country,Shipping Phone,Notes,Note Attributes,Cancelled at,Payment Method,Payment Reference,Refunded Amount,Vendor,Outstanding Balance,Employee,Location,Device ID,Id,Tags,Risk Level,Source,Lineitem discount,Tax 1 Name,Tax 1 Value,Tax 2 Name,Tax 2 Value,Tax 3 Name,Tax 3 Value,Tax 4 Name,Tax 4 Value,Tax 5 Name,Tax 5 Value,Phone,Receipt Number,Duties,Billing Province Name,Shipping Province Name,Payment ID,Payment Terms Name,Next Payment Due At,Payment References'.split(',');
const C = Object.fromEntries(HEADER.map((h, i) => [h, i]));

function rng(seed) {
  return () => {
    seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PRODUCTS = Array.from({ length: 400 }, (_, i) => ({
  name: `${['Speckled', 'Matte', 'Linen', 'Walnut', 'Beeswax', 'Organic', 'Woven'][i % 7]} ${['Mug', 'Bowl', 'Tea Towel', 'Board', 'Candle', 'Tote', 'Scarf', 'Planter'][i % 8]} ${i + 1}`,
  sku: `SKU-${String(i + 1).padStart(4, '0')}`,
  price: 8 + ((i * 37) % 120) + 0.99,
  vendor: ['Fern & Clay', 'Oak & Ember', 'Hive Light', 'North Loom'][i % 4],
}));

const q = (v) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const pad = (n) => String(n).padStart(2, '0');

/** Local time in a US store: -0500 in winter, -0400 from the second Sunday of March (2025-03-09). */
function stampAt(ms) {
  const d = new Date(ms);
  const dst = ms >= Date.UTC(2025, 2, 9, 7) && ms < Date.UTC(2025, 10, 2, 6);
  const off = dst ? -4 : -5;
  const l = new Date(ms + off * 3600_000);
  return `${l.getUTCFullYear()}-${pad(l.getUTCMonth() + 1)}-${pad(l.getUTCDate())} ${pad(l.getUTCHours())}:${pad(l.getUTCMinutes())}:${pad(l.getUTCSeconds())} ${off < 0 ? '-' : '+'}0${Math.abs(off)}00`;
}

/** Yields CSV lines (with their line ending), header first, until `rows` line-item rows are written. */
export function* lines(rows, seed = 7) {
  const rand = rng(seed);
  yield `${HEADER.join(',')}\n`;
  let written = 0;
  let order = 1001;
  let t = Date.UTC(2025, 0, 1, 12);
  while (written < rows) {
    const n = Math.min(rows - written, 1 + Math.floor(rand() * rand() * 5));
    t += Math.floor(rand() * 1_200_000);
    const items = Array.from({ length: n }, () => PRODUCTS[Math.floor(rand() * PRODUCTS.length)]);
    const qty = items.map(() => 1 + Math.floor(rand() * rand() * 3));
    const subtotal = items.reduce((s, p, i) => s + p.price * qty[i], 0);
    const code = rand() < 0.15 ? 'WELCOME10' : '';
    const discount = code ? Math.round(subtotal * 10) / 100 : 0;
    const shipping = subtotal > 50 ? 0 : 4.95;
    const total = subtotal - discount + shipping;
    const refunded = rand() < 0.04 ? (rand() < 0.5 ? total : items[0].price) : 0;
    const cancelled = rand() < 0.01;
    const email = `customer${Math.floor(rand() * 60000)}@example.com`;
    for (let i = 0; i < n; i++) {
      const r = new Array(HEADER.length).fill('');
      r[C.Name] = `#${order}`;
      r[C['Created at']] = stampAt(t);
      r[C['Lineitem quantity']] = String(qty[i]);
      r[C['Lineitem name']] = items[i].name;
      r[C['Lineitem price']] = items[i].price.toFixed(2);
      r[C['Lineitem sku']] = items[i].sku;
      r[C['Lineitem requires shipping']] = 'true';
      r[C['Lineitem taxable']] = 'true';
      r[C['Lineitem fulfillment status']] = 'fulfilled';
      r[C.Vendor] = items[i].vendor;
      r[C['Lineitem discount']] = '0.00';
      if (i === 0) {
        Object.assign(r, {
          [C.Email]: email, [C['Financial Status']]: refunded ? (refunded === total ? 'refunded' : 'partially_refunded') : 'paid',
          [C['Paid at']]: stampAt(t + 5000), [C['Fulfillment Status']]: 'fulfilled', [C['Fulfilled at']]: stampAt(t + 86_400_000),
          [C['Accepts Marketing']]: rand() < 0.6 ? 'yes' : 'no', [C.Currency]: 'USD', [C.Subtotal]: subtotal.toFixed(2),
          [C.Shipping]: shipping.toFixed(2), [C.Taxes]: '0.00', [C.Total]: total.toFixed(2), [C['Discount Code']]: code,
          [C['Discount Amount']]: discount.toFixed(2), [C['Shipping Method']]: 'Standard', [C['Billing Name']]: 'Jane Doe',
          [C['Billing Zip']]: `'0${Math.floor(1000 + rand() * 8999)}`, [C['Billing Country']]: 'US',
          [C['Shipping Zip']]: `'0${Math.floor(1000 + rand() * 8999)}`, [C['Shipping Country']]: 'US',
          [C.Notes]: rand() < 0.05 ? 'Gift wrap please.\nLeave at the door.' : '',
          [C['Note Attributes']]: rand() < 0.05 ? 'UTM source: facebook\nUTM medium: cpc' : '',
          [C['Cancelled at']]: cancelled ? stampAt(t + 3600_000) : '', [C['Payment Method']]: 'Shopify Payments',
          [C['Refunded Amount']]: refunded.toFixed(2), [C['Outstanding Balance']]: '0.00', [C.Id]: String(5_000_000_000_000 + order),
          [C['Risk Level']]: 'Low', [C.Source]: 'web', [C['Payment ID']]: `c${order}.1`,
        });
      }
      yield `${r.map(q).join(',')}\n`;
    }
    written += n;
    order++;
  }
}

export async function writeOrders(path, rows) {
  const out = createWriteStream(path);
  let buf = '';
  for (const l of lines(rows)) {
    buf += l;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await new Promise((r) => out.once('drain', r));
      buf = '';
    }
  }
  out.write(buf);
  await new Promise((r) => out.end(r));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const l of lines(Number(process.argv[2] ?? 1000))) process.stdout.write(l);
}
