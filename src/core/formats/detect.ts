/**
 * What the product readers share: their header (header.ts's lookup, exact names), platform
 * detection, cell value parsing and the error collector.
 */
import type { CsvRow, CsvTable } from '../csv/types.js';
import { InputError, type InputWarning } from '../errors.js';
import type { Product, ProductPlatform } from './types.js';
import { Columns, looseName, type Col } from './header.js';
import { compact } from '../lib/objects.js';
import { columnError } from './columns.js';

export { looseName, normName, type Col } from './header.js';

/** A product file's header: exact name matching, plus the table it heads. */
export class Header extends Columns {
  constructor(readonly table: CsvTable) {
    super(table.header, 'exact');
  }

  /** Like `col`, with `looseName` matching. */
  looseCol(...names: string[]): Col | undefined {
    for (const name of names) {
      const index = this.labels.findIndex((l) => looseName(l) === looseName(name));
      if (index >= 0) return { index, label: this.labels[index] ?? name };
    }
    return undefined;
  }

  /** Columns whose label matches `re`, with the match. */
  matching(re: RegExp): { col: Col; match: RegExpMatchArray }[] {
    const out: { col: Col; match: RegExpMatchArray }[] = [];
    this.labels.forEach((label, index) => {
      const match = label.match(re);
      if (match) out.push({ col: { index, label }, match });
    });
    return out;
  }

  get(row: CsvRow, col: Col | undefined): string {
    return col ? (row.cells[col.index] ?? '').trim() : '';
  }

  foundText(): string {
    const shown = this.labels.filter((l) => l !== '');
    if (shown.length === 0) return '(none)';
    const list = shown.slice(0, 25).join(', ');
    return shown.length > 25 ? `${list}, … (${shown.length} in all)` : list;
  }
}

/** Collects per-value errors (thrown together at the end) and warnings. */
export class Problems {
  readonly errors: InputError[] = [];
  readonly warnings: InputWarning[] = [];

  constructor(readonly file: string) {}

  error(line: number, column: string | undefined, reason: string): void {
    this.errors.push(new InputError({ file: this.file, line, column }, reason));
  }

  warn(message: string, line?: number, column?: string): void {
    this.warnings.push(compact<InputWarning>({ file: this.file, message, line, column }));
  }

  throwIfAny(): void {
    const [first] = this.errors;
    if (!first) return;
    if (this.errors.length === 1) throw first;
    const shown = this.errors.slice(0, 10).map((e) => `  ${e.message}`);
    if (this.errors.length > 10) shown.push(`  … and ${this.errors.length - 10} more`);
    throw new InputError({ file: this.file }, `${this.errors.length} problems:\n${shown.join('\n')}`);
  }
}

/**
 * '12,50' → '12.50', '1.234,50' → '1234.50', '$25' → '25'. A lone comma is always the decimal
 * separator (WooCommerce writes the shop's decimal separator and no thousands separator).
 * Returns null when the text is not a price.
 */
export function normalisePrice(raw: string): string | null {
  const s = raw.replace(/[\s\u00a0]/g, '').replace(/^[$€£]|[$€£]$/g, '');
  let out: string | null = null;
  if (/^\d+$/.test(s)) out = s;
  else if (/^\d*[.,]\d+$/.test(s)) out = s.replace(',', '.');
  else if (/^\d{1,3}(,\d{3})+\.\d+$/.test(s)) out = s.replace(/,/g, '');
  else if (/^\d{1,3}(\.\d{3})+,\d+$/.test(s)) out = s.replace(/\./g, '').replace(',', '.');
  return out !== null && out.startsWith('.') ? `0${out}` : out;
}

/** Reads a price cell; an unreadable one is recorded as an error. */
export function readPrice(p: Problems, h: Header, row: CsvRow, col: Col | undefined, raw?: string): string | undefined {
  const text = raw ?? h.get(row, col);
  if (text === '') return undefined;
  const price = normalisePrice(text);
  if (price === null) p.error(row.line, col?.label, `"${text}" is not a price`);
  return price ?? undefined;
}

