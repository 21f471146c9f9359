import { describe, expect, it } from 'vitest';
import { etsyAdapters } from '../src/core/formats/etsy/orders.js';
import { wooAdapters, wooProducts, wooStatus } from '../src/core/formats/woocommerce/orders.js';
import { InputError } from '../src/core/errors.js';
import type { ImportAdapter, OrderRecord } from '../src/core/formats/records.js';
import { importFixture, readAll } from './helpers/import-input.js';

const local = (l: string) => ({ local: l, offset: null, utc: null });
const woo = wooAdapters[0]!;
const pick = (o: OrderRecord) => ({
  createdAt: o.createdAt.local, total: o.total, refunded: o.refunded, financialStatus: o.financialStatus, lines: o.lines.length,
});
const byLayout = (layout: string): ImportAdapter => {
  const a = etsyAdapters.find((x) => x.layout === layout);
  if (!a) throw new Error(`no adapter ${layout}`);
  return a;
};
const etsyOrders = byLayout('Etsy sold orders download');
const etsyItems = byLayout('Etsy sold order items download');

describe('WooCommerce Analytics orders download', () => {
  it('reads every order as a full record; a refund whose order row is not in the file is skipped with a warning', async () => {
    const { records, problems, warnings } = await readAll(woo, importFixture('woo-analytics-orders.csv'), 'orders_2025-03-31.csv', { currency: 'EUR' });
    expect(problems).toEqual([]);
    expect(records).toStrictEqual([
      {
        kind: 'orders',
        key: '1042',
        line: 2,
        name: '#1042',
        createdAt: local('2025-03-02T10:12:00'),
        currency: 'EUR',
        total: 118.8,
        financialStatus: 'paid',
        fulfillmentStatus: 'fulfilled',
        discountCodes: ['spring10', 'freeship'],
        source: 'Organic: Google',
        lines: [
          { name: 'Wool Hoodie - Colour: Blue, Size: M', quantity: 2 },
          { name: 'Linen Cap', quantity: 1 },
        ],
      },
      {
        kind: 'orders',
        key: '1043',
        line: 3,
        name: '#1043',
        createdAt: local('2025-03-02T11:00:05'),
        currency: 'EUR',
        total: 45,
        financialStatus: 'paid',
        fulfillmentStatus: 'unfulfilled',
        discountCodes: [],
        source: 'Direct',
        lines: [
          { name: 'Coaster', quantity: 12 },
          { name: 'Mug, large', quantity: 1 },
        ],
      },
      {
        // Cancelled: no cancel time in the file, so no cancelledAt.
        kind: 'orders',
        key: '1044',
        line: 4,
        name: '#1044',
        createdAt: local('2025-03-03T09:30:00'),
        currency: 'EUR',
        total: 0,
        financialStatus: 'voided',
        discountCodes: [],
        source: 'Unknown',
        lines: [{ name: 'Linen Cap', quantity: 1 }],
      },
      {
        // The Customer cell is a name (here with WooCommerce's spreadsheet guard): never an email.
        kind: 'orders',
        key: '1045',
        line: 5,
        name: '#1045',
        createdAt: local('2025-03-04T16:45:00'),
        currency: 'EUR',
        total: 25,
        financialStatus: 'pending',
        discountCodes: [],
        source: 'Web admin',
        lines: [{ name: 'Gift card', quantity: 1 }],
      },
    ]);
    // #1047's own row is not in the file: its refund cannot be recorded, and the warning says why.
    expect(warnings).toEqual([
      {
        file: 'orders_2025-03-31.csv',
        line: 6,
        column: 'Net sales',
        message:
          "net sales of -80: this row is a refund of order #1047, whose own row is not in this file (the order is older than " +
          "the file's first day), so the refund was not recorded; download Analytics › Orders for a date range that includes the order's date to record it",
      },
    ]);
  });

  it("adds each refund row to the refunded amount of the order whose number it carries (its parent's)", async () => {
    const csv = [
      'Date,Order #,Status,Product(s),Net sales',
      '2025-03-02 10:12:00,2001,completed,2× Hoodie,100',
      '2025-03-02 11:00:00,2002,refunded,1× Cap,20',
      '2025-03-03 09:00:00,2001,completed,1× Hoodie,-30.1',
      '2025-03-04 09:00:00,2002,refunded,1× Cap,-20',
      '2025-03-05 09:00:00,2001,completed,,-10.2',
    ].join('\n');
    const { records, warnings, problems } = await readAll(woo, csv);
    expect(problems).toEqual([]);
    expect(warnings).toEqual([]);
    expect(records.map((r) => ({ key: r.key, ...pick(r as OrderRecord) }))).toEqual([
      { key: '2001', createdAt: '2025-03-02T10:12:00', total: 100, refunded: 40.3, financialStatus: 'paid', lines: 1 },
      { key: '2002', createdAt: '2025-03-02T11:00:00', total: 20, refunded: 20, financialStatus: 'refunded', lines: 1 },
    ]);
  });

  it('splits Product(s) at ", N×" only, so names keep their commas', () => {
    expect(wooProducts('2× Hoodie, 1× Cap')).toEqual([
      { name: 'Hoodie', quantity: 2 },
      { name: 'Cap', quantity: 1 },
    ]);
    expect(wooProducts('1× Tote, canvas, natural, 10× Sticker, holo, 3×Pin')).toEqual([
      { name: 'Tote, canvas, natural', quantity: 1 },
      { name: 'Sticker, holo', quantity: 10 },
      { name: 'Pin', quantity: 3 },
    ]);
    expect(wooProducts('1× Poster 50×70, 2× Frame')).toEqual([
      { name: 'Poster 50×70', quantity: 1 },
      { name: 'Frame', quantity: 2 },
    ]);
    expect(wooProducts('')).toEqual([]);
    expect(() => wooProducts('Hoodie x2')).toThrow('"Hoodie x2" is not a product as WooCommerce lists them ("2× Hoodie")');
  });

  it('maps statuses; an unknown plugin status is kept as written', () => {
    expect(wooStatus('completed')).toEqual({ financialStatus: 'paid', fulfillmentStatus: 'fulfilled' });
    expect(wooStatus('wc-processing')).toEqual({ financialStatus: 'paid', fulfillmentStatus: 'unfulfilled' });
    expect(wooStatus('On hold')).toEqual({ financialStatus: 'pending' });
    expect(wooStatus('refunded')).toEqual({ financialStatus: 'refunded' });
    expect(wooStatus('cancelled')).toEqual({ financialStatus: 'voided' });
    expect(wooStatus('Shipped')).toEqual({ financialStatus: 'shipped' });
    expect(wooStatus('')).toEqual({});
  });

  it('reports unreadable rows with line, column and cell and skips them', async () => {
    const csv = [
      'Date,Order #,Status,Product(s),Net sales',
      '2025-03-02 10:12:00,2001,completed,Hoodie x2,10',
      'soon,2002,completed,1× Cap,10',
      '2025-03-02 10:12:00,,completed,1× Cap,10',
      '2025-03-02 10:12:00,2004,completed,1× Cap,ten',
      '2025-03-02 10:12:00,2005,completed,1× Cap,10',
    ].join('\n');
    const { records, problems } = await readAll(woo, csv);
    expect(problems).toEqual([
      { line: 2, column: 'Product(s)', value: 'Hoodie x2', message: '"Hoodie x2" is not a product as WooCommerce lists them ("2× Hoodie")' },
      { line: 3, column: 'Date', value: 'soon', message: '"soon" is not a date and time shopflow can read' },
      { line: 4, column: 'Order #', value: '', message: 'the order number is empty' },
      { line: 5, column: 'Net sales', value: 'ten', message: '"ten" is not an amount' },
    ]);
    expect(records.map((r) => r.key)).toEqual(['2005']);
  });

  it('refuses a file without the Order # column before yielding anything', async () => {
    const csv = 'Date,Status,Net sales\n2025-03-02 10:12:00,completed,10\n';
    const seen: unknown[] = [];
    const run = async () => {
      const { records } = await readAll(woo, csv, 'orders.csv');
      seen.push(...records);
    };
    await expect(run()).rejects.toSatisfy(
      (e: unknown) => e instanceof InputError && e.place.file === 'orders.csv' && e.place.line === 1 && e.place.column === 'Order #',
    );
    expect(seen).toEqual([]);
  });
});

