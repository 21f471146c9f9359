/** WooCommerce's product import file: approved description and short description, keyed by ID or SKU. */
import { InputError } from '../../errors.js';
import { neutralise } from '../../csv/safe.js';
import type { RecordSpan } from '../../csv/splice.js';
import { wooKey } from '../keys.js';
import { indexOfAny, looksWoo, type CopyField, type PlatformWriter } from '../import-file.js';
import { WOO_COLUMNS } from './products.js';

const COLUMNS: Partial<Record<CopyField, readonly string[]>> = { description: WOO_COLUMNS.description, short_description: WOO_COLUMNS.short };
const columns = (field: CopyField): readonly string[] => COLUMNS[field] ?? [];

export const wooWriter: PlatformWriter = {
  format: 'woocommerce',
  fields: ['description', 'short_description'],
  // WooCommerce's own exporter writes a BOM; its importer expects one for non-ASCII text.
  bom: '\uFEFF',
  layout(names, file) {
    if (!looksWoo(names)) {
      const hint = names.includes('handle') || names.includes('url handle') ? ' (it looks like a Shopify product export: use --format shopify)' : '';
      throw new InputError({ file, line: 1 }, `this is not a WooCommerce product CSV: the header needs "Type" and "SKU" or "ID" columns and no "Handle"${hint}`);
    }
    const sku = names.indexOf('sku');
    const id = names.indexOf('id');
    const type = names.indexOf('type');
    const cell = (rec: RecordSpan, i: number): string => (i >= 0 ? (rec.cells[i]?.value ?? '') : '');
    return {
      keyOf: (rec) => {
        const types = cell(rec, type).split(',').map((t) => t.trim().toLowerCase());
        if (types.includes('variation')) return undefined;
        return wooKey(cell(rec, sku), cell(rec, id)) || undefined;
      },
      column: (field) => indexOfAny(names, columns(field)),
    };
  },
  columnName: (field) => columns(field)[0]!,
  // Descriptions escape line breaks as WooCommerce's exporter does (`\n`).
  cell: (value) => neutralise(value.replace(/\\n/g, '\\\\n').replace(/\r\n|\r|\n/g, '\\n')),
  freshTable(copies, fields) {
    // ID always (an empty ID is ignored and the SKU matched); SKU only when some product is keyed by it.
    const withSku = copies.some((c) => !c.handle.startsWith('id:'));
    const header = ['ID', ...(withSku ? ['SKU'] : []), 'Name', ...fields.map((f) => columns(f)[0]!)];
    const rows = copies.map((c) => {
      const id = c.handle.startsWith('id:') ? c.handle.slice(3) : '';
      const key = withSku ? [id, id ? '' : neutralise(c.handle)] : [id];
      return [...key, neutralise(c.title), ...fields.map((f) => this.cell(c.fields[f]!))];
    });
    return { header, rows };
  },
};
