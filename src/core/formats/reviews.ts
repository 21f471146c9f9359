/**
 * Product review exports: Judge.me, Shopify Product Reviews (the retired Shopify app), Yotpo,
 * Okendo. No real file of any of them was available; the headers come from third-party code and
 * the apps' documentation (formats README §15), so columns are matched by name and in any order.
 *
 * Decisions:
 * - None of these exports carries a review id. The key is the first 16 hex digits of the sha256 of
 *   `product|email|time|title`: product = the handle, else the product id (Okendo: else the SKU;
 *   Yotpo: the product id, else the product name); email lower-cased; time as the UTC instant when
 *   the file gives an offset, else the wall time; title as written. Edited titles or emails make a
 *   new review; two reviews by one person of one product at the same second with the same title are
 *   one review.
 * - rating: a number from 1 to 5 (decimals allowed). Empty, unreadable or out of range → a row
 *   problem naming line and column, and the review is skipped.
 * - published: Judge.me `curated` `ok` → true; `spam`, `not-yet`, `hidden`, `archived` → false
 *   (Judge.me hides uncurated reviews when auto-publish is off; with it on, they are curated `ok`);
 *   Shopify Product Reviews `state` `published` → true, `unpublished` → false. Any other value:
 *   left unknown, with a warning. Yotpo and Okendo exports have no such column: unknown.
 * - Okendo's `sku` has no place in ReviewRecord: it is used only in the key, when the row names
 *   the product by SKU alone.
 */
import type { ImportAdapter, ImportInput, ImportRecord, ReviewRecord } from './records.js';
import { id, stamp, text, ValueError } from './values.js';
import { Columns, compact, hashKey, platformScore, requireColumns, requireOneOf } from './columns.js';
import { perRow, type RowReader } from './row-reader.js';

/** A rating from 1 to 5 (`4`, `4.0`, `4.5`); anything else is a ValueError. */
export function rating(raw: string | undefined): number | undefined {
  const t = text(raw);
  if (t === undefined) return undefined;
  const n = /^\d+(?:[.,]\d+)?$/.test(t) ? Number(t.replace(',', '.')) : NaN;
  if (!Number.isFinite(n)) throw new ValueError(`"${t}" is not a star rating`);
  if (n < 1 || n > 5) throw new ValueError(`"${t}" is not a rating from 1 to 5`);
  return n;
}

/** The key of a review without an id: product, email (lower-cased), time and title. */
export function reviewKey(product: string | undefined, email: string | undefined, at: ReturnType<typeof stamp>, title: string | undefined): string {
  return hashKey([product, email?.toLowerCase(), at ? (at.utc ?? at.local) : undefined, title]);
}

interface ReviewLayout {
  platform: string;
  layout: string;
  /** Columns detection insists on. */
  required: readonly string[];
  /** Groups of which one column must be present. */
  oneOf: readonly (readonly string[])[];
  /** Every column the layout is known to have. */
  known: readonly string[];
  /** Columns reading cannot do without (checked, in this order, before any row is read). */
  needed: readonly string[];
  /** Reads the row's review; undefined values are left out. */
  review: (r: RowReader, input: ImportInput) => Omit<ReviewRecord, 'kind' | 'line' | 'key'> & { productKey: string | undefined };
}

function reviewAdapter(spec: ReviewLayout): ImportAdapter {
  return {
    kind: 'reviews',
    platform: spec.platform,
    layout: spec.layout,
    detect: (probe) => platformScore(probe, spec),
    read: async function* (input): AsyncIterable<ImportRecord> {
      const cols = new Columns(input.header, 'compact');
      requireColumns(input, cols, spec.needed, spec.layout);
      for (const group of spec.oneOf) requireOneOf(input, cols, group, spec.layout);
      yield* perRow(input, cols, (r, row) => {
        const { productKey, ...review } = spec.review(r, input);
        return compact<ReviewRecord>({
          kind: 'reviews',
          key: reviewKey(productKey, review.email, review.createdAt, review.title),
          line: row.line,
          ...review,
        });
      });
    },
  };
}

/** A yes/no column with the platform's own words; an unknown word is a warning and leaves it unknown. */
function published(r: RowReader, input: ImportInput, column: string, yes: readonly string[], no: readonly string[]): boolean | undefined {
  const raw = text(r.raw(column));
  if (raw === undefined) return undefined;
  const v = raw.toLowerCase();
  if (yes.includes(v)) return true;
  if (no.includes(v)) return false;
  input.warn({ file: input.file, line: r.row.line, column: r.label(column), message: `"${raw}" is not a publication state shopflow knows; the review is imported without one` });
  return undefined;
}