const SOLD_ORDERS: OrderRecord[] = [
  {
    kind: 'orders',
    key: '3012345678',
    line: 2,
    name: '#3012345678',
    customerId: '987654321',
    createdAt: local('2023-12-31T00:00:00'),
    fulfilledAt: local('2024-01-02T00:00:00'),
    currency: 'USD',
    subtotal: 17,
    discounts: 4.25,
    shipping: 4.5,
    taxes: 1.2,
    total: 18.45,
    financialStatus: 'paid',
    discountCodes: ['STAYKAWAII'],
    source: 'online',
    lines: [],
  },
  {
    kind: 'orders',
    key: '3012345679',
    line: 3,
    name: '#3012345679',
    customerId: '987654322',
    createdAt: local('2024-01-04T00:00:00'),
    currency: 'USD',
    subtotal: 26.5,
    discounts: 0,
    shipping: 0,
    taxes: 2.19,
    total: 28.69,
    discountCodes: [],
    source: 'online',
    lines: [],
  },
];

describe('Etsy sold orders', () => {
  it('reads every order as a full record, without lines', async () => {
    const { records, problems, warnings } = await readAll(etsyOrders, importFixture('etsy-sold-orders.csv'));
    expect(problems).toEqual([]);
    expect(warnings).toEqual([]);
    expect(records).toStrictEqual(SOLD_ORDERS);
  });

  it('reads the same file re-saved by Excel (tab-delimited, CRLF, 4-digit years) to the same records', async () => {
    const text = importFixture('etsy-sold-orders-excel-tabs.csv');
    expect(text.split('\n')[0]).toContain('\t');
    const { records, problems, score } = await readAll(etsyOrders, text);
    expect(problems).toEqual([]);
    expect(score).toBeGreaterThan(20);
    expect(records).toStrictEqual(SOLD_ORDERS);
  });
});

