import { describe, expect, it } from 'vitest';
import { InputError } from '../src/core/errors.js';
import {
  shopifyAdapters,
  shopifyCheckouts,
  shopifyCustomers,
  shopifyInventory,
  shopifyOrders,
} from '../src/core/formats/shopify/history.js';
import type { CheckoutRecord, CustomerRecord, ImportAdapter, InventoryRecord, OrderRecord } from '../src/core/formats/records.js';
import { importFixture, importInput, readAll } from './helpers/import-input.js';


/** A CSV text with the header of `base` and rows given by column name (cells not named are empty). */
function withRows(base: string, rows: Record<string, string>[]): string {
  const header = base.split('\n', 1)[0]!.split(',');
  const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  for (const r of rows) for (const k of Object.keys(r)) if (!header.includes(k)) throw new Error(`no column ${k}`);
  return [header.join(','), ...rows.map((r) => header.map((h) => quote(r[h] ?? '')).join(','))].join('\n') + '\n';
}

/** The same text without one column. */
function withoutColumn(text: string, column: string): string {
  const lines = text.trimEnd().split('\n');
  const i = lines[0]!.split(',').indexOf(column);
  return lines.map((l) => l.split(',').filter((_, j) => j !== i).join(',')).join('\n') + '\n';
}

const ORDERS = importFixture('shopify-orders.csv');
const CHECKOUTS = importFixture('shopify-checkouts.csv');

const ana = (when: string) => ({ local: when, offset: '+01:00' });

