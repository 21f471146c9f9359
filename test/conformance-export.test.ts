import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { tokenize } from '../src/core/csv/splice.js';
import { exportProducts, type ApprovedCopy, type ExportFormat } from '../src/core/formats/export-products.js';
import { wooKey } from '../src/core/formats/keys.js';

/**
 * Every real Shopify / WooCommerce product export under SHOPFLOW_FORMATS_DIR: exporting one approved
 * copy for its first product changes exactly that product's approved cells and nothing else.
 * Skipped when the variable is unset (the samples are not part of the project).
 */
const dir = process.env.SHOPFLOW_FORMATS_DIR;

const FILES: [ExportFormat, string][] = dir
  ? [
      ...list(join(dir, 'shopify', 'products')).map((f): [ExportFormat, string] => ['shopify', f]),
      ...list(join(dir, 'woocommerce')).map((f): [ExportFormat, string] => ['woocommerce', f]),
    ]
  : [];

function list(d: string): string[] {
  try {
    return readdirSync(d).filter((f) => f.endsWith('.csv')).map((f) => join(d, f));
  } catch {
    return [];
  }
}

const APPROVED = {
  shopify: { body_html: '<p>Approved, with "quotes"</p>\n<p>and a second line</p>', seo_title: 'Approved title', seo_description: '=not a formula' },
  woocommerce: { description: 'Approved, with "quotes"\nand a second line', short_description: '-short and sweet' },
};
// What each field reads as in the file (decoded), per format and line ending.
function expected(format: ExportFormat, crlf: boolean): Record<string, string> {
  if (format === 'woocommerce') return { Description: 'Approved, with "quotes"\\nand a second line', 'Short description': "'-short and sweet" };
  const body = APPROVED.shopify.body_html.replace('\n', crlf ? '\r\n' : '\n');
  return { body, seo_title: 'Approved title', seo_description: "'=not a formula" };
}

describe.skipIf(!dir)('conformance: sync export --source on real exports', () => {
  it('finds product exports', () => expect(FILES.length).toBeGreaterThan(0));

  it.each(FILES)('%s %s', (format, file) => {
    const before = readFileSync(file);
    const bom = before[0] === 0xef && before[1] === 0xbb && before[2] === 0xbf ? 3 : 0;
    const text = before.subarray(bom).toString('utf8');
    const rows = parse(text, { relax_column_count: true }) as string[][];
    const header = rows[0]!.map((h) => h.trim());
    const col = (...names: string[]) => header.findIndex((h) => names.includes(h));

    // The first product and its first row, found independently of the code under test.
    let key = '';
    let at = -1;
    if (format === 'shopify') {
      const h = col('Handle', 'URL handle');
      at = rows.findIndex((r, i) => i > 0 && (r[h] ?? '').trim() !== '');
      key = rows[at]![h]!.trim();
    } else {
      const [t, s, id] = [col('Type'), col('SKU'), col('ID')];
      at = rows.findIndex((r, i) => i > 0 && !(r[t] ?? '').includes('variation'));
      key = wooKey(rows[at]![s] ?? '', rows[at]![id] ?? '');
    }
    const crlf = text.includes('\r\n');
    const want = expected(format, crlf);
    const changes: Record<number, string> =
      format === 'shopify'
        ? { [col('Body (HTML)', 'Description')]: want.body!, [col('SEO Title', 'SEO title')]: want.seo_title!, [col('SEO Description', 'SEO description')]: want.seo_description! }
        : { [col('Description')]: want.Description!, [col('Short description')]: want['Short description']! };
    expect(Object.keys(changes).map(Number).every((c) => c >= 0)).toBe(true);

    const copy: ApprovedCopy = { handle: key, title: 'x', fields: APPROVED[format], itemIds: [1] };
    const r = exportProducts({ format, copies: [copy], source: { file, bytes: before } });
    expect(r.carried.map((c) => c.handle)).toEqual([key]);
    expect(r.notFound).toEqual([]);

    // Cell by cell: same header, same rows, only the approved cells of the first row differ.
    const after = parse(r.bytes.subarray(bom).toString('utf8'), { relax_column_count: true }) as string[][];
    expect(after.length).toBe(rows.length);
    rows.forEach((row, i) => {
      const w = [...row];
      if (i === at) for (const [c, v] of Object.entries(changes)) w[Number(c)] = v;
      expect(after[i], `record ${i}`).toEqual(w);
    });

    // Byte by byte outside the replaced cells (BOM, quoting, line endings, final newline included).
    const spans = (t: string) => Object.keys(changes).map((c) => tokenize(t, ',')[at]!.cells[Number(c)]!).sort((a, b) => a.start - b.start);
    const outText = r.bytes.subarray(bom).toString('utf8');
    const sb = spans(text);
    const sa = spans(outText);
    const off = (t: string, i: number) => bom + Buffer.byteLength(t.slice(0, i));
    let [pb, pa] = [0, 0];
    for (let k = 0; k <= sb.length; k++) {
      const bEnd = k < sb.length ? off(text, sb[k]!.start) : before.length;
      const aEnd = k < sa.length ? off(outText, sa[k]!.start) : r.bytes.length;
      expect(r.bytes.subarray(pa, aEnd).equals(before.subarray(pb, bEnd)), `bytes before replaced cell ${k}`).toBe(true);
      if (k < sb.length) [pb, pa] = [off(text, sb[k]!.end), off(outText, sa[k]!.end)];
    }
  });
});