describe('Etsy sold order items', () => {
  it('groups item rows into orders, taking order shipping and tax once', async () => {
    const { records, problems } = await readAll(etsyItems, importFixture('etsy-sold-order-items.csv'));
    expect(problems).toEqual([]);
    expect(records).toStrictEqual([
      {
        kind: 'orders',
        key: '3012345678',
        line: 2,
        name: '#3012345678',
        createdAt: local('2023-12-31T00:00:00'),
        paidAt: local('2023-12-31T00:00:00'),
        fulfilledAt: local('2024-01-02T00:00:00'),
        currency: 'USD',
        shipping: 4.5,
        taxes: 1.2,
        discountCodes: ['STAYKAWAII'],
        source: 'online',
        lines: [
          { sku: 'STK-01', name: 'Kawaii Sticker Sheet, Cats', quantity: 1, price: 9 },
          { sku: 'STK-02', name: 'Kawaii Sticker Sheet Dogs', quantity: 2, price: 4 },
        ],
      },
      {
        kind: 'orders',
        key: '3012345679',
        line: 3,
        name: '#3012345679',
        createdAt: local('2024-01-04T00:00:00'),
        paidAt: local('2024-01-04T00:00:00'),
        currency: 'USD',
        shipping: 0,
        taxes: 2.19,
        discountCodes: [],
        source: 'online',
        lines: [{ sku: 'POT-07', name: 'Terracotta Pot', quantity: 1, price: 26.5 }],
      },
    ]);
  });

  it('gives each order the same key, name and sale date as the sold orders file, so the importer merges them', async () => {
    const orders = (await readAll(etsyOrders, importFixture('etsy-sold-orders.csv'))).records as OrderRecord[];
    const items = (await readAll(etsyItems, importFixture('etsy-sold-order-items.csv'))).records as OrderRecord[];
    const pick = (r: OrderRecord) => ({ key: r.key, name: r.name, createdAt: r.createdAt, currency: r.currency, shipping: r.shipping, taxes: r.taxes });
    expect(items.map(pick)).toEqual(orders.map(pick));
    expect(orders.every((o) => o.lines.length === 0 && o.total !== undefined)).toBe(true);
    expect(items.every((o) => o.lines.length > 0 && o.total === undefined && o.subtotal === undefined)).toBe(true);
    // The lines add up to what the sold orders file calls the order value.
    for (const o of orders) {
      const i = items.find((x) => x.key === o.key)!;
      expect(i.lines.reduce((s, l) => s + l.quantity * (l.price ?? 0), 0)).toBeCloseTo(o.subtotal!);
    }
  });

  it('skips a whole order when one of its items cannot be read', async () => {
    const text = importFixture('etsy-sold-order-items.csv').replace(',miapark,2,4,', ',miapark,two,4,');
    const { records, problems } = await readAll(etsyItems, text);
    expect(problems).toEqual([{ line: 4, column: 'Quantity', value: 'two', message: '"two" is not a count' }]);
    expect(records.map((r) => r.key)).toEqual(['3012345679']);
  });
});
