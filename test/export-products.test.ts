import iconv from 'iconv-lite';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, fileEol, planEdits, tokenize, type Delimiter, type Replacements } from '../src/core/csv/splice.js';
import { scanHeaderLine } from '../src/core/csv/read.js';

/** The text-level form of what export does to bytes: rewrite only the named cells. */
function spliceCells(text: string, replacements: Replacements, delimiter: Delimiter): string {
  const records = tokenize(text, delimiter);
  let out = '';
  let at = 0;
  for (const e of planEdits(records, replacements, delimiter, fileEol(records))) {
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + text.slice(at);
}
const detectDelimiter = (text: string): Delimiter => scanHeaderLine(text).delimiter;
import { UserError } from '../src/core/errors.js';
import { exportProducts, type ApprovedCopy } from '../src/core/formats/export-products.js';

// Real header rows (facts, see the shared formats README §1a, §1c, §1d, §8); the rows are made up.
const H2024 = 'Handle,Title,Body (HTML),Vendor,Product Category,Type,Tags,Published,Option1 Name,Option1 Value,Option1 Linked To,Option2 Name,Option2 Value,Option2 Linked To,Option3 Name,Option3 Value,Option3 Linked To,Variant SKU,Variant Grams,Variant Inventory Tracker,Variant Inventory Qty,Variant Inventory Policy,Variant Fulfillment Service,Variant Price,Variant Compare At Price,Variant Requires Shipping,Variant Taxable,Variant Barcode,Image Src,Image Position,Image Alt Text,Gift Card,SEO Title,SEO Description,Google Shopping / Google Product Category,Google Shopping / Gender,Google Shopping / Age Group,Google Shopping / MPN,Google Shopping / Condition,Google Shopping / Custom Product,Google Shopping / Custom Label 0,Google Shopping / Custom Label 1,Google Shopping / Custom Label 2,Google Shopping / Custom Label 3,Google Shopping / Custom Label 4,Google: Custom Product (product.metafields.mm-google-shopping.custom_product),Constitutive ingredients (product.metafields.shopify.constitutive-ingredients),Hold level (product.metafields.shopify.hold-level),Target gender (product.metafields.shopify.target-gender),Variant Image,Variant Weight Unit,Variant Tax Code,Cost per item,Status';
const H2021 = 'Handle,Title,Body (HTML),Vendor,Type,Tags,Published,Option1 Name,Option1 Value,Option2 Name,Option2 Value,Option3 Name,Option3 Value,Variant SKU,Variant Grams,Variant Inventory Tracker,Variant Inventory Qty,Variant Inventory Policy,Variant Fulfillment Service,Variant Price,Variant Compare At Price,Variant Requires Shipping,Variant Taxable,Variant Barcode,Image Src,Image Position,Image Alt Text,Gift Card,SEO Title,SEO Description,Google Shopping / Google Product Category,Google Shopping / Gender,Google Shopping / Age Group,Google Shopping / MPN,Google Shopping / AdWords Grouping,Google Shopping / AdWords Labels,Google Shopping / Condition,Google Shopping / Custom Product,Google Shopping / Custom Label 0,Google Shopping / Custom Label 1,Google Shopping / Custom Label 2,Google Shopping / Custom Label 3,Google Shopping / Custom Label 4,Variant Image,Variant Weight Unit,Variant Tax Code,Cost per item,Status';
const H2025 = 'Title,URL handle,Description,Vendor,Product category,Type,Tags,Published on online store,Status,SKU,Barcode,Option1 name,Option1 value,Option1 Linked To,Option2 name,Option2 value,Option2 Linked To,Option3 name,Option3 value,Option3 Linked To,Price,Compare-at price,Cost per item,Charge tax,Tax code,Inventory tracker,Inventory quantity,Continue selling when out of stock,Weight value (grams),Weight unit for display,Requires shipping,Fulfillment service,Product image URL,Image position,Image alt text,Variant image URL,Gift card,SEO title,SEO description,Color (product.metafields.shopify.color-pattern),Google Shopping / Google product category,Google Shopping / Gender,Google Shopping / Age group,Google Shopping / Manufacturer part number (MPN),Google Shopping / Ad group name,Google Shopping / Ads labels,Google Shopping / Condition,Google Shopping / Custom product,Google Shopping / Custom label 0,Google Shopping / Custom label 1,Google Shopping / Custom label 2,Google Shopping / Custom label 3,Google Shopping / Custom label 4';
const HWOO = 'ID,Type,SKU,Name,Published,"Is featured?","Visibility in catalog","Short description",Description,"Date sale price starts","Date sale price ends","Tax status","Tax class","In stock?",Stock,"Backorders allowed?","Sold individually?","Weight (lbs)","Length (in)","Width (in)","Height (in)","Allow customer reviews?","Purchase note","Sale price","Regular price",Categories,Tags,"Shipping class",Images,"Download limit","Download expiry days",Parent,"Grouped products",Upsells,Cross-sells,"External URL","Button text",Position,"Attribute 1 name","Attribute 1 value(s)","Attribute 1 visible","Attribute 1 global","Attribute 2 name","Attribute 2 value(s)","Attribute 2 visible","Attribute 2 global","Meta: _wpcom_is_markdown","Download 1 name","Download 1 URL","Download 2 name","Download 2 URL"';

/** One raw CSV line: `cells` holds RAW cell text (quotes included), other columns stay empty. */
function row(headerLine: string, cells: Record<string, string>, d: Delimiter = ','): string {
  const names = (parse(headerLine, { delimiter: d }) as string[][])[0]!;
  for (const k of Object.keys(cells)) if (!names.includes(k)) throw new Error(`fixture: no column ${k}`);
  return names.map((n) => cells[n] ?? '').join(d);
}

const SHOP24 = [
  H2024,
  row(H2024, { Handle: 'mug', Title: 'Blue Mug', 'Body (HTML)': '<p>A mug.</p>', Vendor: 'Acme', Tags: '"mug, blue"', Published: 'true', 'Option1 Name': 'Color', 'Option1 Value': 'Blue', 'Variant SKU': 'MUG-B', 'Variant Price': '12.00', 'Variant Barcode': "'0850000000011", 'Image Src': 'https://example.com/mug.jpg', 'Image Position': '1', 'SEO Title': 'Blue Mug', Status: 'active' }),
  row(H2024, { Handle: 'mug', 'Option1 Value': 'Red', 'Variant SKU': 'MUG-R', 'Variant Price': '12.00' }),
  row(H2024, { Handle: 'mug', 'Image Src': 'https://example.com/mug-2.jpg', 'Image Position': '2' }),
  row(H2024, { Handle: 'tote', Title: 'Canvas Tote', 'Body (HTML)': '"<p>Strong, roomy.</p>\r\n<ul><li>Holds ""everything""</li></ul>"', 'Option1 Name': 'Color', 'Option1 Value': 'Sand', 'SEO Title': '"Tote, canvas"', 'SEO Description': '""', Status: 'active' }),
  row(H2024, { Handle: 'tote', 'Option1 Value': 'Natural', 'Variant SKU': 'TOTE-N' }),
  row(H2024, { Handle: 'tote', 'Image Src': 'https://example.com/tote-2.jpg', 'Image Position': '2', 'Image Alt Text': '"Tote, side"' }),
  row(H2024, { Handle: 'candle', Title: 'Candle', 'Body (HTML)': '<p>Old</p>', Tags: '=SUM(1)', Status: 'draft' }),
].join('\r\n') + '\r\n';

const SHOP25 = [
  H2025,
  row(H2025, { Title: 'Band Tee', 'URL handle': 'band-tee', Description: '"<p>Old tee,\r\nsoft</p>"', Status: 'Active', SKU: 'TEE-S', 'Option1 name': 'Size', 'Option1 value': 'S', 'SEO title': 'Band Tee' }),
  row(H2025, { 'URL handle': 'band-tee', SKU: 'TEE-M', 'Option1 value': 'M' }),
  row(H2025, { Title: 'Harmony Threads', 'URL handle': 'harmony', Description: '<p>Hoodie</p>', Status: 'Active' }),
].join('\r\n') + '\r\n';

const WOO = '\uFEFF' + [
  HWOO,
  row(HWOO, { ID: '44', Type: 'variable', SKU: 'woo-vneck-tee', Name: '"V-Neck T-Shirt"', Published: '1', 'Short description': '"This is a variable product."', Description: '"Pellentesque, habitant."', 'Attribute 1 name': 'Color', 'Attribute 1 value(s)': '"Blue, Red"' }),
  row(HWOO, { ID: '45', Type: 'variation', SKU: 'woo-vneck-tee-red', Name: '"V-Neck T-Shirt - Red"', Description: '"Red one"', Parent: 'woo-vneck-tee' }),
  row(HWOO, { ID: '46', Type: 'variation', SKU: 'woo-vneck-tee-blue', Name: '"V-Neck T-Shirt - Blue"', Parent: 'woo-vneck-tee' }),
  row(HWOO, { ID: '50', Type: 'simple', Name: '"Plain Poster"', Description: 'Old', 'Regular price': "'-5" }),
].join('\n') + '\n';

type Enc = 'utf-8' | 'utf-16le' | 'windows-1252';
function decodeText(b: Buffer, enc: Enc): { text: string; bom: number } {
  if (enc === 'utf-16le') return b[0] === 0xff && b[1] === 0xfe ? { text: iconv.decode(b.subarray(2), enc), bom: 2 } : { text: iconv.decode(b, enc), bom: 0 };
  if (enc === 'windows-1252') return { text: iconv.decode(b, enc), bom: 0 };
  const bom = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
  return { text: b.subarray(bom).toString('utf8'), bom };
}

/** `changes`: record index (0 = header) → column name → expected decoded value. Everything else must be identical, cell by cell and byte by byte. */
function expectOnly(before: Buffer, after: Buffer, changes: Record<number, Record<string, string>>, d: Delimiter = ',', enc: Enc = 'utf-8'): void {
  const b = decodeText(before, enc);
  const a = decodeText(after, enc);
  expect(a.bom).toBe(b.bom);
  const pb = parse(b.text, { delimiter: d, relax_column_count: true }) as string[][];
  const pa = parse(a.text, { delimiter: d, relax_column_count: true }) as string[][];
  expect(pa.length).toBe(pb.length);
  const header = pb[0]!.map((h) => h.trim());
  pb.forEach((r, i) => {
    const want = [...r];
    for (const [col, v] of Object.entries(changes[i] ?? {})) {
      expect(header).toContain(col);
      want[header.indexOf(col)] = v;
    }
    expect(pa[i], `record ${i}`).toEqual(want);
  });
  // Raw bytes between (and around) the replaced cells are identical.
  const spans = (text: string) => {
    const recs = tokenize(text, d);
    return Object.entries(changes).flatMap(([i, cols]) => Object.keys(cols).map((c) => recs[Number(i)]!.cells[header.indexOf(c)]!)).sort((x, y) => x.start - y.start);
  };
  const off = (t: { text: string; bom: number }, i: number) =>
    t.bom + (enc === 'utf-8' ? Buffer.byteLength(t.text.slice(0, i)) : enc === 'utf-16le' ? 2 * i : i);
  const sb = spans(b.text);
  const sa = spans(a.text);
  let pb0 = 0;
  let pa0 = 0;
  for (let k = 0; k <= sb.length; k++) {
    const bEnd = k < sb.length ? off(b, sb[k]!.start) : before.length;
    const aEnd = k < sa.length ? off(a, sa[k]!.start) : after.length;
    expect(after.subarray(pa0, aEnd).equals(before.subarray(pb0, bEnd)), `bytes before replaced cell ${k}`).toBe(true);
    if (k < sb.length) {
      pb0 = off(b, sb[k]!.end);
      pa0 = off(a, sa[k]!.end);
    }
  }
}

const copy = (handle: string, fields: ApprovedCopy['fields'], title = 'T', itemIds = [1]): ApprovedCopy => ({ handle, title, fields, itemIds });
const src = (file: string, text: string | Buffer) => ({ file, bytes: Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8') });

describe('splice', () => {
  const text = 'a,"b ""q""\r\nc",d\r\n\r\ne,f';
  it('records cell spans, values, lines and line endings', () => {
    const recs = tokenize(text, ',');
    expect(recs.map((r) => r.cells.map((c) => c.value))).toEqual([['a', 'b "q"\r\nc', 'd'], [''], ['e', 'f']]);
    expect(recs.map((r) => [r.line, r.eol])).toEqual([[1, '\r\n'], [3, '\r\n'], [4, '']]);
    const cell = recs[0]!.cells[1]!;
    expect(text.slice(cell.start, cell.end)).toBe('"b ""q""\r\nc"');
    expect(tokenize('\uFEFFx;y\n', ';')[0]!.cells.map((c) => c.value)).toEqual(['x', 'y']);
  });
  it('rewrites only the named cells, quoting like the file', () => {
    const out = spliceCells(text, new Map([[0, new Map([[2, 'x y']])], [2, new Map([[1, ' lead'], [0, 'a"b\nc']])]]), ',');
    expect(out).toBe('a,"b ""q""\r\nc",x y\r\n\r\n"a""b\r\nc"," lead"');
    expect(spliceCells('a,"b"\n', new Map([[0, new Map([[1, 'plain']])]]), ',')).toBe('a,"plain"\n');
    expect(spliceCells('a;b\n', new Map([[0, new Map([[0, 'x,y'], [1, 'p;q']])]]), ';')).toBe('x,y;"p;q"\n');
    expect(spliceCells('a\nb,c', new Map([[0, new Map([[2, 'z']])]]), ',')).toBe('a,,z\nb,c');
  });
  it('reports an unclosed quote with its line, and guesses delimiters', () => {
    expect(() => tokenize('a,b\nc,"d\ne', ',')).toThrow(CsvSyntaxError);
    expect(detectDelimiter('a;"b,c";d\n1,2,3,4,5')).toBe(';');
    expect(detectDelimiter('a\tb\tc\n')).toBe('\t');
    expect(detectDelimiter('a,b\n')).toBe(',');
  });
});

describe('exportProducts with --source', () => {
  it('Shopify 2024 export (CRLF, variants, image rows, multi-line Body): only the approved cells change', () => {
    const before = Buffer.from(SHOP24);
    const r = exportProducts({
      format: 'shopify',
      copies: [copy('tote', { body_html: '<p>New, better.</p>\n<p>Second "line"</p>', seo_title: 'Tote bag', seo_description: 'Roomy canvas tote' }, 'Canvas Tote', [7, 8]), copy('candle', { seo_title: '=HYPERLINK("http://x","y")', description: 'woo only' })],
      source: src('products_export_1.csv', SHOP24),
    });
    expectOnly(before, r.bytes, {
      4: { 'Body (HTML)': '<p>New, better.</p>\r\n<p>Second "line"</p>', 'SEO Title': 'Tote bag', 'SEO Description': 'Roomy canvas tote' },
      7: { 'SEO Title': `'=HYPERLINK("http://x","y")` },
    });
    expect(r.carried).toEqual([{ handle: 'tote', itemIds: [7, 8], line: 5 }, { handle: 'candle', itemIds: [1], line: 9 }]);
    expect(r.rows).toBe(7);
    expect(r.notFound).toEqual([]);
    expect(r.bytes.toString()).toContain('\r\ncandle,Candle,<p>Old</p>,,,,=SUM(1),'); // untouched formula-like cell stays as it was
  });
  it('Shopify 2025 template columns (URL handle, Description, SEO title)', () => {
    const r = exportProducts({ format: 'shopify', copies: [copy('band-tee', { body_html: '<p>Tee</p>', seo_title: 'Band Tee, soft', seo_description: '+1 tee' })], source: src('product_template.csv', SHOP25) });
    expectOnly(Buffer.from(SHOP25), r.bytes, { 1: { Description: '<p>Tee</p>', 'SEO title': 'Band Tee, soft', 'SEO description': "'+1 tee" } });
    expect(r.carried[0]?.line).toBe(2);
  });
  it('WooCommerce export with BOM and variations: parent rows only, descriptions escaped like the exporter', () => {
    const r = exportProducts({
      format: 'woocommerce',
      copies: [copy('woo-vneck-tee', { description: 'Soft cotton.\nMachine washable.', short_description: 'A soft tee' }), copy('id:50', { short_description: '@home poster' }), copy('woo-vneck-tee-red', { description: 'variation' })],
      source: src('wc-product-export.csv', WOO),
    });
    expectOnly(Buffer.from(WOO), r.bytes, { 1: { Description: 'Soft cotton.\\nMachine washable.', 'Short description': 'A soft tee' }, 4: { 'Short description': "'@home poster" } });
    expect([...r.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(r.bytes.toString()).toContain(',"A soft tee","Soft cotton.\\nMachine washable.",'); // quoted as the cells it replaced
    expect(r.notFound).toEqual(['woo-vneck-tee-red']);
    expect(r.carried.map((c) => c.handle)).toEqual(['woo-vneck-tee', 'id:50']);
  });
  it('a file with no final newline keeps none', () => {
    const text = [H2021, row(H2021, { Handle: 'a', Title: 'A', 'Body (HTML)': 'x' }), row(H2021, { Handle: 'b', Title: 'B', 'Body (HTML)': '"<p>b, b</p>"', 'SEO Title': 'B' })].join('\n');
    const r = exportProducts({ format: 'shopify', copies: [copy('b', { body_html: 'new b', seo_title: 'Better B' })], source: src('old.csv', text) });
    expectOnly(Buffer.from(text), r.bytes, { 2: { 'Body (HTML)': 'new b', 'SEO Title': 'Better B' } });
    expect(r.bytes.at(-1)).not.toBe(0x0a);
  });
  it('a semicolon-delimited file (Excel, European locale)', () => {
    const text = [H2021.replaceAll(',', ';'), row(H2021, { Handle: 'a', Title: 'A, the one', 'Body (HTML)': '"<p>x; y</p>"' }).replaceAll(',', ';')].join('\r\n') + '\r\n';
    const r = exportProducts({ format: 'shopify', copies: [copy('a', { body_html: 'one; two', seo_title: 'A, B' })], source: src('excel.csv', text) });
    expectOnly(Buffer.from(text), r.bytes, { 1: { 'Body (HTML)': 'one; two', 'SEO Title': 'A, B' } }, ';');
    expect(r.bytes.toString()).toContain(';"one; two";');
    expect(r.bytes.toString()).toContain(';A, B;');
  });
  it('keeps UTF-16 and windows-1252 files in their encoding, byte for byte outside the approved cells', () => {
    const text = 'Handle,Title,Body (HTML)\nmug,Café Mug,<p>old</p>\n';
    const u16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const r16 = exportProducts({ format: 'shopify', copies: [copy('mug', { body_html: 'Crème brûlée ☕' })], source: src('u16.csv', u16) });
    expectOnly(u16, r16.bytes, { 1: { 'Body (HTML)': 'Crème brûlée ☕' } }, ',', 'utf-16le');
    const cp = Buffer.concat([iconv.encode('Handle,Title,Body (HTML)\nmug,Caf', 'windows-1252'), Buffer.from([0xe9, 0x81]), iconv.encode(',<p>old</p>\n', 'windows-1252')]);
    const rcp = exportProducts({ format: 'shopify', copies: [copy('mug', { body_html: 'Müsli – süß' })], source: src('cp.csv', cp) });
    expectOnly(cp, rcp.bytes, { 1: { 'Body (HTML)': 'Müsli – süß' } }, ',', 'windows-1252');
    expect(rcp.bytes.includes(Buffer.from([0xe9, 0x81]))).toBe(true);
    expect(() => exportProducts({ format: 'shopify', copies: [copy('mug', { body_html: 'cup ☕' })], source: src('cp.csv', cp) })).toThrow(/cp\.csv: .*windows-1252/);
  });
  it('a missing column is an error naming the file and the column', () => {
    const old = 'Handle,Title,Body (HTML),SEO Title\nmug,Mug,<p>x</p>,Mug\n';
    expect(() => exportProducts({ format: 'shopify', copies: [copy('mug', { seo_description: 'd' })], source: src('shop.csv', old) })).toThrow(UserError);
    expect(() => exportProducts({ format: 'shopify', copies: [copy('mug', { seo_description: 'd' })], source: src('shop.csv', old) })).toThrow('shop.csv line 1, column "SEO Description"');
    expect(() => exportProducts({ format: 'shopify', copies: [copy('tee', { seo_title: 't' })], source: src('t.csv', 'Title,URL handle,Description\nTee,tee,x\n') })).toThrow('column "SEO title"');
    expect(() => exportProducts({ format: 'woocommerce', copies: [copy('s', { short_description: 't' })], source: src('w.csv', 'ID,Type,SKU,Name,Description\n1,simple,s,S,x\n') })).toThrow('w.csv line 1, column "Short description"');
    expect(exportProducts({ format: 'shopify', copies: [copy('mug', { body_html: 'ok' })], source: src('shop.csv', old) }).carried).toHaveLength(1);
  });
  it('a source of the other format is an error naming the file and line 1', () => {
    expect(() => exportProducts({ format: 'shopify', copies: [copy('x', { body_html: 'b' })], source: src('woo.csv', WOO) })).toThrow(/^woo\.csv line 1: this is not a Shopify product CSV.*WooCommerce/);
    expect(() => exportProducts({ format: 'woocommerce', copies: [copy('x', { description: 'b' })], source: src('shop.csv', SHOP25) })).toThrow(/^shop\.csv line 1: this is not a WooCommerce product CSV.*--format shopify/);
  });
  it('copies not in the source go to notFound and the file is unchanged', () => {
    const r = exportProducts({ format: 'shopify', copies: [copy('ghost', { body_html: 'boo' }), copy('mug', { description: 'woo only' })], source: src('p.csv', SHOP24) });
    expect(r.notFound).toEqual(['ghost']);
    expect(r.carried).toEqual([]);
    expect(r.deferred.map((d) => d.handle)).toEqual(['mug']);
    expect(r.bytes.equals(Buffer.from(SHOP24))).toBe(true);
  });
});

describe('exportProducts without a source', () => {
  it('Shopify: Handle, Title and only the drafted columns; never an empty cell', () => {
    const r = exportProducts({
      format: 'shopify',
      copies: [
        copy('mug', { body_html: '<p>Blue,\r\nbig</p>', seo_title: 'Mug' }, 'Mug', [1]),
        copy('sale', { body_html: 'x', seo_title: 'y' }, '-5% Sale', [6]),
        copy('tote', { body_html: '<p>Tote</p>', seo_title: '=1+1' }, 'Tote', [2]),
        copy('cap', { body_html: '<p>Cap</p>' }, 'Cap', [3]),
        copy('hat', { description: 'woo' }, 'Hat', [4]),
        copy('bag', { body_html: 'x', seo_title: 'y' }, '  ', [5]),
      ],
    });
    expect(r.bytes.toString('utf8')).toBe('Handle,Title,Body (HTML),SEO Title\nmug,Mug,"<p>Blue,\nbig</p>",Mug\ntote,Tote,<p>Tote</p>,\'=1+1\n');
    expect(r.carried).toEqual([{ handle: 'mug', itemIds: [1], line: 2 }, { handle: 'tote', itemIds: [2], line: 4 }]);
    expect(r.deferred.map((d) => d.handle).sort()).toEqual(['bag', 'cap', 'hat', 'sale']);
    expect(r.rows).toBe(2);
    const cells = (parse(r.bytes) as string[][]).flat();
    expect(cells.every((c) => c !== '')).toBe(true);
    // The columns are the field set of the most copies, even when another set has more fields.
    const most = exportProducts({ format: 'shopify', copies: [copy('a', { body_html: 'A' }, 'A'), copy('c', { body_html: 'C', seo_title: 'c' }, 'C'), copy('b', { body_html: 'B' }, 'B')] });
    expect(most.bytes.toString('utf8')).toBe('Handle,Title,Body (HTML)\na,A,A\nb,B,B\n');
    expect(most.deferred).toEqual([expect.objectContaining({ handle: 'c', itemIds: [1] })]);
  });
  it('WooCommerce: BOM, ID for id: keys, SKU otherwise, descriptions escaped', () => {
    const r = exportProducts({
      format: 'woocommerce',
      copies: [copy('id:123', { description: 'Line 1\nLine 2', short_description: '@once' }, 'Poster'), copy('hoodie', { description: 'Warm', short_description: 'Soft' }, 'Hoodie')],
    });
    expect(r.bytes.toString('utf8')).toBe('\uFEFFID,SKU,Name,Description,Short description\n123,,Poster,Line 1\\nLine 2,\'@once\n,hoodie,Hoodie,Warm,Soft\n');
    const only = exportProducts({ format: 'woocommerce', copies: [copy('id:9', { short_description: 'S' }, 'Nine')] });
    expect(only.bytes.toString('utf8')).toBe('\uFEFFID,Name,Short description\n9,Nine,S\n');
  });
});
