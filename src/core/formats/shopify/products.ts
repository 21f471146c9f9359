/**
 * Shopify product CSV, every generation: ≤2021, 2022–2024, the 2024–2025 export (Option "Linked To"
 * and metafield columns) and the 2025 template with renamed columns (`URL handle`, `Description`,
 * `Price`, `Option1 name`…). One product spreads over several rows sharing a handle: the first row
 * carries the product fields, later rows carry one variant and/or one extra image.
 */
import type { CsvRow, CsvTable } from '../../csv/types.js';
import {
  Header,
  Problems,
  productColumnMissing,
  newProduct,
  readInt,
  readNumber,
  readPrice,
  splitList,
  type Col,
} from '../detect.js';
import { compact } from '../../lib/objects.js';
import type { Product, ProductVariant } from '../types.js';

/** Old names first, then the 2025 template's renamed ones. The import-file writer uses them too. */
export const SHOPIFY_COLUMNS = {
  handle: ['Handle', 'URL handle'],
  title: ['Title'],
  body: ['Body (HTML)', 'Description'],
  vendor: ['Vendor'],
  category: ['Product Category'],
  type: ['Type'],
  tags: ['Tags'],
  status: ['Status'],
  seoTitle: ['SEO Title', 'SEO title'],
  seoDescription: ['SEO Description', 'SEO description'],
  sku: ['Variant SKU', 'SKU'],
  price: ['Variant Price', 'Price'],
  compareAt: ['Variant Compare At Price', 'Compare-at price'],
  barcode: ['Variant Barcode', 'Barcode'],
  grams: ['Variant Grams', 'Weight value (grams)'],
  qty: ['Variant Inventory Qty', 'Inventory quantity'],
  policy: ['Variant Inventory Policy', 'Continue selling when out of stock'],
} as const;

const NAMES = SHOPIFY_COLUMNS;
type Key = keyof typeof NAMES;
type Cols = { [K in Key]: Col | undefined } & {
  optName: (Col | undefined)[];
  optValue: (Col | undefined)[];
  metafields: { col: Col; label: string }[];
};

interface Group {
  product: Product;
  optionNames: string[];
  optionValues: string[][];
}

function findCols(h: Header): Cols {
  const cols = {} as Cols;
  for (const key of Object.keys(NAMES) as Key[]) cols[key] = h.col(...NAMES[key]);
  cols.optName = [1, 2, 3].map((i) => h.col(`Option${i} Name`));
  cols.optValue = [1, 2, 3].map((i) => h.col(`Option${i} Value`));
  // `Hold level (product.metafields.shopify.hold-level)` → fact "Hold level". The Google & YouTube
  // app's `mm-google-shopping` namespace holds feed flags, not product facts.
  cols.metafields = h
    .matching(/^(.+?)\s*\(product\.metafields\.([^.)]+)\.[^)]+\)$/i)
    .filter(({ match }) => match[2]?.toLowerCase() !== 'mm-google-shopping')
    .map(({ col, match }) => ({ col, label: (match[1] ?? col.label).trim() }));
  return cols;
}

function requireColumns(table: CsvTable, c: Cols): void {
  if (!c.handle) {
    throw productColumnMissing(table.file, '"Handle"', 'a Shopify product CSV needs it (the 2025 template calls it "URL handle")');
  }
  if (!c.title) throw productColumnMissing(table.file, '"Title"', 'a Shopify product CSV needs it');
}

class ShopifyReader {
  private readonly h: Header;
  private readonly c: Cols;
  private readonly groups = new Map<string, Group>();

  constructor(
    private readonly table: CsvTable,
    private readonly p: Problems,
  ) {
    this.h = new Header(table);
    this.c = findCols(this.h);
    requireColumns(table, this.c);
  }

  read(): Product[] {
    for (const row of this.table.rows) this.readRow(row);
    return [...this.groups.values()].map((g) => this.finish(g)).filter((p): p is Product => p !== undefined);
  }

  private get(row: CsvRow, col: Col | undefined): string {
    return this.h.get(row, col);
  }

