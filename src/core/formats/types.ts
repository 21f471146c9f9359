import type { InputWarning } from '../errors.js';

export type ProductPlatform = 'shopify' | 'woocommerce' | 'etsy' | 'generic';

export interface ProductOption {
  name: string;
  values: string[];
}

export interface ProductVariant {
  sku?: string;
  /** Option name → value, e.g. { Size: 'M', Color: 'Blue' }. Empty for a single-variant product. */
  options: Record<string, string>;
  /** Prices exactly as the file wrote them, normalised to a dot decimal ('12.50'). */
  price?: string;
  compareAtPrice?: string;
  barcode?: string;
  /** Weight as written with its unit, e.g. { value: 250, unit: 'g' }. */
  weight?: { value: number; unit: string };
  inventoryQty?: number;
  /** 1-based line of the row this variant came from. */
  line: number;
}

/** One product, however many rows the platform spread it over. */
export interface Product {
  /** Stable key used everywhere (drafts, export). See src/core/formats/keys.ts. */
  handle: string;
  title: string;
  /** The copy already on the store (HTML for Shopify/WooCommerce, text for Etsy). May be empty. */
  description: string;
  shortDescription?: string;
  vendor?: string;
  type?: string;
  category?: string;
  tags: string[];
  materials: string[];
  options: ProductOption[];
  variants: ProductVariant[];
  currency?: string;
  seoTitle?: string;
  seoDescription?: string;
  status?: string;
  /** Other named facts worth quoting: metafields, attributes, dimensions. Column label → value. */
  facts: Record<string, string>;
  /** Where it came from: the file, the platform and the product's first line. */
  source: { file: string; platform: ProductPlatform; line: number };
}

export interface ProductFile {
  file: string;
  platform: ProductPlatform;
  /** A human label of the detected layout, e.g. 'Shopify product CSV (2025 template)'. */
  layout: string;
  products: Product[];
  rowCount: number;
  warnings: InputWarning[];
}