export function readInt(text: string): number | undefined {
  return /^-?\d+$/.test(text.trim()) ? Number(text.trim()) : undefined;
}

export function readNumber(text: string): number | undefined {
  const s = text.trim().replace(',', '.');
  return /^-?(\d+\.?\d*|\.\d+)$/.test(s) ? Number(s) : undefined;
}

export function splitList(text: string, sep: RegExp = /,/): string[] {
  return text.split(sep).map((s) => s.trim()).filter((s) => s !== '');
}

export function newProduct(handle: string, title: string, platform: ProductPlatform, file: string, line: number): Product {
  const source = { file, platform, line };
  return { handle, title, description: '', tags: [], materials: [], options: [], variants: [], facts: {}, source };
}

// --- Etsy header aliases -------------------------------------------------------------------------

export type EtsyField = 'title' | 'description' | 'price' | 'currency' | 'quantity' | 'tags' | 'materials' | 'sku' | 'image1';
export interface EtsyLanguage {
  name: string;
  fields: Record<EtsyField, string>;
  /** `{n}` is the variation number (1, 2). */
  variation: { type: string; name: string; values: string };
}

/**
 * The listings download translates its header into the shop's language (seen: English, Italian).
 * German/French/Spanish/Dutch are NOT listed: no real file was available to confirm them. A German
 * header (`TITEL,BESCHREIBUNG,PREIS,WÄHRUNGSCODE,STÜCKZAHL,TAGS,MATERIALIEN,BILD1…,VARIATIONSTYP 1,
 * VARIATIONSNAME 1,VARIATIONSWERT 1,…,BESTANDSEINHEIT`) appears in third-party test code only; add it
 * here once a real download confirms it. Until then such files can be read with the generic reader.
 */
export const ETSY_LANGUAGES: EtsyLanguage[] = [
  {
    name: 'English',
    fields: {
      title: 'TITLE', description: 'DESCRIPTION', price: 'PRICE', currency: 'CURRENCY_CODE', quantity: 'QUANTITY',
      tags: 'TAGS', materials: 'MATERIALS', sku: 'SKU', image1: 'IMAGE1',
    },
    variation: { type: 'VARIATION {n} TYPE', name: 'VARIATION {n} NAME', values: 'VARIATION {n} VALUES' },
  },
  {
    name: 'Italian',
    fields: {
      title: 'TITOLO', description: 'DESCRIZIONE', price: 'PREZZO', currency: 'CURRENCY_CODE', quantity: 'QUANTITÀ',
      tags: 'TAG', materials: 'MATERIALI', sku: 'SKU', image1: 'IMMAGINE1',
    },
    variation: { type: 'TIPO VARIANTE {n}', name: 'NOME VARIANTE {n}', values: 'VALORI VARIANTE {n}' },
  },
];

export function etsyLanguage(h: Header): EtsyLanguage | undefined {
  let best: EtsyLanguage | undefined;
  let bestScore = 0;
  for (const lang of ETSY_LANGUAGES) {
    if (!h.has(lang.fields.title)) continue;
    const v = lang.variation;
    // Only Etsy-specific names count: TITLE/PRICE/QUANTITY alone is any hand-made sheet.
    const marks = [lang.fields.currency, lang.fields.image1, v.name.replace('{n}', '1'), v.values.replace('{n}', '1')];
    const score = h.count(marks);
    if (score > bestScore) [best, bestScore] = [lang, score];
  }
  return best;
}

// --- Detection -----------------------------------------------------------------------------------

export interface Detection {
  platform: ProductPlatform;
  layout: string;
}

