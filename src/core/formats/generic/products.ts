/**
 * Any other product sheet: one row per product, columns found by the names below or by the
 * owner's column map (shopflow field → the file's header name).
 *
 * Accepted column names (case-insensitive; spaces, `_` and `-` are interchangeable, so
 * `Product_Name` and `product-name` both match "product name"). The first name found wins:
 *
 *   handle            handle, url handle, slug, product handle
 *   sku               sku, variant sku, product sku, item sku
 *   title (required)  title, name, product name, product title, product, item name
 *   description       description, body, body html, body (html), long description, product description
 *   shortDescription  short description, summary
 *   vendor            vendor, brand, manufacturer, maker
 *   type              type, product type
 *   category          category, categories, product category, collection
 *   tags              tags, keywords                      (split on , ; or |)
 *   materials         materials, material                 (split on , ; or |)
 *   price             price, regular price, variant price, unit price
 *   compareAtPrice    compare at price, original price, was price
 *   barcode           barcode, gtin, ean, upc, isbn
 *   currency          currency, currency code
 *   inventoryQty      quantity, qty, stock, inventory, inventory quantity
 *   seoTitle          seo title, meta title
 *   seoDescription    seo description, meta description
 *   status            status
 *
 * Every other non-empty column becomes a fact under its header name (`Color`, `Origin`…), except
 * columns whose name mentions an id, image, photo, url or link, or private numbers (cost, margin,
 * profit, supplier, wholesale, internal notes, stock and location).
 * Key: the handle, else the SKU, else the slug of the title; made unique in file order.
 */
import type { CsvRow, CsvTable } from '../../csv/types.js';
import { InputError, UserError } from '../../errors.js';
import {
  Header,
  Problems,
  looseName,
  newProduct,
  readInt,
  readPrice,
  splitList,
  TITLE_LIKE,
  type Col,
} from '../detect.js';
import { compact } from '../../lib/objects.js';
import { UniqueKeys, slugify } from '../keys.js';
import type { Product, ProductVariant } from '../types.js';

export const GENERIC_COLUMNS = {
  handle: ['handle', 'url handle', 'slug', 'product handle'],
  sku: ['sku', 'variant sku', 'product sku', 'item sku'],
  title: TITLE_LIKE,
  description: ['description', 'body', 'body html', 'body (html)', 'long description', 'product description'],
  shortDescription: ['short description', 'summary'],
  vendor: ['vendor', 'brand', 'manufacturer', 'maker'],
  type: ['type', 'product type'],
  category: ['category', 'categories', 'product category', 'collection'],
  tags: ['tags', 'keywords'],
  materials: ['materials', 'material'],
  price: ['price', 'regular price', 'variant price', 'unit price'],
  compareAtPrice: ['compare at price', 'original price', 'was price'],
  barcode: ['barcode', 'gtin', 'ean', 'upc', 'isbn'],
  currency: ['currency', 'currency code'],
  inventoryQty: ['quantity', 'qty', 'stock', 'inventory', 'inventory quantity'],
  seoTitle: ['seo title', 'meta title'],
  seoDescription: ['seo description', 'meta description'],
  status: ['status'],
} as const;

export type GenericField = keyof typeof GENERIC_COLUMNS;
type Cols = Partial<Record<GenericField, Col>>;

const LIST_SEPARATOR = /[,;|]/;
// Never quoted in shop copy: references, and the owner's private numbers (cost, margin, supplier…).
const NOT_A_FACT =
  /\b(id|image|images|photo|photos|url|link|cost|costs|margin|profit|supplier|wholesale|internal|notes?|stock|inventory|location|warehouse|bin)\b/i;

function isField(name: string): name is GenericField {
  return Object.hasOwn(GENERIC_COLUMNS, name);
}

function mappedCols(h: Header, file: string, columnMap: Record<string, string>): Cols {
  const cols: Cols = {};
  for (const [field, target] of Object.entries(columnMap)) {
    if (!isField(field)) {
      throw new UserError(`column map: "${field}" is not a shopflow field. Known fields: ${Object.keys(GENERIC_COLUMNS).join(', ')}`);
    }
    const col = h.col(target) ?? h.looseCol(target);
    if (!col) {
      throw new InputError(
        { file, line: 1 },
        `column "${target}" (mapped to ${field}) is not in the header. Found columns: ${h.foundText()}`,
      );
    }
    cols[field] = col;
  }
  return cols;
}