describe('Shopify orders export', () => {
  it('reads a three-row order as one order with its three lines', async () => {
    const { records, problems, warnings } = await readAll(shopifyOrders, ORDERS);
    expect(problems).toEqual([]);
    expect(warnings).toEqual([]);
    expect(records.map((r) => r.key)).toEqual(['#1001', '#1002', '#1003']);
    expect(records[0]).toEqual({
      kind: 'orders',
      key: '#1001',
      line: 2,
      name: '#1001',
      email: 'ana@example.com',
      createdAt: { ...ana('2025-03-02T10:15:38'), utc: '2025-03-02T09:15:38Z' },
      paidAt: { ...ana('2025-03-02T10:15:40'), utc: '2025-03-02T09:15:40Z' },
      fulfilledAt: { ...ana('2025-03-03T16:02:11'), utc: '2025-03-03T15:02:11Z' },
      currency: 'EUR',
      subtotal: 59.85,
      discounts: 6,
      shipping: 4.9,
      taxes: 10.81,
      total: 58.75,
      refunded: 0,
      financialStatus: 'paid',
      fulfillmentStatus: 'fulfilled',
      discountCodes: ['SPRING10', 'VIP'],
      source: 'web',
      tags: ['gift', 'repeat'],
      lines: [
        { name: 'Linen Tote - Natural', quantity: 2, price: 19.95, sku: 'TOTE-NAT', discount: 4, vendor: 'Tote Studio' },
        { name: 'Beeswax Wrap - Set of 3', quantity: 1, price: 12, sku: 'WRAP-3', discount: 1, vendor: 'Hive & Co' },
        { name: 'Gift Card', quantity: 1, price: 7.95, discount: 1, vendor: 'Tote Studio' },
      ],
    } satisfies OrderRecord);
  });

  it('reads a cancelled, partly refunded order: thousands separators, a guarded SKU, negative offset', async () => {
    const { records } = await readAll(shopifyOrders, ORDERS);
    expect(records[1]).toEqual({
      kind: 'orders',
      key: '#1002',
      line: 6, // #1001's first row holds a two-line Note
      name: '#1002',
      email: 'ben@example.com',
      createdAt: { local: '2025-03-04T08:00:01', offset: '-05:00', utc: '2025-03-04T13:00:01Z' },
      paidAt: { local: '2025-03-04T08:00:05', offset: '-05:00', utc: '2025-03-04T13:00:05Z' },
      cancelledAt: { local: '2025-03-05T09:30:00', offset: '-05:00', utc: '2025-03-05T14:30:00Z' },
      currency: 'USD',
      subtotal: 1250,
      discounts: 0,
      shipping: 0,
      taxes: 0,
      total: 1250,
      refunded: 250,
      financialStatus: 'partially_refunded',
      fulfillmentStatus: 'unfulfilled',
      source: 'shopify_draft_order',
      lines: [{ name: 'Walnut Side Table', quantity: 1, price: 1250, sku: '0850064060010', discount: 0, vendor: 'Woodshop' }],
    } satisfies OrderRecord);
    const third = records[2] as OrderRecord;
    expect(third.email).toBeUndefined();
    expect(third.paidAt).toBeUndefined();
    expect(third.createdAt.local).toBe('2025-03-05T23:59:59');
  });

  it('takes the Email from a follow-up row when the first row has none, and keeps the first when they differ', async () => {
    const text = withRows(ORDERS, [
      { Name: '#2001', 'Financial Status': 'paid', Currency: 'EUR', Total: '5.00', 'Created at': '2025-01-01 10:00:00 +0100', 'Lineitem quantity': '1', 'Lineitem name': 'A' },
      { Name: '#2001', Email: 'late@example.com', 'Created at': '2025-01-01 10:00:00 +0100', 'Lineitem quantity': '1', 'Lineitem name': 'B' },
      { Name: '#2002', Email: 'first@example.com', Currency: 'EUR', 'Created at': '2025-01-02 10:00:00 +0100', 'Lineitem quantity': '1', 'Lineitem name': 'C' },
      { Name: '#2002', Email: 'other@example.com', 'Created at': '2025-01-02 10:00:00 +0100', 'Lineitem quantity': '3', 'Lineitem name': 'D' },
    ]);
    const { records } = await readAll(shopifyOrders, text);
    const [a, b] = records as OrderRecord[];
    expect(a!.email).toBe('late@example.com');
    expect(b!.email).toBe('first@example.com');
    expect(b!.lines.map((l) => [l.name, l.quantity])).toEqual([['C', 1], ['D', 3]]);
  });

  it('merges an order whose rows are apart (a sorted file) without losing a line, and says so', async () => {
    const row = (name: string, item: string, extra: Record<string, string> = {}) => ({
      Name: name,
      'Created at': '2025-02-01 12:00:00 +0000',
      'Lineitem quantity': '1',
      'Lineitem name': item,
      ...extra,
    });
    const text = withRows(ORDERS, [
      row('#3001', 'A', { 'Financial Status': 'paid', Total: '30.00', Currency: 'EUR', 'Lineitem price': 'ten' }),
      row('#3001', 'A2', { 'Lineitem price': 'eleven' }),
      row('#3002', 'B', { 'Financial Status': 'paid', Total: '10.00', Currency: 'EUR' }),
      row('#3001', 'C', { 'Lineitem price': 'twelve' }),
      row('#3003', 'D', { 'Financial Status': 'paid', Total: '5.00', Currency: 'EUR' }),
      row('#3001', 'E'),
    ]);
    const { records, warnings, problems } = await readAll(shopifyOrders, text);
    // Each reported once, though #3001's first two rows (its first run) are read twice.
    expect(problems).toMatchObject([
      { line: 2, column: 'Lineitem price', value: 'ten' },
      { line: 3, column: 'Lineitem price', value: 'eleven' },
      { line: 5, column: 'Lineitem price', value: 'twelve' },
    ]);
    expect(problems).toHaveLength(3);
    // The last record with a key is the complete one (a record with a key already yielded replaces it).
    const last = new Map(records.map((r) => [r.key, r as OrderRecord]));
    expect([...last.keys()].sort()).toEqual(['#3001', '#3002', '#3003']);
    expect(last.get('#3001')!.lines.map((l) => l.name)).toEqual(['A', 'A2', 'C', 'E']);
    expect(last.get('#3001')!.total).toBe(30);
    expect(last.get('#3001')!.line).toBe(2);
    expect(last.get('#3002')!.lines.map((l) => l.name)).toEqual(['B']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toContain('#3001');
  });

  it('reads decimal-comma money when the store writes it', async () => {
    const text = withRows(ORDERS, [
      { Name: '#4001', Currency: 'EUR', Total: '1.234,50', Subtotal: '1.234,50', 'Created at': '2025-01-01 10:00:00 +0100', 'Lineitem quantity': '1', 'Lineitem name': 'A', 'Lineitem price': '1.234,50' },
    ]);
    const { records } = await readAll(shopifyOrders, text, 'orders.csv', { decimalComma: true });
    const o = records[0] as OrderRecord;
    expect(o.total).toBe(1234.5);
    expect(o.lines[0]!.price).toBe(1234.5);
  });

  it('uses the store currency when the file names none', async () => {
    const text = withRows(ORDERS, [{ Name: '#4002', 'Created at': '2025-01-01 10:00:00 +0100', 'Lineitem quantity': '1', 'Lineitem name': 'A' }]);
    const { records } = await readAll(shopifyOrders, text, 'orders.csv', { currency: 'CHF' });
    expect((records[0] as OrderRecord).currency).toBe('CHF');
  });

  it('reports unreadable values with line and column: an optional one is left empty, a bad date skips the order, a bad quantity its line', async () => {
    const text = withRows(ORDERS, [
      { Name: '#5001', Currency: 'EUR', Total: '12,3,4', 'Created at': '2025-01-01 10:00:00 +0100', 'Lineitem quantity': '1', 'Lineitem name': 'A' },
      { Name: '#5001', 'Created at': '2025-01-01 10:00:00 +0100', 'Lineitem quantity': 'two', 'Lineitem name': 'B' },
      { Name: '#5002', Currency: 'EUR', Total: '4.00', 'Created at': 'yesterday', 'Lineitem quantity': '1', 'Lineitem name': 'C' },
      { Name: '#5003', Currency: 'EUR', Total: '4.00', 'Created at': '', 'Lineitem quantity': '1', 'Lineitem name': 'D' },
      { Name: '', Currency: 'EUR', Total: '4.00', 'Created at': '2025-01-01 10:00:00 +0100', 'Lineitem quantity': '1', 'Lineitem name': 'E' },
    ]);
    const { records, problems } = await readAll(shopifyOrders, text);
    expect(records.map((r) => r.key)).toEqual(['#5001']);
    const o = records[0] as OrderRecord;
    expect(o.total).toBeUndefined();
    expect(o.lines.map((l) => l.name)).toEqual(['A']);
    expect(problems.map((p) => [p.line, p.column, p.value])).toEqual([
      [2, 'Total', '12,3,4'],
      [3, 'Lineitem quantity', 'two'],
      [4, 'Created at', 'yesterday'],
      [5, 'Created at', undefined],
      [6, 'Name', undefined],
    ]);
    expect(problems[1]!.message).toMatch(/line left out/);
    expect(problems[2]!.message).toMatch(/order skipped/);
  });

  it.each(['Name', 'Created at'])('refuses a file without a "%s" column before yielding anything', async (column) => {
    const { input } = importInput(withoutColumn(ORDERS.replace(/"Please wrap\nas a gift"/, 'wrap'), column), 'orders.csv');
    const seen: unknown[] = [];
    const run = async () => {
      for await (const r of shopifyOrders.read(input)) seen.push(r);
    };
    await expect(run()).rejects.toThrow(InputError);
    await expect(run()).rejects.toMatchObject({ place: { file: 'orders.csv', line: 1, column } });
    expect(seen).toEqual([]);
  });
});

describe('Shopify abandoned checkouts export', () => {
  it('reads checkouts keyed by Id with their items', async () => {
    const { records, problems, warnings } = await readAll(shopifyCheckouts, CHECKOUTS);
    expect(problems).toEqual([]);
    expect(warnings).toEqual([]);
    expect(records).toHaveLength(2);
    expect(records[0]).toEqual({
      kind: 'checkouts',
      key: '36600000000011',
      line: 2,
      email: 'cara@example.com',
      createdAt: { local: '2023-03-20T13:15:14', offset: '+00:00', utc: '2023-03-20T13:15:14Z' },
      currency: 'GBP',
      total: 44.5,
      items: [
        { name: 'Lavender Soap', quantity: 2, price: 6.5, sku: 'SOAP-LAV', discount: 0, vendor: 'Soapworks' },
        { name: 'Bath Salts 500g', quantity: 1, price: 28, sku: 'SALT-500', discount: 0, vendor: 'Soapworks' },
      ],
    } satisfies CheckoutRecord);
    const second = records[1] as CheckoutRecord;
    expect(second.key).toBe('36600000000012');
    expect(second.createdAt.utc).toBe('2023-04-01T08:00:00Z');
    expect(second.recovered).toBeUndefined();
    expect(second.completedAt).toBeUndefined();
  });

  it('keys by Name when there is no Id, and when Excel destroyed it (with one warning)', async () => {
    const noId = await readAll(shopifyCheckouts, withoutColumn(CHECKOUTS, 'Id'));
    expect(noId.records.map((r) => r.key)).toEqual(['#36600000000011', '#36600000000012']);
    const damaged = await readAll(shopifyCheckouts, CHECKOUTS.replace(/,36600000000011,/, ',3.66E+13,').replace(/,36600000000012,/, ',3.66E+13,'));
    expect(damaged.records.map((r) => r.key)).toEqual(['#36600000000011', '#36600000000012']);
    expect(damaged.warnings).toHaveLength(1);
    expect(damaged.warnings[0]).toMatchObject({ column: 'Id' });
    expect(damaged.warnings[0]!.message).toMatch(/^lines 2, 4: "3\.66E\+13"/);
  });
});

describe('Shopify customers export', () => {
  it('2024–: keyed by email (else Customer ID), apostrophe removed, consent and totals read', async () => {
    const { records, problems, warnings } = await readAll(shopifyCustomers, importFixture('shopify-customers-2024.csv'));
    expect(problems).toEqual([]);
    expect(warnings).toEqual([]);
    expect(records).toEqual([
      {
        kind: 'customers',
        key: 'ana@example.com',
        line: 2,
        customerId: '7985000000001',
        email: 'Ana@Example.com',
        firstName: 'Ana',
        lastName: 'Example',
        acceptsEmail: true,
        acceptsSms: false,
        totalSpent: 1175.5,
        totalOrders: 3,
        tags: ['Bronze VIP', 'wholesale'],
        city: 'Dresden',
        country: 'DE',
      },
      {
        kind: 'customers',
        key: '7985000000002',
        line: 4, // Ana's Note spans lines 2–3
        customerId: '7985000000002',
        firstName: 'Ben',
        acceptsEmail: false,
        acceptsSms: true,
        totalSpent: 0,
        totalOrders: 0,
        city: 'Lahore',
        country: 'PK',
      },
    ] satisfies CustomerRecord[]);
  });

  it('2022–2023 re-saved by Excel: damaged ids keyed by email with one warning, skipped without email', async () => {
    const { records, problems, warnings } = await readAll(shopifyCustomers, importFixture('shopify-customers-2023.csv'));
    expect(records.map((r) => r.key)).toEqual(['cara@example.com', 'dev@example.com', 'finn@example.com']);
    expect(records[0]).toEqual({
      kind: 'customers',
      key: 'cara@example.com',
      line: 2,
      customerId: '7022550000001',
      email: 'cara@example.com',
      firstName: 'Cara',
      lastName: 'Example',
      acceptsEmail: true,
      acceptsSms: false,
      totalSpent: 89.9,
      totalOrders: 2,
      city: 'Fresno',
      country: 'US',
    } satisfies CustomerRecord);
    expect((records[1] as CustomerRecord).customerId).toBeUndefined();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ column: 'Customer ID' });
    expect(warnings[0]!.message).toMatch(/^lines 3, 5: "7\.06859E\+12"/);
    expect(problems).toEqual([
      { line: 4, column: 'Customer ID', value: '7.06971E+12', message: expect.stringMatching(/no Email; skipped$/) },
      { line: 6, message: 'no Customer ID or Email; skipped' },
    ]);
  });

  it('≤2021: no Customer ID, lowercased email key, Accepts Marketing is email consent', async () => {
    const { records, problems } = await readAll(shopifyCustomers, importFixture('shopify-customers-legacy.csv'));
    expect(problems).toEqual([]);
    expect(records[0]).toEqual({
      kind: 'customers',
      key: 'hana@example.com',
      line: 2,
      email: 'Hana@Example.com',
      firstName: 'Hana',
      lastName: 'Example',
      acceptsEmail: true,
      totalSpent: 240,
      totalOrders: 4,
      tags: ['newsletter'],
      city: 'Darwin',
      country: 'AU',
    } satisfies CustomerRecord);
    expect(records[1]).toMatchObject({ key: 'ivo@example.com', acceptsEmail: false, totalSpent: 0 });
  });

  it('reports an unreadable total or yes/no and keeps the customer', async () => {
    const text = withRows(importFixture('shopify-customers-legacy.csv'), [
      { Email: 'jo@example.com', 'Accepts Marketing': 'maybe', 'Total Spent': 'lots', 'Total Orders': '2.5' },
    ]);
    const { records, problems } = await readAll(shopifyCustomers, text);
    expect(records).toEqual([{ kind: 'customers', key: 'jo@example.com', line: 2, email: 'jo@example.com' }]);
    expect(problems.map((p) => [p.line, p.column, p.value])).toEqual([
      [2, 'Accepts Marketing', 'maybe'],
      [2, 'Total Spent', 'lots'],
      [2, 'Total Orders', '2.5'],
    ]);
  });

  it('refuses a file without an Email column', async () => {
    const { input } = importInput(withoutColumn(importFixture('shopify-customers-legacy.csv'), 'Email'), 'customers.csv');
    await expect((async () => {
      for await (const _ of shopifyCustomers.read(input)) void _;
    })()).rejects.toMatchObject({ place: { line: 1, column: 'Email' } });
  });
});