const SHOPIFY_PRODUCT_MARKS = [
  'Body (HTML)', 'Variant Price', 'Variant SKU', 'Variant Grams', 'Variant Inventory Qty', 'Variant Barcode',
  'Image Src', 'URL handle', 'Product image URL', 'Published on online store', 'Compare-at price', 'Gift Card',
];
const WOO_MARKS = ['Regular price', 'Sale price', 'Visibility in catalog', 'Is featured?', 'Parent', 'Tax status', 'In stock?'];
/** Header names that can carry a product title in a generic file (see generic-products.ts). */
export const TITLE_LIKE = ['title', 'name', 'product name', 'product title', 'product', 'item name'];

function shopifyLayout(h: Header): string {
  if (h.has('URL handle') || h.has('Product image URL')) return 'Shopify product template (2025)';
  if (h.has('Option1 Linked To')) return 'Shopify product CSV (2024–2025 export)';
  if (h.has('Product Category')) return 'Shopify product CSV (2022–2024)';
  return 'Shopify product CSV (2021 and earlier)';
}

function layoutFor(platform: ProductPlatform, h: Header): string {
  if (platform === 'shopify') return shopifyLayout(h);
  if (platform === 'woocommerce') return 'WooCommerce product CSV';
  if (platform === 'etsy') {
    const lang = etsyLanguage(h)?.name ?? 'English';
    return lang === 'English' ? 'Etsy listings download' : `Etsy listings download (${lang})`;
  }
  return 'Generic product CSV';
}

const SHOPIFY_HINT = 'Export your products instead (Shopify admin › Products › Export).';

/** Other exports the owner may pick by mistake; reading them as products would produce nonsense. */
function notProducts(h: Header): string | undefined {
  if (h.has('Financial Status') || h.has('Lineitem name')) {
    return `this looks like a Shopify orders export (or abandoned checkouts export), not a product export. ${SHOPIFY_HINT}`;
  }
  if (h.has('Total Spent') && (h.has('Accepts Marketing') || h.has('Accepts Email Marketing'))) {
    return `this looks like a Shopify customers export, not a product export. ${SHOPIFY_HINT}`;
  }
  if (h.has('Handle') && h.has('HS Code') && !h.has('Variant Price')) {
    return `this looks like a Shopify inventory export, not a product export. ${SHOPIFY_HINT}`;
  }
  if (h.has('Subject') && h.has('Total Recipients')) {
    return 'this looks like an email campaign report, not a product export.';
  }
  return undefined;
}

function detectPlatform(h: Header, hasMappedTitle: boolean): ProductPlatform | undefined {
  const shopify = h.count(SHOPIFY_PRODUCT_MARKS);
  if (shopify >= 2 || (h.has('Handle') && (shopify >= 1 || h.has('Option1 Name')))) return 'shopify';
  const woo = h.count(WOO_MARKS);
  if (woo >= 3 || (woo >= 2 && h.has('Type') && h.has('Name'))) return 'woocommerce';
  if (etsyLanguage(h)) return 'etsy';
  if (hasMappedTitle || h.looseCol(...TITLE_LIKE) || h.has('Handle')) return 'generic';
  return undefined;
}

export function detectProducts(table: CsvTable, forced?: ProductPlatform, hasMappedTitle = false): Detection {
  const h = new Header(table);
  if (forced) return { platform: forced, layout: layoutFor(forced, h) };
  const other = notProducts(h);
  if (other) throw new InputError({ file: table.file, line: 1 }, other);
  const platform = detectPlatform(h, hasMappedTitle);
  if (!platform) {
    throw new InputError(
      { file: table.file, line: 1 },
      `this does not look like a product export (no Handle/Title/Name column). Found columns: ${h.foundText()}`,
    );
  }
  return { platform, layout: layoutFor(platform, h) };
}

/** The product readers' missing-column error (the history readers use columns.ts's `missingColumn`, which lists the header). */
export function productColumnMissing(file: string, what: string, why: string): InputError {
  return columnError(file, undefined, `column ${what} is missing; ${why}`);
}
