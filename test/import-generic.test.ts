import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { etsyAdapters } from '../src/core/formats/etsy/orders.js';
import { genericAdapters } from '../src/core/formats/generic/history.js';
import { reviewAdapters } from '../src/core/formats/reviews.js';
import { wooAdapters } from '../src/core/formats/woocommerce/orders.js';
import { InputError } from '../src/core/errors.js';
import type { ImportAdapter, Kind } from '../src/core/formats/records.js';
import { importFixture, importInput, readAll } from './helpers/import-input.js';

const local = (l: string) => ({ local: l, offset: null, utc: null });
const generic = (kind: Kind): ImportAdapter => {
  const a = genericAdapters.find((x) => x.kind === kind);
  if (!a) throw new Error(`no generic ${kind} adapter`);
  return a;
};
const key = (s: string): string => createHash('sha256').update(s).digest('hex').slice(0, 16);

describe('generic orders', () => {
  it('merges the line-item rows of an order (even apart), matching column names loosely', async () => {
    const { records, problems } = await readAll(generic('orders'), importFixture('generic-orders.csv'));
    expect(problems).toEqual([]);
    expect(records).toStrictEqual([
      {
        kind: 'orders',
        key: 'A-1001',
        line: 2,
        name: 'A-1001',
        createdAt: local('2025-04-01T09:30:00'),
        email: 'ana@example.com',
        total: 54,
        currency: 'EUR',
        subtotal: 48,
        shipping: 6,
        taxes: 0,
        financialStatus: 'paid',
        lines: [
          { sku: 'HOOD-M', name: 'Wool Hoodie', quantity: 1, price: 40 },
          { sku: 'CAP-1', name: 'Linen Cap', quantity: 1, price: 8 },
          { name: 'Gift wrap', quantity: 1, price: 0 },
        ],
      },
      {
        kind: 'orders',
        key: 'A-1002',
        line: 4,
        name: 'A-1002',
        createdAt: local('2025-04-02T00:00:00'),
        email: 'ben@example.com',
        total: 20,
        currency: 'EUR',
        financialStatus: 'pending',
        lines: [],
      },
    ]);
  });

  it('skips an order whose rows disagree, naming the line and column', async () => {
    const csv = [
      'order_id,created_at,email,total,currency,product',
      'B-1,2025-04-01,a@example.com,10,EUR,Mug',
      'B-2,2025-04-01,b@example.com,5,EUR,Cap',
      'B-1,2025-04-01,a@example.com,12,EUR,Pot',
    ].join('\n');
    const { records, problems } = await readAll(generic('orders'), csv);
    expect(problems).toEqual([
      {
        line: 4,
        column: 'total',
        value: '12',
        message: 'order B-1 has a different value on line 2; the rows of one order must agree, so the order was skipped',
      },
    ]);
    expect(records.map((r) => r.key)).toEqual(['B-2']);
  });

  it('needs a created_at on some row of the order; uses the store currency when none is given', async () => {
    const csv = 'order_id,created_at,email,total,currency\nC-1,,a@example.com,10,\nC-2,2025-04-01,,7,\n';
    const { records, problems } = await readAll(generic('orders'), csv, 'orders.csv', { currency: 'GBP' });
    expect(problems).toEqual([{ line: 2, column: 'created_at', value: '', message: 'order C-1 has no created_at on any of its rows' }]);
    expect(records).toStrictEqual([
      { kind: 'orders', key: 'C-2', line: 3, name: 'C-2', createdAt: local('2025-04-01T00:00:00'), total: 7, currency: 'GBP', lines: [] },
    ]);
  });

  it('refuses a file without a required column', async () => {
    await expect(readAll(generic('orders'), 'order_id,created_at,email,currency\nX,2025-01-01,a@b.c,EUR\n', 'o.csv')).rejects.toSatisfy(
      (e: unknown) => e instanceof InputError && e.place.line === 1 && e.place.column === 'total',
    );
  });
});

