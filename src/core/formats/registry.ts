import type { ImportAdapter, Kind } from './records.js';
import { genericProductAdapter, productAdapters } from './products-adapter.js';
import { shopifyAdapters } from './shopify/history.js';
import { emailAdapters } from './email.js';
import { trafficAdapters } from './traffic.js';
import { reviewAdapters } from './reviews.js';
import { wooAdapters } from './woocommerce/orders.js';
import { etsyAdapters } from './etsy/orders.js';
import { genericAdapters } from './generic/history.js';

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
