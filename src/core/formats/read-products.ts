import { readCsvFile } from '../csv/read.js';
import { productsFromTable } from './products.js';
import type { ProductFile, ProductPlatform } from './types.js';

export interface ReadProductsOptions {
  platform?: ProductPlatform | undefined;
  columnMap?: Record<string, string> | undefined;
}

/** Reads a product export of any supported platform: decode, split, detect, one Product per product. */
export function readProducts(path: string, opts: ReadProductsOptions = {}, displayName = path): ProductFile {
  const table = readCsvFile(path, displayName);
  return productsFromTable(table, {
    ...(opts.platform ? { platform: opts.platform } : {}),
    ...(opts.columnMap ? { columnMap: opts.columnMap } : {}),
  });
}