describe('generic customers, inventory, checkouts, reviews', () => {
  it('customers', async () => {
    const { records, problems } = await readAll(generic('customers'), importFixture('generic-customers.csv'));
    expect(problems).toEqual([]);
    expect(records).toStrictEqual([
      {
        kind: 'customers',
        key: 'ana@example.com',
        line: 2,
        customerId: 'C-1',
        email: 'Ana@Example.com',
        firstName: 'Ana',
        lastName: 'Souza',
        acceptsEmail: true,
        totalSpent: 154.8,
        totalOrders: 3,
        tags: ['vip', 'wholesale'],
      },
      { kind: 'customers', key: 'ben@example.com', line: 3, email: 'ben@example.com', firstName: 'Ben', acceptsEmail: false, totalSpent: 20, totalOrders: 1, tags: [] },
    ]);
  });

  it('customers: a row without an email is a problem', async () => {
    const { records, problems } = await readAll(generic('customers'), 'email,first_name\n,Zed\n');
    expect(records).toEqual([]);
    expect(problems).toEqual([{ line: 2, column: 'email', value: '', message: 'the email is empty' }]);
  });

  it('inventory', async () => {
    const { records, problems } = await readAll(generic('inventory'), importFixture('generic-inventory.csv'));
    expect(problems).toEqual([]);
    expect(records).toStrictEqual([
      { kind: 'inventory', key: 'HOOD-M|Warehouse', line: 2, handle: 'wool-hoodie', sku: 'HOOD-M', title: 'Wool Hoodie', location: 'Warehouse', available: 12 },
      { kind: 'inventory', key: 'CAP-1|Warehouse', line: 3, handle: 'linen-cap', sku: 'CAP-1', title: 'Linen Cap', location: 'Warehouse', available: -2 },
      { kind: 'inventory', key: 'CAP-1|Shop floor', line: 4, handle: 'linen-cap', sku: 'CAP-1', title: 'Linen Cap', location: 'Shop floor', available: null },
    ]);
  });

  it('checkouts', async () => {
    const { records, problems } = await readAll(generic('checkouts'), importFixture('generic-checkouts.csv'));
    expect(problems).toEqual([]);
    expect(records).toStrictEqual([
      { kind: 'checkouts', key: 'ck_1', line: 2, email: 'ana@example.com', createdAt: local('2025-04-03T18:00:00'), currency: 'EUR', total: 40, items: [], recovered: false },
      {
        kind: 'checkouts',
        key: 'ck_2',
        line: 3,
        createdAt: { local: '2025-04-04T07:15:00', offset: '+02:00', utc: '2025-04-04T05:15:00Z' },
        total: 12.5,
        items: [],
        recovered: true,
      },
    ]);
  });

  it('reviews', async () => {
    const { records, problems } = await readAll(generic('reviews'), importFixture('generic-reviews.csv'));
    expect(problems).toEqual([]);
    expect(records).toStrictEqual([
      {
        kind: 'reviews',
        key: key('Wool Hoodie|ana@example.com|2025-04-10T00:00:00|Warm'),
        line: 2,
        productName: 'Wool Hoodie',
        rating: 5,
        title: 'Warm',
        body: 'Very warm.',
        author: 'Ana',
        email: 'ana@example.com',
        createdAt: local('2025-04-10T00:00:00'),
      },
      {
        kind: 'reviews',
        key: key('Linen Cap||2025-04-11T12:00:00|'),
        line: 3,
        productName: 'Linen Cap',
        rating: 3,
        body: 'OK.',
        author: 'Ben',
        createdAt: local('2025-04-11T12:00:00'),
      },
    ]);
  });

  it('reviews: a rating out of range is a problem', async () => {
    const { records, problems } = await readAll(generic('reviews'), 'Product,Rating,Created At\nMug,9,2025-04-10\n');
    expect(records).toEqual([]);
    expect(problems).toEqual([{ line: 2, column: 'Rating', value: '9', message: '"9" is not a rating from 1 to 5' }]);
  });
});