const judgeMe = reviewAdapter({
  platform: 'judgeme',
  layout: 'Judge.me reviews export',
  required: ['rating', 'review_date', 'reviewer_name', 'reviewer_email'],
  oneOf: [['product_handle', 'product_id']],
  known: [
    'title', 'body', 'rating', 'review_date', 'source', 'curated', 'reviewer_name', 'reviewer_email', 'product_id',
    'product_handle', 'reply', 'reply_date', 'picture_urls', 'ip_address', 'location', 'metaobject_handle',
  ],
  needed: ['rating', 'review_date'],
  review: (r, input) => {
    const productHandle = r.read('product_handle', text);
    const productId = r.read('product_id', id);
    return {
      productKey: productHandle ?? productId,
      productHandle,
      productId,
      rating: r.need('rating', rating, 'the rating')!,
      title: r.read('title', text),
      body: r.read('body', text),
      author: r.read('reviewer_name', text),
      email: r.read('reviewer_email', text),
      createdAt: r.need('review_date', stamp, 'the review date'),
      published: published(r, input, 'curated', ['ok'], ['spam', 'not-yet', 'hidden', 'archived']),
    };
  },
});

const shopifyProductReviews = reviewAdapter({
  platform: 'shopify-product-reviews',
  layout: 'Shopify Product Reviews export',
  required: ['product_handle', 'state', 'rating', 'author', 'created_at'],
  oneOf: [],
  known: ['product_handle', 'state', 'rating', 'title', 'author', 'email', 'location', 'body', 'reply', 'created_at', 'replied_at'],
  needed: ['product_handle', 'rating', 'created_at'],
  review: (r, input) => {
    const productHandle = r.read('product_handle', text);
    return {
      productKey: productHandle,
      productHandle,
      rating: r.need('rating', rating, 'the rating')!,
      title: r.read('title', text),
      body: r.read('body', text),
      author: r.read('author', text),
      email: r.read('email', text),
      createdAt: r.need('created_at', stamp, 'the review date'),
      published: published(r, input, 'state', ['published'], ['unpublished']),
    };
  },
});

const yotpo = reviewAdapter({
  platform: 'yotpo',
  layout: 'Yotpo reviews export',
  required: ['Review Score', 'Review Content', 'Date'],
  oneOf: [['Product ID', 'Product Name'], ['Display Name', 'Reviewer Display Name', 'Email', 'Reviewer Email']],
  known: [
    'Review Title', 'Review Content', 'Review Score', 'Date', 'Product ID', 'Product Name', 'Display Name', 'Email',
    'Reviewer Display Name', 'Reviewer Email',
  ],
  needed: ['Review Score', 'Date'],
  review: (r) => {
    const productId = r.read('Product ID', id);
    const productName = r.read('Product Name', text);
    return {
      productKey: productId ?? productName,
      productId,
      productName,
      rating: r.need('Review Score', rating, 'the rating')!,
      title: r.read('Review Title', text),
      body: r.read('Review Content', text),
      author: r.read('Display Name', text) ?? r.read('Reviewer Display Name', text),
      email: r.read('Email', text) ?? r.read('Reviewer Email', text),
      createdAt: r.need('Date', stamp, 'the review date'),
    };
  },
});

const okendo = reviewAdapter({
  platform: 'okendo',
  layout: 'Okendo reviews file',
  required: ['name', 'body', 'rating', 'dateCreated'],
  oneOf: [['handle', 'productId', 'sku']],
  known: ['name', 'title', 'body', 'handle', 'productId', 'rating', 'sku', 'dateCreated', 'countryCode', 'email', 'imageUrls'],
  needed: ['rating', 'dateCreated'],
  review: (r) => {
    const productHandle = r.read('handle', text);
    const productId = r.read('productId', id);
    return {
      productKey: productHandle ?? productId ?? r.read('sku', text),
      productHandle,
      productId,
      rating: r.need('rating', rating, 'the rating')!,
      title: r.read('title', text),
      body: r.read('body', text),
      author: r.read('name', text),
      email: r.read('email', text),
      createdAt: r.need('dateCreated', stamp, 'the review date'),
    };
  },
});

export const reviewAdapters: ImportAdapter[] = [judgeMe, shopifyProductReviews, yotpo, okendo];
