/**
 * Etsy "Download data" listings CSV (`EtsyListingsDownload.csv`). One row per listing; the header is
 * in the shop's language (see ETSY_LANGUAGES in detect.ts). The download has no listing id, so the
 * key is the slug of the title, made unique in file order (keys.ts).
 */
import type { CsvRow, CsvTable } from '../../csv/types.js';
import {
  ETSY_LANGUAGES,
  Header,
  Problems,
  etsyLanguage,
  productColumnMissing,
  newProduct,
  readInt,
  readPrice,
  splitList,
  type Col,
  type EtsyField,
  type EtsyLanguage,
} from '../detect.js';
import { compact } from '../../lib/objects.js';
import { UniqueKeys, slugify } from '../keys.js';
import type { Product, ProductVariant } from '../types.js';

const ENTITIES: Record<string, string> = { quot: '"', amp: '&', apos: "'", lt: '<', gt: '>', nbsp: '\u00a0' };

/** Etsy stores some text HTML-escaped and exports it that way (`3&quot; Pot`). */
function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ent: string) => {
    if (ent[0] === '#') {
      const code = ent[1] === 'x' || ent[1] === 'X' ? parseInt(ent.slice(2), 16) : parseInt(ent.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[ent.toLowerCase()] ?? whole;
  });
}

interface Variation {
  type: Col | undefined;
  name: Col | undefined;
  values: Col | undefined;
}

class EtsyReader {
  private readonly h: Header;
  private readonly c: Record<EtsyField, Col | undefined>;
  private readonly variations: Variation[] = [];
  private readonly keys = new UniqueKeys();

  constructor(
    private readonly table: CsvTable,
    private readonly p: Problems,
  ) {
    this.h = new Header(table);
    const lang: EtsyLanguage = etsyLanguage(this.h) ?? (ETSY_LANGUAGES[0] as EtsyLanguage);
    const c = {} as Record<EtsyField, Col | undefined>;
    for (const field of Object.keys(lang.fields) as EtsyField[]) c[field] = this.h.col(lang.fields[field]);
    this.c = c;
    if (!c.title) throw productColumnMissing(table.file, `"${lang.fields.title}"`, 'an Etsy listings download needs it');
    // Only two variation groups have been seen; read as many as the header has.
    for (let n = 1; ; n++) {
      const col = (pattern: string) => this.h.col(pattern.replace('{n}', String(n)));
      const v = { type: col(lang.variation.type), name: col(lang.variation.name), values: col(lang.variation.values) };
      if (!v.type && !v.name && !v.values) break;
      this.variations.push(v);
    }
  }

  read(): Product[] {
    const out: Product[] = [];
    for (const row of this.table.rows) {
      const product = this.listing(row);
      if (product) out.push(product);
    }
    return out;
  }

  private get(row: CsvRow, col: Col | undefined): string {
    return this.h.get(row, col);
  }

  private listing(row: CsvRow): Product | undefined {
    const title = decodeEntities(this.get(row, this.c.title));
    if (!title) {
      if (row.cells.some((cell) => cell.trim() !== '')) this.p.warn('listing has no title; skipped', row.line);
      return undefined;
    }
    const product = newProduct(this.keys.next(slugify(title)), title, 'etsy', this.table.file, row.line);
    product.description = this.get(row, this.c.description).replace(/\r\n?/g, '\n');
    product.currency = this.get(row, this.c.currency) || undefined;
    // Tags cannot contain spaces in the download: `Tropical_Plants` is the tag "Tropical Plants".
    product.tags = splitList(decodeEntities(this.get(row, this.c.tags))).map((t) => t.replace(/_/g, ' ').trim());
    product.materials = splitList(decodeEntities(this.get(row, this.c.materials)));
    for (const v of this.variations) {
      const name = decodeEntities(this.get(row, v.name) || this.get(row, v.type));
      const values = splitList(decodeEntities(this.get(row, v.values)));
      if (name && values.length > 0) product.options.push({ name, values });
    }
    product.variants = this.variants(row);
    return compact(product);
  }

  /**
   * The SKU cell lists every SKU of the listing, but not in the order of the variation values, so
   * variants carry the SKUs without option values. QUANTITY is the listing total.
   */
  private variants(row: CsvRow): ProductVariant[] {
    const price = readPrice(this.p, this.h, row, this.c.price);
    const qty = readInt(this.get(row, this.c.quantity));
    const skus = splitList(this.get(row, this.c.sku));
    const base = (sku?: string): ProductVariant => compact({ sku, options: {}, price, line: row.line });
    if (skus.length <= 1) return [compact({ ...base(skus[0]), inventoryQty: qty })];
    return skus.map((sku) => base(sku));
  }
}

export function readEtsyListings(table: CsvTable, problems: Problems): Product[] {
  return new EtsyReader(table, problems).read();
}
