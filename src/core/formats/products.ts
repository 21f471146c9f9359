/**
 * Entry point of the product readers: detects the platform from the header and hands the table to
 * its adapter. Value errors (unreadable prices…) are collected and thrown together at the end.
 */
import type { CsvTable } from '../csv/types.js';
import { Problems, detectProducts } from './detect.js';
import { readEtsyListings } from './etsy/listings.js';
import { readGenericProducts } from './generic/products.js';
import { readShopifyProducts } from './shopify/products.js';
import type { Product, ProductFile, ProductPlatform } from './types.js';
import { readWooProducts } from './woocommerce/products.js';

export interface ProductsOptions {
  /** Skip detection and read the file as this platform's export. */
  platform?: ProductPlatform;
  /** shopflow field → the file's header name, e.g. { title: 'Product Name' }. Generic files only. */
  columnMap?: Record<string, string>;
}

export { detectProducts } from './detect.js';
export { GENERIC_COLUMNS, type GenericField } from './generic/products.js';

function read(platform: ProductPlatform, table: CsvTable, problems: Problems, columnMap: Record<string, string>): Product[] {
  switch (platform) {
    case 'shopify':
      return readShopifyProducts(table, problems);
    case 'woocommerce':
      return readWooProducts(table, problems);
    case 'etsy':
      return readEtsyListings(table, problems);
    case 'generic':
      return readGenericProducts(table, problems, columnMap);
  }
}

export function productsFromTable(table: CsvTable, opts: ProductsOptions = {}): ProductFile {
  const columnMap = opts.columnMap ?? {};
  const detection = detectProducts(table, opts.platform, columnMap.title !== undefined);
  const problems = new Problems(table.file);
  if (detection.platform !== 'generic' && Object.keys(columnMap).length > 0) {
    problems.warn(`the column map was not used: the file was read as a ${detection.layout}`);
  }
  const products = read(detection.platform, table, problems, columnMap);
  problems.throwIfAny();
  return {
    file: table.file,
    platform: detection.platform,
    layout: detection.layout,
    products,
    rowCount: table.rows.length,
    warnings: [...table.warnings, ...problems.warnings],
  };
}
