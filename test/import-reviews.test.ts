import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { reviewAdapters } from '../src/core/formats/reviews.js';
import { InputError } from '../src/core/errors.js';
import type { ImportAdapter } from '../src/core/formats/records.js';
import { importFixture, readAll } from './helpers/import-input.js';

const adapter = (platform: string): ImportAdapter => {
  const a = reviewAdapters.find((x) => x.platform === platform);
  if (!a) throw new Error(`no review adapter for ${platform}`);
  return a;
};
/** The key recipe, written out independently of the adapter: sha256 of product|email|time|title, 16 hex. */
const key = (s: string): string => createHash('sha256').update(s).digest('hex').slice(0, 16);
const local = (l: string) => ({ local: l, offset: null, utc: null });

describe('Judge.me', () => {
  it('reads every review as a full record', async () => {
    const { records, problems, warnings } = await readAll(adapter('judgeme'), importFixture('judgeme-reviews.csv'), 'judgeme.csv');
    expect(problems).toEqual([]);
    expect(warnings).toEqual([]);
    expect(records).toStrictEqual([
      {
        kind: 'reviews',
        key: key('wool-hoodie|ana@example.com|2025-03-02T10:12:00Z|Love it'),
        line: 2,
        productHandle: 'wool-hoodie',
        productId: '8012345678901',
        rating: 5,
        title: 'Love it',
        body: 'Soft, warm and the colour is exactly as pictured.',
        author: 'Ana Souza',
        email: 'Ana@Example.com',
        createdAt: { local: '2025-03-02T10:12:00', offset: '+00:00', utc: '2025-03-02T10:12:00Z' },
        published: true,
      },
      {
        kind: 'reviews',
        key: key('linen-cap|ben@example.com|2025-03-05T18:40:12Z|Too small'),
        line: 3,
        productHandle: 'linen-cap',
        productId: '8012345678902',
        rating: 2,
        title: 'Too small',
        body: 'Runs a size small.',
        author: 'Ben Okafor',
        email: 'ben@example.com',
        createdAt: { local: '2025-03-05T18:40:12', offset: '+00:00', utc: '2025-03-05T18:40:12Z' },
        published: false,
      },
      {
        // No handle: the product id stands in for it in the key; no title, no email.
        kind: 'reviews',
        key: key('8012345678903||2025-03-06T09:00:00Z|'),
        line: 4,
        productId: '8012345678903',
        rating: 4,
        body: 'Fine.',
        author: 'Cleo',
        createdAt: { local: '2025-03-06T09:00:00', offset: '+00:00', utc: '2025-03-06T09:00:00Z' },
        published: false,
      },
    ]);
  });

  it('gives the same key next week, whatever the order of rows or the case of the email', async () => {
    const text = importFixture('judgeme-reviews.csv');
    const [header, ...rows] = text.trimEnd().split('\n');
    const shuffled = [header, ...rows.reverse()].join('\n').replace('Ana@Example.com', 'ana@example.com');
    const a = (await readAll(adapter('judgeme'), text)).records.map((r) => r.key).sort();
    const b = (await readAll(adapter('judgeme'), shuffled)).records.map((r) => r.key).sort();
    expect(b).toEqual(a);
    expect(new Set(a).size).toBe(3);
  });

  it('reports bad ratings with line, column and cell, and skips only those reviews', async () => {
    const csv = [
      'title,body,rating,review_date,reviewer_name,reviewer_email,product_handle',
      'A,x,7,2025-03-07 09:00:00 UTC,Dan,dan@example.com,wool-hoodie',
      'B,x,five,2025-03-07 10:00:00 UTC,Eve,eve@example.com,wool-hoodie',
      'C,x,,2025-03-07 11:00:00 UTC,Fay,fay@example.com,wool-hoodie',
      'D,x,0,2025-03-07 12:00:00 UTC,Gus,gus@example.com,wool-hoodie',
      'E,x,4.5,2025-03-07 13:00:00 UTC,Hal,hal@example.com,wool-hoodie',
      'F,x,3,yesterday,Ida,ida@example.com,wool-hoodie',
    ].join('\n');
    const { records, problems } = await readAll(adapter('judgeme'), csv, 'reviews.csv');
    expect(problems).toEqual([
      { line: 2, column: 'rating', value: '7', message: '"7" is not a rating from 1 to 5' },
      { line: 3, column: 'rating', value: 'five', message: '"five" is not a star rating' },
      { line: 4, column: 'rating', value: '', message: 'the rating is empty' },
      { line: 5, column: 'rating', value: '0', message: '"0" is not a rating from 1 to 5' },
      { line: 7, column: 'review_date', value: 'yesterday', message: '"yesterday" is not a date and time shopflow can read' },
    ]);
    expect(records.map((r) => r.line)).toEqual([6]);
    expect(records[0]).toMatchObject({ rating: 4.5, title: 'E' });
  });

  it('warns about a curated value it does not know and imports the review without one', async () => {
    const csv = 'title,rating,review_date,reviewer_name,reviewer_email,product_handle,curated\nT,5,2025-03-07 09:00:00 UTC,Dan,dan@example.com,mug,pending-review\n';
    const { records, warnings } = await readAll(adapter('judgeme'), csv, 'j.csv');
    expect(records).toHaveLength(1);
    expect(records[0]).not.toHaveProperty('published');
    expect(warnings).toEqual([
      { file: 'j.csv', line: 2, column: 'curated', message: '"pending-review" is not a publication state shopflow knows; the review is imported without one' },
    ]);
  });
});

