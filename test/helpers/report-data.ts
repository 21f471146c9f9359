/**
 * Made-up Shopify orders for the report tests, written with the real 79-column header, and kept
 * as objects so each test computes the expected KPIs by hand from them, independently of the SQL.
 */
import { readFileSync } from 'node:fs';
import { fixture } from '../helpers.js';

export interface GenLine {
  sku: string;
  name: string;
  qty: number;
  price: number;
}

export interface GenOrder {
  name: string;
  email: string | null;
  /** Local wall time as the export prints it, without the offset. */
  created: string;
  offset: string;
  currency: string;
  discount: number;
  refunded: number;
  cancelled: boolean;
  lines: GenLine[];
  total: number;
}

const HEADER = readFileSync(fixture('import', 'cli-orders-week1.csv'), 'utf8').split('\n')[0]!.split(',');
const col = (n: string): number => HEADER.indexOf(n);

const PRODUCTS: [string, string, number][] = [
  ['MUG-1', 'Speckled Mug', 24],
  ['TOWEL-2', 'Linen Tea Towel', 14.5],
  ['CANDLE-3', 'Beeswax Candle', 19],
  ['BOARD-4', 'Walnut Board', 58],
];

/** A small deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

/**
 * `perDay` orders on each day, at random times (the last one of each day at 23:59:59), with the
 * offset New York has on that day (DST ends 1 Nov 2026): some cancelled, refunded, discounted.
 */
export function genOrders(days: string[], perDay: number, seed = 1, first = 1001): GenOrder[] {
  const rand = rng(seed);
  const out: GenOrder[] = [];
  let n = first;
  for (const day of days) {
    for (let i = 0; i < perDay; i++) {
      const last = i === perDay - 1;
      const h = last ? 23 : Math.floor(rand() * 23);
      const m = last ? 59 : Math.floor(rand() * 60);
      const time = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${last ? '59' : '07'}`;
      const lines: GenLine[] = [];
      for (let k = 0; k < 1 + Math.floor(rand() * 3); k++) {
        const [sku, name, price] = PRODUCTS[Math.floor(rand() * PRODUCTS.length)]!;
        if (lines.some((l) => l.sku === sku)) continue;
        lines.push({ sku, name, qty: 1 + Math.floor(rand() * 3), price });
      }
      const subtotal = lines.reduce((s, l) => s + l.qty * l.price, 0);
      const discount = rand() < 0.2 ? 5 : 0;
      const total = round2(subtotal - discount + 4.95);
      const refunded = rand() < 0.15 ? round2(lines[0]!.price) : 0;
      out.push({
        name: `#${n++}`,
        email: rand() < 0.05 ? null : `c${Math.floor(rand() * 40)}@example.com`,
        created: `${day} ${time}`,
        offset: day < '2026-11-01' || (day === '2026-11-01' && h < 2) ? '-0400' : '-0500',
        currency: 'USD',
        discount,
        refunded,
        cancelled: rand() < 0.05,
        lines,
        total,
      });
    }
  }
  return out;
}

const cell = (v: string): string => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** The orders as a Shopify orders export: one row per line item, order fields on the first row. */
export function shopifyOrdersCsv(orders: GenOrder[]): string {
  const rows = [HEADER.join(',')];
  for (const o of orders) {
    o.lines.forEach((l, i) => {
      const r: string[] = new Array(HEADER.length).fill('');
      const set = (c: string, v: string): void => void (r[col(c)] = v);
      set('Name', o.name);
      set('Created at', `${o.created} ${o.offset}`);
      set('Lineitem quantity', String(l.qty));
      set('Lineitem name', l.name);
      set('Lineitem price', l.price.toFixed(2));
      set('Lineitem sku', l.sku);
      set('Lineitem discount', '0.00');
      if (i === 0) {
        if (o.email) set('Email', o.email);
        set('Financial Status', o.refunded > 0 ? 'partially_refunded' : 'paid');
        set('Currency', o.currency);
        set('Subtotal', o.lines.reduce((s, x) => s + x.qty * x.price, 0).toFixed(2));
        set('Shipping', '4.95');
        set('Taxes', '0.00');
        set('Total', o.total.toFixed(2));
        set('Discount Code', o.discount > 0 ? 'WELCOME5' : '');
        set('Discount Amount', o.discount.toFixed(2));
        set('Refunded Amount', o.refunded.toFixed(2));
        if (o.cancelled) set('Cancelled at', `${o.created} ${o.offset}`);
        set('Id', String(5000000000000 + Number(o.name.slice(1))));
      }
      rows.push(r.map(cell).join(','));
    });
  }
  return `${rows.join('\n')}\n`;
}

/** The KPIs of a period computed by hand from the orders (dates as the export prints them). */
export function expectedSales(orders: GenOrder[], since: string, until: string) {
  const live = orders.filter((o) => !o.cancelled);
  const inP = live.filter((o) => o.created.slice(0, 10) >= since && o.created.slice(0, 10) <= until);
  const revenue = inP.reduce((s, o) => s + o.total, 0);
  const refunded = inP.reduce((s, o) => s + o.refunded, 0);
  const emails = new Set(inP.flatMap((o) => (o.email ? [o.email] : [])));
  const before = new Set(live.filter((o) => o.created.slice(0, 10) < since && o.email).map((o) => o.email));
  const returning = [...emails].filter((e) => before.has(e)).length;
  const counts = new Map<string, number>();
  for (const o of live) if (o.email && o.created.slice(0, 10) <= until) counts.set(o.email, (counts.get(o.email) ?? 0) + 1);
  const div = (a: number, b: number): number | null => (b === 0 ? null : a / b);
  return {
    orders: inP.length,
    revenue,
    refunded,
    net_revenue: revenue - refunded,
    aov: div(revenue, inP.length),
    units: inP.reduce((s, o) => s + o.lines.reduce((t, l) => t + l.qty, 0), 0),
    discount_rate: div(inP.filter((o) => o.discount > 0).length, inP.length),
    new_customers: emails.size - returning,
    returning_customers: returning,
    returning_customer_rate: div(returning, emails.size),
    repeat_purchase_rate: div([...counts.values()].filter((c) => c >= 2).length, counts.size),
    refund_rate: div(inP.filter((o) => o.refunded > 0).length, inP.length),
    refunded_share: div(refunded, revenue),
  };
}
