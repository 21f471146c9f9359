/**
 * WooCommerce product CSV (core exporter and the shipped sample data). One row per product and one
 * per variation; a variation (`Type` = `variation`) points at its parent through `Parent`, which
 * holds the parent's SKU or `id:<ID>`.
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
  type Col,
} from '../detect.js';
import { compact } from '../../lib/objects.js';
import { UniqueKeys, slugify, wooKey } from '../keys.js';
import type { Product, ProductVariant } from '../types.js';

/** The export's column names; the import-file writer uses them too. */
export const WOO_COLUMNS = {
  id: ['ID'],
  type: ['Type'],
  sku: ['SKU'],
  name: ['Name'],
  published: ['Published'],
  short: ['Short description'],
  description: ['Description'],
  sale: ['Sale price'],
  regular: ['Regular price'],
  categories: ['Categories'],
  tags: ['Tags'],
  parent: ['Parent'],
  stock: ['Stock'],
  barcode: ['GTIN, UPC, EAN, or ISBN'],
  brands: ['Brands'],
} as const;
const NAMES = WOO_COLUMNS;
type Key = keyof typeof NAMES;

const STATUS: Record<string, string> = { '1': 'publish', '0': 'private', '-1': 'draft', '2': 'pending' };

/** The exporter prefixes cells starting with = + - @ (and tab/CR) with `'` against spreadsheet injection. */
function unguard(s: string): string {
  return /^'[=+\-@\t\r]/.test(s) ? s.slice(1) : s;
}

/** Lists are joined with ', ' and commas inside a value are escaped as `\,`. */
function splitWoo(s: string): string[] {
  return s
    .split(/(?<!\\),/)
    .map((v) => v.replace(/\\,/g, ',').trim())
    .filter((v) => v !== '');
}

/** Since WC 3.5.4 descriptions store newlines as a literal `\n` and a literal `\n` as `\\n`. */
function wooText(s: string): string {
  return s
    .split('\\\\n')
    .map((part) => part.replace(/\\n/g, '\n'))
    .join('\\n');
}

interface Attr {
  name: Col;
  values: Col | undefined;
}

class WooReader {
  private readonly h: Header;
  private readonly c: { [K in Key]: Col | undefined };
  private readonly attrs: Attr[];
  private readonly weight: { col: Col; unit: string } | undefined;
  private readonly dims: Col[];
  private readonly keys = new UniqueKeys();
  private readonly bySku = new Map<string, Product>();
  private readonly byId = new Map<string, Product>();
  private readonly parentRow = new Map<Product, CsvRow>();
  private readonly skuLine = new Map<string, number>();

  constructor(
    private readonly table: CsvTable,
    private readonly p: Problems,
  ) {
    this.h = new Header(table);
    const c = {} as { [K in Key]: Col | undefined };
    for (const key of Object.keys(NAMES) as Key[]) c[key] = this.h.col(...NAMES[key]);
    this.c = c;
    if (!c.name) throw productColumnMissing(table.file, '"Name"', 'a WooCommerce product CSV needs it');
    this.attrs = this.h
      .matching(/^attribute (\d+) name$/i)
      .map(({ col, match }) => ({ name: col, values: this.h.col(`Attribute ${match[1]} value(s)`) }));
    // Unit is part of the header text and follows the shop settings: `Weight (lbs)`, `Weight (kg)`…
    const [w] = this.h.matching(/^weight\s*\((.+)\)$/i);
    this.weight = w ? { col: w.col, unit: (w.match[1] ?? '').trim() } : undefined;
    this.dims = this.h.matching(/^(length|width|height)\s*\(.+\)$/i).map(({ col }) => col);
  }

  private readonly skuCount = new Map<string, number>();

  read(): Product[] {
    const products: Product[] = [];
    const variations: CsvRow[] = [];
    for (const row of this.table.rows) {
      const sku = this.get(row, this.c.sku);
      if (sku && !this.types(row).includes('variation')) this.skuCount.set(sku, (this.skuCount.get(sku) ?? 0) + 1);
    }
    for (const row of this.table.rows) {
      if (this.types(row).includes('variation')) variations.push(row);
      else products.push(this.product(row));
    }
    for (const row of variations) this.attach(row);
    return products.filter((product) => {
      if (product.title) return true;
      this.p.warn(`product "${product.handle}" has no Name; skipped`, product.source.line);
      return false;
    });
  }

  private get(row: CsvRow, col: Col | undefined): string {
    return unguard(this.h.get(row, col));
  }

  private types(row: CsvRow): string[] {
    return splitWoo(this.get(row, this.c.type).toLowerCase());
  }