describe('detection', () => {
  const all: ImportAdapter[] = [...reviewAdapters, ...wooAdapters, ...etsyAdapters, ...genericAdapters];
  const name = (a: ImportAdapter): string => `${a.platform}: ${a.layout}`;
  const scores = (text: string, file: string) => {
    const { probe } = importInput(text, file);
    return all.map((a) => ({ adapter: name(a), score: a.detect(probe) }));
  };

  const matrix: [fixture: string, expected: string][] = [
    ['judgeme-reviews.csv', 'judgeme: Judge.me reviews export'],
    ['shopify-product-reviews.csv', 'shopify-product-reviews: Shopify Product Reviews export'],
    ['yotpo-reviews.csv', 'yotpo: Yotpo reviews export'],
    ['yotpo-reviews-reviewer.csv', 'yotpo: Yotpo reviews export'],
    ['okendo-reviews.csv', 'okendo: Okendo reviews file'],
    ['woo-analytics-orders.csv', 'woocommerce: WooCommerce Analytics orders download'],
    ['etsy-sold-orders.csv', 'etsy: Etsy sold orders download'],
    ['etsy-sold-orders-excel-tabs.csv', 'etsy: Etsy sold orders download'],
    ['etsy-sold-order-items.csv', 'etsy: Etsy sold order items download'],
    ['generic-orders.csv', 'generic: generic orders CSV'],
    ['generic-customers.csv', 'generic: generic customers CSV'],
    ['generic-inventory.csv', 'generic: generic inventory CSV'],
    ['generic-checkouts.csv', 'generic: generic abandoned checkouts CSV'],
    ['generic-reviews.csv', 'generic: generic reviews CSV'],
  ];

  it.each(matrix)('%s is detected by exactly its adapter, with the highest score', (file, expected) => {
    const s = scores(importFixture(file), file);
    const best = Math.max(...s.map((x) => x.score));
    expect(best).toBeGreaterThan(0);
    expect(s.filter((x) => x.score === best).map((x) => x.adapter)).toEqual([expected]);
  });

  it('every adapter is the winner of some fixture', () => {
    expect(new Set(matrix.map(([, e]) => e))).toEqual(new Set(all.map(name)));
  });

  it('platform adapters score above 20, generic ones 5 at most', () => {
    for (const [file] of matrix) {
      for (const { adapter, score } of scores(importFixture(file), file)) {
        if (adapter.startsWith('generic:')) expect(score, `${adapter} on ${file}`).toBeLessThanOrEqual(5);
        else if (score > 0) expect(score, `${adapter} on ${file}`).toBeGreaterThan(20);
      }
    }
  });

  it('a Shopify orders export scores 0 on every one of these adapters', () => {
    const text = importFixture('shopify-orders-header-for-detection.csv');
    expect(importInput(text).probe.header).toHaveLength(79);
    expect(scores(text, 'orders_export.csv').filter((x) => x.score !== 0)).toEqual([]);
  });

  it('a Shopify customers export is not taken for a generic customers file by much', () => {
    const header =
      'Customer ID,First Name,Last Name,Email,Accepts Email Marketing,Default Address Company,Default Address Address1,Default Address Address2,Default Address City,Default Address Province Code,Default Address Country Code,Default Address Zip,Default Address Phone,Phone,Accepts SMS Marketing,Total Spent,Total Orders,Note,Tax Exempt,Tags';
    const s = scores(`${header}\n`, 'customers_export.csv');
    expect(s.filter((x) => x.score > 0).every((x) => x.adapter === 'generic: generic customers CSV' && x.score <= 5)).toBe(true);
  });

  it('the emailed WooCommerce export (N. Revenue (formatted), Net Sales) is read by the same adapter', async () => {
    const csv = 'Date,Order #,N. Revenue (formatted),Status,Customer,Customer type,Product(s),Items sold,Coupon(s),Net Sales,Attribution\n2025-03-02 10:12:00,77,$10.00,completed,Ana,new,1× Cap,1,,10,Direct\n';
    const s = scores(csv, 'orders.csv');
    const best = Math.max(...s.map((x) => x.score));
    expect(s.filter((x) => x.score === best).map((x) => x.adapter)).toEqual(['woocommerce: WooCommerce Analytics orders download']);
    const { records } = await readAll(wooAdapters[0]!, csv);
    expect(records).toMatchObject([{ key: '77', total: 10, lines: [{ name: 'Cap', quantity: 1 }] }]);
  });

  it('a generic form with many extra columns is not recognised (name the kind instead)', () => {
    const csv = 'email,a,b,c,d,e,f\nx@example.com,1,2,3,4,5,6\n';
    expect(scores(csv, 'x.csv').every((x) => x.score === 0)).toBe(true);
  });
});