describe('Shopify inventory export', () => {
  it('2024–: one record per variant × location; not stocked is null', async () => {
    const { records, problems } = await readAll(shopifyInventory, importFixture('shopify-inventory-2025.csv'));
    expect(problems).toEqual([]);
    expect(records).toEqual([
      {
        kind: 'inventory',
        key: 'linen-tote|TOTE-NAT-M|Natural / M|Main Street Shop',
        line: 2,
        handle: 'linen-tote',
        sku: 'TOTE-NAT-M',
        title: 'Linen Tote',
        variant: 'Natural / M',
        location: 'Main Street Shop',
        available: 12,
        onHand: 15,
        committed: 2,
        incoming: 5,
        unavailable: 1,
      },
      {
        kind: 'inventory',
        key: 'linen-tote|TOTE-NAT-M|Natural / M|Warehouse',
        line: 3,
        handle: 'linen-tote',
        sku: 'TOTE-NAT-M',
        title: 'Linen Tote',
        variant: 'Natural / M',
        location: 'Warehouse',
        available: null,
        onHand: null,
        committed: null,
        incoming: null,
        unavailable: null,
      },
      {
        kind: 'inventory',
        key: 'gift-card|||Main Street Shop',
        line: 4,
        handle: 'gift-card',
        title: 'Gift Card',
        variant: '',
        location: 'Main Street Shop',
        available: -2,
        onHand: 0,
        committed: 0,
        incoming: 0,
        unavailable: 0,
      },
    ] satisfies InventoryRecord[]);
  });

  it('2023: Available / On hand, three options, oversold stock', async () => {
    const { records } = await readAll(shopifyInventory, importFixture('shopify-inventory-2023.csv'));
    expect(records[0]).toEqual({
      kind: 'inventory',
      key: 'gold-ring|RING-L|L / 9ct / Opal|Once-Loved Shop',
      line: 2,
      handle: 'gold-ring',
      sku: 'RING-L',
      title: 'Gold Ring',
      variant: 'L / 9ct / Opal',
      location: 'Once-Loved Shop',
      available: -1,
      onHand: 0,
      committed: 1,
      incoming: 0,
      unavailable: 0,
    } satisfies InventoryRecord);
    expect(records[1]).toMatchObject({ key: 'silver-chain|||Once-Loved Shop', available: 3, onHand: 3 });
  });

  it('≤2022: one record per location column', async () => {
    const { records, problems } = await readAll(shopifyInventory, importFixture('shopify-inventory-locations.csv'));
    expect(problems).toEqual([]);
    expect(records.map((r) => [r.key, (r as InventoryRecord).available])).toEqual([
      ['pika-cap|196267||Main Street Shop', 35],
      ['pika-cap|196267||Warehouse', 120],
      ['pika-shirt|196307|XL|Main Street Shop', 8],
      ['pika-shirt|196307|XL|Warehouse', 0],
    ]);
    expect(records[3]).toEqual({
      kind: 'inventory',
      key: 'pika-shirt|196307|XL|Warehouse',
      line: 3,
      handle: 'pika-shirt',
      sku: '196307',
      title: 'Pika Shirt',
      variant: 'XL',
      location: 'Warehouse',
      available: 0,
    } satisfies InventoryRecord);
  });

  it('skips a record whose available count is unreadable or missing, leaves other bad counts empty', async () => {
    const base = importFixture('shopify-inventory-2023.csv');
    const text = withRows(base, [
      { Handle: 'a', SKU: 'A', Location: 'Shop', Available: 'lots', 'On hand': '1' },
      { Handle: 'b', SKU: 'B', Location: 'Shop', Available: '2', 'On hand': '2.5' },
      { Handle: 'c', SKU: 'C', Location: '', Available: '2' },
      { Handle: 'd', SKU: 'D', Location: 'Shop', Available: '' },
    ]);
    const { records, problems } = await readAll(shopifyInventory, text);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ key: 'b|B||Shop', available: 2, onHand: undefined });
    expect(problems.map((p) => [p.line, p.column, p.value])).toEqual([
      [2, 'Available', 'lots'],
      [3, 'On hand', '2.5'],
      [4, 'Location', undefined],
      [5, 'Available', undefined],
    ]);
    const perLocation = withRows(importFixture('shopify-inventory-locations.csv'), [{ Handle: 'x', SKU: 'X', 'Main Street Shop': '3', Warehouse: '?' }]);
    const r2 = await readAll(shopifyInventory, perLocation);
    expect(r2.records.map((r) => r.key)).toEqual(['x|X||Main Street Shop']);
    expect(r2.problems).toMatchObject([{ line: 2, column: 'Warehouse', value: '?' }]);
  });

  it('refuses a file that does not say where the stock is', async () => {
    const { input } = importInput(withoutColumn(importFixture('shopify-inventory-2023.csv'), 'Location'), 'inventory.csv');
    await expect((async () => {
      for await (const _ of shopifyInventory.read(input)) void _;
    })()).rejects.toMatchObject({ place: { line: 1, column: 'Location' } });
  });
});