  private product(row: CsvRow): Product {
    const sku = this.get(row, this.c.sku);
    const id = this.get(row, this.c.id);
    const name = this.get(row, this.c.name);
    // A SKU shared by two products names neither: their IDs do, whatever the row order next week.
    const shared = sku !== '' && (this.skuCount.get(sku) ?? 0) > 1;
    const key = this.keys.next((shared && id ? `id:${id}` : wooKey(sku, id)) || slugify(name));
    this.noteSku(sku, row.line, key);
    const product = newProduct(key, name, 'woocommerce', this.table.file, row.line);
    this.fill(product, row);
    if (sku && !this.bySku.has(sku)) this.bySku.set(sku, product);
    if (id) this.byId.set(id, product);
    this.parentRow.set(product, row);
    const types = this.types(row);
    if (types.includes('variable')) product.options = this.attributes(row).map(([n, values]) => ({ name: n, values }));
    else {
      for (const [n, values] of this.attributes(row)) product.facts[n] = values.join(', ');
      // Grouped products have no price of their own: their children are separate products.
      if (!types.includes('grouped')) product.variants.push(this.variant(row, {}));
    }
    if (types.includes('downloadable')) product.facts['Downloadable'] = 'yes';
    if (types.includes('virtual')) product.facts['Virtual'] = 'yes';
    return compact(product);
  }

  private fill(product: Product, row: CsvRow): void {
    const get = (key: Key) => this.get(row, this.c[key]);
    product.description = wooText(get('description'));
    product.shortDescription = wooText(get('short')) || undefined;
    product.category = splitWoo(get('categories'))[0];
    product.tags = splitWoo(get('tags'));
    product.status = STATUS[get('published')];
    product.vendor = splitWoo(get('brands'))[0];
    for (const col of [this.weight?.col, ...this.dims]) {
      const value = col ? this.get(row, col) : '';
      if (col && value) product.facts[col.label] = value;
    }
  }

  private attributes(row: CsvRow): [string, string[]][] {
    const out: [string, string[]][] = [];
    for (const a of this.attrs) {
      const name = this.get(row, a.name);
      const values = splitWoo(this.get(row, a.values));
      if (name && values.length > 0) out.push([name, values]);
    }
    return out;
  }

  /** WooCommerce refuses duplicate SKUs, so one means a hand-edited file; keys stay unique anyway. */
  private noteSku(sku: string, line: number, key?: string): void {
    if (!sku) return;
    const first = this.skuLine.get(sku);
    if (first === undefined) {
      this.skuLine.set(sku, line);
      return;
    }
    const keyed = key && key !== sku ? `; this product is keyed "${key}"` : '';
    this.p.warn(`SKU "${sku}" is also used on line ${first}${keyed}`, line, this.c.sku?.label);
  }

  private findParent(ref: string): Product | undefined {
    const byId = /^id:(\d+)$/i.exec(ref);
    return this.bySku.get(ref) ?? (byId ? this.byId.get(byId[1] ?? '') : undefined);
  }

  private attach(row: CsvRow): void {
    const ref = this.get(row, this.c.parent);
    const parent = this.findParent(ref);
    this.noteSku(this.get(row, this.c.sku), row.line);
    if (!parent) {
      const what = ref ? `its parent "${ref}" is not in the file` : 'it has no Parent';
      this.p.warn(`variation skipped: ${what}`, row.line, this.c.parent?.label);
      return;
    }
    const options: Record<string, string> = {};
    // An empty value on a variation means "any value" of that attribute.
    for (const [name, [value]] of this.attributes(row)) {
      if (value === undefined) continue;
      options[name] = value;
      addOptionValue(parent, name, value);
    }
    parent.variants.push(this.variant(row, options, this.parentRow.get(parent)));
  }

  /** `parentRow` supplies the weight a variation inherits when its own cell is empty. */
  private variant(row: CsvRow, options: Record<string, string>, parentRow?: CsvRow): ProductVariant {
    const v: ProductVariant = { options, line: row.line };
    v.sku = this.get(row, this.c.sku) || undefined;
    const regular = readPrice(this.p, this.h, row, this.c.regular, this.get(row, this.c.regular));
    const sale = readPrice(this.p, this.h, row, this.c.sale, this.get(row, this.c.sale));
    v.price = sale ?? regular;
    if (sale !== undefined) v.compareAtPrice = regular;
    v.barcode = this.get(row, this.c.barcode) || undefined;
    v.inventoryQty = readInt(this.get(row, this.c.stock)); // may also be `parent` or empty
    const w = this.weight;
    const weight = w ? readNumber(this.get(row, w.col) || (parentRow ? this.get(parentRow, w.col) : '')) : undefined;
    if (w && weight !== undefined) v.weight = { value: weight, unit: w.unit };
    return compact(v);
  }
}

function addOptionValue(product: Product, name: string, value: string): void {
  let option = product.options.find((o) => o.name.toLowerCase() === name.toLowerCase());
  if (!option) product.options.push((option = { name, values: [] }));
  if (!option.values.includes(value)) option.values.push(value);
}

export function readWooProducts(table: CsvTable, problems: Problems): Product[] {
  return new WooReader(table, problems).read();
}
