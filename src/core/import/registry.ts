import type { ImportAdapter, Kind } from './types.js';
import { genericProductAdapter, productAdapters } from './adapters/products.js';
import { shopifyAdapters } from './adapters/shopify.js';
import { emailAdapters } from './adapters/email.js';
import { trafficAdapters } from './adapters/traffic.js';
import { reviewAdapters } from './adapters/reviews.js';
import { wooAdapters } from './adapters/woocommerce.js';
import { etsyAdapters } from './adapters/etsy.js';
import { genericAdapters } from './adapters/generic.js';

/** Every format `sync import` reads. Detection asks each; the highest score wins, ties go to the first. */
export const ADAPTERS: readonly ImportAdapter[] = [
  ...productAdapters,
  ...shopifyAdapters,
  ...emailAdapters,
  ...trafficAdapters,
  ...reviewAdapters,
  ...wooAdapters,
  ...etsyAdapters,
  ...genericAdapters,
];

/** Adapters that only an explicit --kind selects (they would claim too many files on their own). */
export const explicitOnly: Partial<Record<Kind, ImportAdapter>> = { products: genericProductAdapter };