describe('detection', () => {
  const cases: [string, ImportAdapter | undefined][] = [
    ['shopify-orders.csv', shopifyOrders],
    ['shopify-checkouts.csv', shopifyCheckouts],
    ['shopify-customers-2024.csv', shopifyCustomers],
    ['shopify-customers-2023.csv', shopifyCustomers],
    ['shopify-customers-legacy.csv', shopifyCustomers],
    ['shopify-inventory-2025.csv', shopifyInventory],
    ['shopify-inventory-2023.csv', shopifyInventory],
    ['shopify-inventory-locations.csv', shopifyInventory],
    ['shopify-products-export.csv', undefined],
  ];

  it.each(cases)('%s', (file, expected) => {
    const { probe } = importInput(importFixture(file), file);
    const scores = shopifyAdapters.map((a) => [a, a.detect(probe)] as const);
    for (const [a, score] of scores) {
      if (a === expected) expect(score, a.layout).toBeGreaterThan(0);
      else expect(score, a.layout).toBe(0);
    }
  });

  it.each([
    ['a hand-made inventory list', 'sku,location,available,handle,title\nA-1,Shop,3,a,A\n'],
    ['a hand-made customer list', 'Email,First Name,Last Name,Total Spent,Total Orders\nana@example.com,Ana,E,1.00,1\n'],
    ['a hand-made order list', 'Name,Created at,Lineitem name,Lineitem quantity,Total\n#1,2025-01-01,A,1,3.00\n'],
  ])('%s is none of these', (_what, text) => {
    const { probe } = importInput(text);
    for (const a of shopifyAdapters) expect(a.detect(probe), a.layout).toBe(0);
  });

  it('tells orders from checkouts by the header alone when the file has no rows', () => {
    const header = (text: string) => importInput(text.split('\n', 1)[0]! + '\n').probe;
    expect(shopifyOrders.detect(header(ORDERS))).toBeGreaterThan(shopifyCheckouts.detect(header(ORDERS)));
    expect(shopifyCheckouts.detect(header(CHECKOUTS))).toBeGreaterThan(shopifyOrders.detect(header(CHECKOUTS)));
  });

  it('tells an older orders export without the 2025 columns from checkouts by its first row', () => {
    // An orders export with only the columns checkouts have (older exports may lack the new ones).
    const old = withRows(CHECKOUTS, [
      { Name: '#1001', 'Financial Status': 'paid', 'Created at': '2019-05-01 10:00:00 +1000', 'Lineitem quantity': '1', 'Lineitem name': 'A' },
    ]);
    const { probe } = importInput(old);
    expect(shopifyOrders.detect(probe)).toBeGreaterThan(0);
    expect(shopifyCheckouts.detect(probe)).toBe(0);
  });
});