  private readRow(row: CsvRow): void {
    const handle = this.get(row, this.c.handle);
    if (handle === '') {
      if (row.cells.some((cell) => cell.trim() !== '')) {
        this.p.warn(`row has no ${this.c.handle?.label ?? 'Handle'}; skipped`, row.line);
      }
      return;
    }
    // Rows of one handle need not be contiguous: the map merges them wherever they are.
    let group = this.groups.get(handle);
    if (!group) {
      group = { product: newProduct(handle, '', 'shopify', this.table.file, row.line), optionNames: [], optionValues: [] };
      this.groups.set(handle, group);
    }
    this.fillProduct(group, row);
    if (this.isVariantRow(row)) group.product.variants.push(this.variant(group, row));
  }

  /** Forward fill: follow-up rows leave product fields empty, so the first non-empty value wins. */
  private fillProduct(g: Group, row: CsvRow): void {
    const p = g.product;
    const text = (key: Key) => this.get(row, this.c[key]);
    p.title ||= text('title');
    p.description ||= text('body');
    p.vendor ||= text('vendor') || undefined;
    p.category ||= text('category') || undefined;
    p.type ||= text('type') || undefined;
    p.status ||= text('status').toLowerCase() || undefined; // templates write `Active`, exports `active`
    p.seoTitle ||= text('seoTitle') || undefined;
    p.seoDescription ||= text('seoDescription') || undefined;
    if (p.tags.length === 0) p.tags = splitList(this.get(row, this.c.tags));
    this.c.optName.forEach((col, i) => {
      const name = this.get(row, col);
      if (name && !g.optionNames[i]) g.optionNames[i] = name;
    });
    for (const { col, label } of this.c.metafields) {
      const value = this.get(row, col);
      if (value && p.facts[label] === undefined) p.facts[label] = value;
    }
  }

  /** Image-only rows carry just Image Src/Position/Alt Text: they are not variants. */
  private isVariantRow(row: CsvRow): boolean {
    const c = this.c;
    const cols = [c.sku, c.price, c.compareAt, c.barcode, c.grams, c.qty, c.policy, ...c.optValue];
    return cols.some((col) => this.get(row, col) !== '');
  }

  private variant(g: Group, row: CsvRow): ProductVariant {
    const c = this.c;
    const v: ProductVariant = { options: this.variantOptions(g, row), line: row.line };
    const sku = this.get(row, c.sku);
    if (sku) v.sku = sku;
    v.price = readPrice(this.p, this.h, row, c.price);
    v.compareAtPrice = readPrice(this.p, this.h, row, c.compareAt);
    // Shopify writes barcodes as `'0850064060010` so spreadsheets keep the leading zero.
    const barcode = this.get(row, c.barcode).replace(/^'/, '');
    if (barcode) v.barcode = barcode;
    // Grams are always grams (`Variant Weight Unit` is only the display unit); 0.0 means "not set".
    const grams = readNumber(this.get(row, c.grams));
    if (grams) v.weight = { value: grams, unit: 'g' };
    const qty = readInt(this.get(row, c.qty));
    if (qty !== undefined) v.inventoryQty = qty;
    return compact(v);
  }

  private variantOptions(g: Group, row: CsvRow): Record<string, string> {
    const options: Record<string, string> = {};
    this.c.optValue.forEach((col, i) => {
      const value = this.get(row, col);
      const name = g.optionNames[i] || `Option${i + 1}`;
      // `Title` / `Default Title` is how Shopify writes a product without options.
      if (!value || (name === 'Title' && value === 'Default Title')) return;
      options[name] = value;
      const values = (g.optionValues[i] ??= []);
      if (!values.includes(value)) values.push(value);
    });
    return options;
  }

  private finish(g: Group): Product | undefined {
    const p = g.product;
    if (!p.title) {
      this.p.warn(`product "${p.handle}" has no Title on any of its rows; skipped`, p.source.line);
      return undefined;
    }
    g.optionValues.forEach((values, i) => {
      if (values && values.length > 0) p.options.push({ name: g.optionNames[i] || `Option${i + 1}`, values });
    });
    return compact(p);
  }
}

export function readShopifyProducts(table: CsvTable, problems: Problems): Product[] {
  return new ShopifyReader(table, problems).read();
}
