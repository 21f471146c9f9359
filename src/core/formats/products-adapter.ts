import { parseCsvText } from '../csv/read.js';
import type { CsvTable } from '../csv/types.js';
import { detectProducts } from './detect.js';
import { productsFromTable } from './products.js';
import type { ProductPlatform } from './types.js';
import type { ImportAdapter, ImportRecord, Probe } from './records.js';

/** The product readers that `draft` uses, as import adapters: one product per handle, with its variants. */
function productAdapter(platform: ProductPlatform, layout: string, score: number): ImportAdapter {
  return {
    kind: 'products',
    platform,
    layout,
    detect: (probe: Probe) => (detected(probe) === platform ? score : 0),
    read: async function* (input): AsyncIterable<ImportRecord> {
      // Product exports are small (thousands of rows): the whole-file reader handles their quirks.
      const table = parseCsvText(await input.text(), input.file, { encoding: 'utf-8', bom: false, warnings: [] });
      const file = productsFromTable(table, { platform });
      for (const w of file.warnings) input.warn(w);
      for (const product of file.products) yield { kind: 'products', key: product.handle, line: product.source.line, product };
    },
  };
}

function detected(probe: Probe): ProductPlatform | undefined {
  const table: CsvTable = { file: probe.file, encoding: 'utf-8', bom: false, delimiter: ',', eol: '\n', header: probe.header, rows: [], warnings: [] };
  try {
    return detectProducts(table).platform;
  } catch {
    return undefined;
  }
}

export const productAdapters: ImportAdapter[] = [
  productAdapter('shopify', 'Shopify product CSV', 50),
  productAdapter('woocommerce', 'WooCommerce product CSV', 50),
  productAdapter('etsy', 'Etsy listings download', 50),
];

/** Any table with a title column would pass as generic products: used only with --kind products. */
export const genericProductAdapter: ImportAdapter = productAdapter('generic', 'generic product CSV', 1);