function findCols(h: Header, file: string, columnMap: Record<string, string>): Cols {
  const cols = mappedCols(h, file, columnMap);
  const used = new Set(Object.values(cols).map((c) => c.index));
  for (const field of Object.keys(GENERIC_COLUMNS) as GenericField[]) {
    if (cols[field]) continue;
    const col = h.looseCol(...GENERIC_COLUMNS[field]);
    if (col && !used.has(col.index)) {
      cols[field] = col;
      used.add(col.index);
    }
  }
  if (!cols.title) {
    throw new InputError(
      { file, line: 1 },
      `no product title column (looked for: ${TITLE_LIKE.join(', ')}). Map yours in the column map, e.g. title → "Product Name". Found columns: ${h.foundText()}`,
    );
  }
  return cols;
}

class GenericReader {
  private readonly h: Header;
  private readonly c: Cols;
  private readonly factCols: Col[];
  private readonly keys = new UniqueKeys();
  private readonly keyLine = new Map<string, number>();

  constructor(
    private readonly table: CsvTable,
    private readonly p: Problems,
    columnMap: Record<string, string>,
  ) {
    this.h = new Header(table);
    this.c = findCols(this.h, table.file, columnMap);
    const used = new Set(Object.values(this.c).map((c) => c.index));
    this.factCols = this.h.labels
      .map((label, index) => ({ label, index }))
      .filter((c) => c.label !== '' && !used.has(c.index) && !NOT_A_FACT.test(looseName(c.label)));
  }

  read(): Product[] {
    const out: Product[] = [];
    for (const row of this.table.rows) {
      const product = this.product(row);
      if (product) out.push(product);
    }
    return out;
  }

  private get(row: CsvRow, field: GenericField): string {
    return this.h.get(row, this.c[field]);
  }

  private key(row: CsvRow, title: string): string {
    const own = this.get(row, 'handle') || this.get(row, 'sku');
    if (!own) return this.keys.next(slugify(title));
    const first = this.keyLine.get(own);
    const key = this.keys.next(own);
    if (first !== undefined) this.p.warn(`"${own}" is also used on line ${first}; this product is keyed "${key}"`, row.line);
    else this.keyLine.set(own, row.line);
    return key;
  }

  private product(row: CsvRow): Product | undefined {
    const title = this.get(row, 'title');
    if (!title) {
      if (row.cells.some((cell) => cell.trim() !== '')) this.p.warn('row has no title; skipped', row.line, this.c.title?.label);
      return undefined;
    }
    const product = newProduct(this.key(row, title), title, 'generic', this.table.file, row.line);
    const text = (field: GenericField) => this.get(row, field) || undefined;
    product.description = this.get(row, 'description');
    product.shortDescription = text('shortDescription');
    product.vendor = text('vendor');
    product.type = text('type');
    product.category = text('category');
    product.currency = text('currency');
    product.seoTitle = text('seoTitle');
    product.seoDescription = text('seoDescription');
    product.status = text('status');
    product.tags = splitList(this.get(row, 'tags'), LIST_SEPARATOR);
    product.materials = splitList(this.get(row, 'materials'), LIST_SEPARATOR);
    for (const col of this.factCols) {
      const value = this.h.get(row, col);
      if (value) product.facts[col.label] = value;
    }
    product.variants = [this.variant(row)];
    return compact(product);
  }

  private variant(row: CsvRow): ProductVariant {
    const v: ProductVariant = { options: {}, line: row.line };
    v.sku = this.get(row, 'sku') || undefined;
    v.price = readPrice(this.p, this.h, row, this.c.price);
    v.compareAtPrice = readPrice(this.p, this.h, row, this.c.compareAtPrice);
    v.barcode = this.get(row, 'barcode').replace(/^'/, '') || undefined;
    v.inventoryQty = readInt(this.get(row, 'inventoryQty'));
    return compact(v);
  }
}

export function readGenericProducts(table: CsvTable, problems: Problems, columnMap: Record<string, string> = {}): Product[] {
  return new GenericReader(table, problems, columnMap).read();
}
