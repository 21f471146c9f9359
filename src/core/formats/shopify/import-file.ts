/** Shopify's product import file: approved description and SEO fields, keyed by handle. */
import { InputError } from '../../errors.js';
import { neutralise } from '../../csv/safe.js';
import { indexOfAny, looksWoo, type CopyField, type PlatformWriter } from '../import-file.js';
import { SHOPIFY_COLUMNS } from './products.js';

/** Column names by field: classic name first, then the 2025 template's. */
const COLUMNS: Partial<Record<CopyField, readonly string[]>> = {
  body_html: SHOPIFY_COLUMNS.body,
  seo_title: SHOPIFY_COLUMNS.seoTitle,
  seo_description: SHOPIFY_COLUMNS.seoDescription,
};
const columns = (field: CopyField): readonly string[] => COLUMNS[field] ?? [];

export const shopifyWriter: PlatformWriter = {
  format: 'shopify',
  fields: ['body_html', 'seo_title', 'seo_description'],
  bom: '',
  layout(names, file) {
    const handle = indexOfAny(names, SHOPIFY_COLUMNS.handle);
    if (handle === undefined) {
      const hint = looksWoo(names) ? ' (it looks like a WooCommerce product export: use --format woocommerce)' : '';
      throw new InputError({ file, line: 1 }, `this is not a Shopify product CSV: the header has no "Handle" or "URL handle" column${hint}`);
    }
    return {
      keyOf: (rec) => rec.cells[handle]?.value.trim() || undefined,
      column: (field) => indexOfAny(names, columns(field)),
    };
  },
  // The 2025 template (its handle column is "URL handle") spells the columns its own way.
  columnName: (field, names) => {
    const c = columns(field);
    return c[names.includes('url handle') ? c.length - 1 : 0]!;
  },
  cell: (value) => neutralise(value).replace(/\r\n|\r/g, '\n'),
  freshTable(copies, fields) {
    const header = ['Handle', 'Title', ...fields.map((f) => columns(f)[0]!)];
    const rows = copies.map((c) => [neutralise(c.handle), neutralise(c.title), ...fields.map((f) => this.cell(c.fields[f]!))]);
    return { header, rows };
  },
};