describe('Shopify Product Reviews', () => {
  it('reads published and unpublished reviews', async () => {
    const { records, problems } = await readAll(adapter('shopify-product-reviews'), importFixture('shopify-product-reviews.csv'));
    expect(problems).toEqual([]);
    expect(records).toStrictEqual([
      {
        kind: 'reviews',
        key: key('wool-hoodie|hana@example.com|2019-06-09T15:35:28Z|Cosy'),
        line: 2,
        productHandle: 'wool-hoodie',
        rating: 5,
        title: 'Cosy',
        body: 'Warm, well made.',
        author: 'Hana Ito',
        email: 'hana@example.com',
        createdAt: { local: '2019-06-09T15:35:28', offset: '+00:00', utc: '2019-06-09T15:35:28Z' },
        published: true,
      },
      {
        kind: 'reviews',
        key: key('linen-cap|ivan@example.com|2019-07-01T12:15:00Z|Meh'),
        line: 3,
        productHandle: 'linen-cap',
        rating: 1,
        title: 'Meh',
        body: 'Faded after one wash.',
        author: 'Ivan',
        email: 'ivan@example.com',
        createdAt: { local: '2019-07-01T08:15:00', offset: '-04:00', utc: '2019-07-01T12:15:00Z' },
        published: false,
      },
    ]);
  });
});

describe('Yotpo', () => {
  it('reads the Display Name / Email variant', async () => {
    const { records, problems } = await readAll(adapter('yotpo'), importFixture('yotpo-reviews.csv'));
    expect(problems).toEqual([]);
    expect(records).toStrictEqual([
      {
        kind: 'reviews',
        key: key('7012345678|jo@example.com|2024-11-02T00:00:00|Great mug'),
        line: 2,
        productId: '7012345678',
        productName: 'Stoneware Mug',
        rating: 5,
        title: 'Great mug',
        body: 'Keeps coffee hot.',
        author: 'Jo M.',
        email: 'jo@example.com',
        createdAt: local('2024-11-02T00:00:00'),
      },
      {
        kind: 'reviews',
        key: key('7012345679||2024-11-05T16:20:00|'),
        line: 3,
        productId: '7012345679',
        productName: 'Terracotta Pot',
        rating: 3,
        body: 'Chipped on arrival, replaced quickly.',
        author: 'Sam',
        createdAt: local('2024-11-05T16:20:00'),
      },
    ]);
  });

  it('reads the Reviewer Display Name / Reviewer Email variant (header cells with a leading space)', async () => {
    const { records, problems } = await readAll(adapter('yotpo'), importFixture('yotpo-reviews-reviewer.csv'));
    expect(problems).toEqual([]);
    expect(records).toStrictEqual([
      {
        kind: 'reviews',
        key: key('7012345678|rae@example.com|2024-11-30T00:00:00|Lovely'),
        line: 2,
        productId: '7012345678',
        productName: 'Stoneware Mug',
        rating: 4,
        title: 'Lovely',
        body: 'Exactly as described.',
        author: 'Rae',
        email: 'rae@example.com',
        createdAt: local('2024-11-30T00:00:00'),
      },
    ]);
  });

  it('names the Review Score column as written in a rating problem', async () => {
    const csv = 'Review Title,Review Content,Review Score,Date,Product ID,Email\nT,B,6,2024-11-02,1,a@b.c\n';
    const { records, problems } = await readAll(adapter('yotpo'), csv);
    expect(records).toEqual([]);
    expect(problems).toEqual([{ line: 2, column: 'Review Score', value: '6', message: '"6" is not a rating from 1 to 5' }]);
  });
});

describe('Okendo', () => {
  it('matches columns by name in any order', async () => {
    const { records, problems } = await readAll(adapter('okendo'), importFixture('okendo-reviews.csv'));
    expect(problems).toEqual([]);
    expect(records).toStrictEqual([
      {
        kind: 'reviews',
        key: key('stoneware-mug|kim@example.com|2024-05-20T14:03:00Z|Pretty mug'),
        line: 2,
        productHandle: 'stoneware-mug',
        productId: '7012345678',
        rating: 4,
        title: 'Pretty mug',
        body: 'Lovely glaze, slightly smaller than expected.',
        author: 'Kim L.',
        email: 'kim@example.com',
        createdAt: { local: '2024-05-20T14:03:00', offset: '+00:00', utc: '2024-05-20T14:03:00Z' },
      },
      {
        // Product named by SKU alone: the SKU is in the key (ReviewRecord has no SKU field).
        kind: 'reviews',
        key: key('MUG-02|lee@example.com|2024-05-21T00:00:00|'),
        line: 3,
        rating: 5,
        body: 'Perfect.',
        author: 'Lee',
        email: 'lee@example.com',
        createdAt: local('2024-05-21T00:00:00'),
      },
    ]);
  });

  it('refuses a file without a date column, or without any product column, before reading a row', async () => {
    const noDate = 'name,body,rating,handle\nKim,x,4,mug\n';
    await expect(readAll(adapter('okendo'), noDate, 'okendo.csv')).rejects.toSatisfy(
      (e: unknown) => e instanceof InputError && e.place.file === 'okendo.csv' && e.place.line === 1 && e.place.column === 'dateCreated',
    );
    const noProduct = 'name,body,rating,dateCreated\nKim,x,4,2024-05-20\n';
    await expect(readAll(adapter('okendo'), noProduct, 'okendo.csv')).rejects.toSatisfy(
      (e: unknown) => e instanceof InputError && e.place.line === 1 && e.place.column === 'handle' && /"handle", "productId", "sku"/.test(e.message),
    );
  });
});
