import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InputError, UserError } from '../src/core/errors.js';
import { normalisePrice } from '../src/core/formats/detect.js';
import { productsFromTable, type ProductsOptions } from '../src/core/formats/products.js';
import type { Product, ProductFile } from '../src/core/formats/types.js';
import { csvTableFromFile, csvTableFromText } from './helpers/csv-table.js';

function load(name: string, opts?: ProductsOptions): ProductFile {
  const path = fileURLToPath(new URL(`./fixtures/products/${name}`, import.meta.url));
  return productsFromTable(csvTableFromFile(path, name), opts);
}

function fromText(text: string, opts?: ProductsOptions): ProductFile {
  return productsFromTable(csvTableFromText(text, 'products.csv'), opts);
}

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}

function byHandle(file: ProductFile, handle: string): Product {
  const p = file.products.find((x) => x.handle === handle);
  if (!p) throw new Error(`no product ${handle}`);
  return p;
}

describe('Shopify 2024–2025 export', () => {
  const file = load('shopify-2024-export.csv');
  const balm = byHandle(file, 'cedar-beard-balm');
  const brush = byHandle(file, 'boar-bristle-brush');

  it('detects the layout and makes one product per handle', () => {
    expect(file.platform).toBe('shopify');
    expect(file.layout).toBe('Shopify product CSV (2024–2025 export)');
    expect(file.rowCount).toBe(6);
    expect(file.products.map((p) => p.handle)).toEqual(['cedar-beard-balm', 'boar-bristle-brush']);
    expect(file.warnings).toEqual([]);
  });

  it('merges variant rows, also non-contiguous ones, and skips image-only rows', () => {
    expect(balm.variants.map((v) => v.line)).toEqual([2, 4, 8]);
    expect(balm.variants.map((v) => v.sku)).toEqual(['NW-CB-1-C', 'NW-CB-2-C', 'NW-CB-1-P']);
    expect(balm.options).toEqual([
      { name: 'Size', values: ['1 oz', '2 oz'] },
      { name: 'Scent', values: ['Cedar', 'Pine'] },
    ]);
    expect(balm.variants[2]?.options).toEqual({ Size: '1 oz', Scent: 'Pine' });
  });

  it('takes product fields from the first row and variant fields from each row', () => {
    expect(balm).toMatchObject({
      title: 'Cedar Beard Balm',
      description: '<p>A soft-hold balm for short beards.</p>\n<p>Made in small batches.</p>',
      vendor: 'Northwood Grooming',
      category: 'Health & Beauty > Personal Care',
      type: 'Beard Balm',
      tags: ['balm', 'beard', 'cedar'],
      status: 'active',
      seoTitle: 'Cedar Beard Balm | Northwood',
      seoDescription: 'Soft hold, cedar scent.',
      source: { file: 'shopify-2024-export.csv', platform: 'shopify', line: 2 },
    });
    expect(balm.variants[0]).toEqual({
      options: { Size: '1 oz', Scent: 'Cedar' },
      line: 2,
      sku: 'NW-CB-1-C',
      price: '14.50',
      compareAtPrice: '16.00',
      barcode: '0123456789012',
      weight: { value: 28, unit: 'g' },
      inventoryQty: 12,
    });
    expect(balm.variants[1]?.barcode).toBe('0123456789029');
  });

  it('puts product metafields in facts under their label, not Google feed flags', () => {
    expect(balm.facts).toEqual({
      'Constitutive ingredients': 'beeswax; shea-butter',
      'Hold level': 'light',
      'Target gender': 'male',
    });
  });

  it('reads Title / Default Title as a product without options', () => {
    expect(brush.options).toEqual([]);
    expect(brush.variants).toEqual([{ options: {}, line: 6, sku: 'NW-BR-1', price: '19', inventoryQty: 0 }]);
    expect(brush.status).toBe('draft');
    expect(brush.tags).toEqual([]);
  });
});

describe('Shopify 2022–2024 template', () => {
  const file = load('shopify-2022-template.csv');

  it('reads the CRLF template with TRUE/FALSE booleans and market columns', () => {
    expect(file.layout).toBe('Shopify product CSV (2022–2024)');
    expect(file.rowCount).toBe(5);
    expect(file.products.map((p) => [p.handle, p.variants.length])).toEqual([
      ['merino-socks', 3],
      ['enamel-mug', 1],
    ]);
    const socks = byHandle(file, 'merino-socks');
    expect(socks.options).toEqual([
      { name: 'Color', values: ['Moss', 'Slate'] },
      { name: 'Size', values: ['M', 'L'] },
    ]);
    expect(socks.tags).toEqual(['Hiking', 'Merino', 'Socks Tag']);
    expect(socks.variants.map((v) => v.line)).toEqual([2, 3, 4]);
    const mug = byHandle(file, 'enamel-mug');
    expect(mug).toMatchObject({ status: 'archived', options: [] });
    expect(mug.variants[0]).toMatchObject({ price: '12.5', compareAtPrice: '15', options: {} });
  });
});

describe('Shopify 2021 export (no Product Category)', () => {
  const file = load('shopify-2021-export.csv');

  it('reads the oldest generation', () => {
    expect(file.layout).toBe('Shopify product CSV (2021 and earlier)');
    const stool = byHandle(file, 'oak-stool');
    expect(stool.category).toBeUndefined();
    expect(stool.options).toEqual([{ name: 'Finish', values: ['Natural', 'Walnut oil'] }]);
    expect(stool.variants.map((v) => v.price)).toEqual(['85.00', '95.00']);
    expect(stool.variants[0]?.weight).toEqual({ value: 2500, unit: 'g' });
    const napkins = byHandle(file, 'linen-napkins');
    expect(napkins.variants).toEqual([{ options: {}, line: 5, price: '32.00', inventoryQty: 5 }]);
    expect(napkins.description).toBe('');
  });
});

describe('Shopify 2025 template (renamed columns)', () => {
  const file = load('shopify-2025-template.csv');
  const planter = byHandle(file, 'stoneware-planter');

  it('keys by URL handle and forward-fills Title', () => {
    expect(file.layout).toBe('Shopify product template (2025)');
    expect(file.products.map((p) => p.handle)).toEqual(['stoneware-planter', 'repotting-guide']);
    expect(planter.title).toBe('Speckled Stoneware Planter');
    expect(planter.description).toBe('Wheel-thrown planter with a drainage hole.');
    expect(planter.status).toBe('active');
    expect(planter.category).toBe('Home & Garden > Lawn & Garden > Gardening > Pots & Planters');
  });

  it('reads the renamed variant columns', () => {
    expect(planter.options).toEqual([
      { name: 'Size', values: ['Small', 'Large'] },
      { name: 'Glaze', values: ['Oat'] },
    ]);
    expect(planter.variants).toEqual([
      {
        options: { Size: 'Small', Glaze: 'Oat' }, line: 2, sku: 'CL-PLANT-S', price: '28.00', compareAtPrice: '32.00',
        barcode: '0401234567897', weight: { value: 450, unit: 'g' }, inventoryQty: 6,
      },
      {
        options: { Size: 'Large', Glaze: 'Oat' }, line: 3, sku: 'CL-PLANT-L', price: '44.00',
        barcode: '0401234567903', weight: { value: 900, unit: 'g' }, inventoryQty: 3,
      },
    ]);
    expect(planter.facts).toEqual({ Color: 'beige; white' });
    expect(planter.seoTitle).toBe('Stoneware Planter');
    expect(byHandle(file, 'repotting-guide').variants).toEqual([{ options: {}, line: 5, sku: 'CL-GUIDE', price: '6.00' }]);
  });
});

describe('Shopify edge cases', () => {
  it('matches header names case-insensitively and trimmed, in any order', () => {
    const file = fromText(' variant price ,TITLE,handle, BODY (HTML)\n9.5,Tin,tin,<p>x</p>\n');
    expect(file.platform).toBe('shopify');
    expect(file.products).toMatchObject([{ handle: 'tin', title: 'Tin', variants: [{ price: '9.5' }] }]);
  });

  it('reads a minimal Shopify file: Handle + Title + one variant column', () => {
    const file = fromText('Handle,Title,Variant Price\nmug,Mug,28.00\nmug,,30\n');
    expect(file.platform).toBe('shopify');
    expect(file.products).toMatchObject([{ handle: 'mug', variants: [{ price: '28.00' }, { price: '30' }] }]);
  });

  it('warns about rows without a handle', () => {
    const file = fromText('Handle,Title,Variant SKU,Variant Price\na,A,A-1,10\na,,A-2,10\n,,,\n,,X,1\n');
    expect(file.products).toHaveLength(1);
    expect(file.products[0]?.variants).toHaveLength(2);
    expect(file.warnings).toEqual([{ file: 'products.csv', line: 5, message: 'row has no Handle; skipped' }]);
  });

  it('skips a handle whose rows carry no Title, with a warning', () => {
    const file = fromText('Handle,Title,Variant SKU,Variant Price\na,A,A-1,10\nb,,B-1,5\n');
    expect(file.products.map((p) => p.handle)).toEqual(['a']);
    expect(file.warnings).toEqual([{ file: 'products.csv', line: 3, message: 'product "b" has no Title on any of its rows; skipped' }]);
  });
});

describe('WooCommerce product CSV', () => {
  const file = load('woocommerce-products.csv');
  const tee = byHandle(file, 'fox-tee');

  it('makes one product per non-variation row, keyed by SKU else id:<ID>', () => {
    expect(file.platform).toBe('woocommerce');
    expect(file.layout).toBe('WooCommerce product CSV');
    expect(file.rowCount).toBe(10);
    expect(file.products.map((p) => p.handle)).toEqual([
      'fox-tee', 'id:20', 'id:21', 'gift-set', 'pattern-book', 'id:40',
    ]);
  });

  it('attaches variations to their parent by SKU or id:<ID>', () => {
    expect(tee.options).toEqual([
      { name: 'Color', values: ['Rust', 'Forest'] },
      { name: 'Size', values: ['S', 'M', 'L'] },
    ]);
    expect(tee.variants).toEqual([
      { options: { Color: 'Rust', Size: 'S' }, line: 3, sku: 'fox-tee-rust-s', price: '22.50', inventoryQty: 4, weight: { value: 0.4, unit: 'lbs' } },
      {
        options: { Color: 'Forest', Size: 'M' }, line: 4, sku: 'fox-tee-forest-m', price: '19.99', compareAtPrice: '22.50',
        weight: { value: 0.5, unit: 'lbs' },
      },
      // Empty Size = "any size"; the weight is inherited from the parent.
      { options: { Color: 'Forest' }, line: 5, price: '24', weight: { value: 0.4, unit: 'lbs' } },
    ]);
  });

  it('reads product fields, un-escaping descriptions and lists', () => {
    expect(tee).toMatchObject({
      title: 'Fox T-Shirt',
      description: 'Organic cotton.\nPrinted in Leeds.',
      shortDescription: 'A soft tee with a hand-drawn fox.',
      category: 'Clothing > T-shirts',
      tags: ['fox', 'organic cotton'],
      status: 'publish',
      facts: { 'Weight (lbs)': '.4', 'Length (in)': '12', 'Width (in)': '10', 'Height (in)': '1' },
    });
    const pouch = byHandle(file, 'id:21');
    expect(pouch.title).toBe('@home Canvas Pouch');
    expect(pouch.tags).toEqual(['canvas, waxed', 'pouch']);
    expect(pouch.variants[0]?.inventoryQty).toBe(-2);
  });

  it('keeps attributes of simple products as facts; grouped and external are products too', () => {
    expect(byHandle(file, 'id:20')).toMatchObject({
      facts: { Format: 'PDF', Downloadable: 'yes', Virtual: 'yes' },
      options: [],
      variants: [{ options: {}, price: '8' }],
    });
    expect(byHandle(file, 'gift-set').variants).toEqual([]);
    expect(byHandle(file, 'pattern-book').variants).toEqual([{ options: {}, line: 9, sku: 'pattern-book', price: '15' }]);
  });

  it('warns about duplicate SKUs and orphan variations', () => {
    expect(file.warnings).toEqual([
      {
        file: 'woocommerce-products.csv', line: 10, column: 'SKU',
        message: 'SKU "canvas-pouch" is also used on line 7; this product is keyed "id:40"',
      },
      {
        file: 'woocommerce-products.csv', line: 11, column: 'Parent',
        message: 'variation skipped: its parent "ghost" is not in the file',
      },
    ]);
  });

  it('takes the weight unit from the header (Weight (kg))', () => {
    const header =
      'ID,Type,SKU,Name,Published,Is featured?,Visibility in catalog,Short description,Description,Weight (kg),Length (cm),Sale price,Regular price,Parent';
    const file = fromText(`${header}\n7,simple,jar,Honey Jar,1,0,visible,,,"0,45",9,,"7,25",\n`);
    expect(file.products[0]).toMatchObject({
      handle: 'jar',
      facts: { 'Weight (kg)': '0,45', 'Length (cm)': '9' },
      variants: [{ price: '7.25', weight: { value: 0.45, unit: 'kg' } }],
    });
  });
});

describe('Etsy listings download', () => {
  it('reads the English header', () => {
    const file = load('etsy-listings-en.csv');
    expect(file.platform).toBe('etsy');
    expect(file.layout).toBe('Etsy listings download');
    expect(file.products.map((p) => p.handle)).toEqual(['monstera-deliciosa-cutting-rooted', 'hand-thrown-mug', 'hand-thrown-mug-2']);
    const [monstera, mug] = file.products;
    expect(monstera).toMatchObject({
      title: 'Monstera Deliciosa Cutting | Rooted',
      description: 'Healthy rooted cutting.\n\nShips in a 4" pot.',
      currency: 'USD',
      tags: ['Tropical Plants', 'monstera', 'house plant'],
      options: [{ name: 'Pot size', values: ['4" Pot', '6" Pot'] }],
      source: { line: 2 },
    });
    expect(monstera?.variants).toEqual([
      { sku: 'MON-6', options: {}, price: '24.5', line: 2 },
      { sku: 'MON-4', options: {}, price: '24.5', line: 2 },
    ]);
    expect(mug).toMatchObject({
      materials: ['stoneware', 'glaze'],
      options: [
        { name: 'Color', values: ['Blue', 'Sand'] },
        { name: 'Size', values: ['Small', 'Large'] },
      ],
      variants: [{ sku: 'MUG-1', options: {}, price: '32', line: 5, inventoryQty: 3 }],
    });
  });

  it('reads the Italian header', () => {
    const file = load('etsy-listings-it.csv');
    expect(file.layout).toBe('Etsy listings download (Italian)');
    expect(file.products).toMatchObject([
      {
        handle: 'vaso-raku-con-crepe-dorate',
        title: 'Vaso raku con crepe dorate',
        description: 'Pezzo unico.\nCotto a legna.',
        tags: ['Vaso raku', 'Ceramica fatta a mano'],
        materials: ['Ceramica', 'Oro'],
        currency: 'EUR',
        variants: [{ sku: '32', price: '46', inventoryQty: 1 }],
      },
      { handle: 'ciotola-e-piattino', options: [{ name: 'Colore', values: ['Bianco', 'Nero'] }], variants: [{ price: '18.5' }] },
    ]);
  });
});

describe('generic CSV', () => {
  const columnMap = { title: 'Product Name', description: 'Long Text' };

  it('reads mapped and known columns; other columns become facts', () => {
    const file = load('generic-products.csv', { columnMap });
    expect(file.platform).toBe('generic');
    expect(file.layout).toBe('Generic product CSV');
    expect(file.products).toEqual([
      {
        handle: 'CAN-01', title: 'Beeswax Pillar Candle', description: 'Hand-poured in small batches.', vendor: 'Hive & Wick',
        category: 'Home', tags: ['candle', 'gift'], materials: ['beeswax', 'cotton wick'], options: [],
        variants: [{ options: {}, line: 2, sku: 'CAN-01', price: '12.50' }], facts: { Color: 'Honey' },
        source: { file: 'generic-products.csv', platform: 'generic', line: 2 },
      },
      {
        handle: 'linen-tea-towel', title: 'Linen Tea Towel', description: 'Stonewashed linen.', vendor: 'Hive & Wick',
        category: 'Kitchen', tags: ['kitchen'], materials: ['linen'], options: [],
        variants: [{ options: {}, line: 3, price: '9' }], facts: { Color: 'Natural' },
        source: { file: 'generic-products.csv', platform: 'generic', line: 3 },
      },
    ]);
  });

  it('keys by handle, else SKU, else the title slug, and finds names loosely', () => {
    const file = fromText('product_name,Handle,sku\nA Mug,mug,M1\nA Bowl,,B1\nA Jug & Cup,,\n');
    expect(file.products.map((p) => p.handle)).toEqual(['mug', 'B1', 'a-jug-and-cup']);
  });

  it('rejects a column map target that is not in the header', () => {
    const e = thrown(() => fromText('Product Name,Price\nMug,3\n', { columnMap }));
    expect(e).toBeInstanceOf(InputError);
    expect(e.message).toBe('products.csv line 1: column "Long Text" (mapped to description) is not in the header. Found columns: Product Name, Price');
  });

  it('rejects an unknown field in the column map', () => {
    const e = thrown(() => fromText('Product Name\nMug\n', { columnMap: { titel: 'Product Name' } }));
    expect(e).toBeInstanceOf(UserError);
    expect(e.message).toMatch(/^column map: "titel" is not a shopflow field\. Known fields: handle, sku, title, /);
  });

  it('requires a title column when forced', () => {
    const e = thrown(() => fromText('sku,price\nA,1\n', { platform: 'generic' }));
    expect(e.message).toBe(
      'products.csv line 1: no product title column (looked for: title, name, product name, product title, product, item name). ' +
        'Map yours in the column map, e.g. title → "Product Name". Found columns: sku, price',
    );
  });
});

describe('detection and errors', () => {
  it('rejects a file that is no product export', () => {
    const e = thrown(() => fromText('Date,Sessions,Revenue\n2025-01-01,3,0\n'));
    expect(e).toBeInstanceOf(InputError);
    expect(e.message).toBe(
      'products.csv line 1: this does not look like a product export (no Handle/Title/Name column). Found columns: Date, Sessions, Revenue',
    );
  });

  it('recognises a Shopify orders export', () => {
    const e = thrown(() => fromText('Name,Email,Financial Status,Paid at\n#1001,a@example.com,paid,\n'));
    expect(e.message).toBe(
      'products.csv line 1: this looks like a Shopify orders export (or abandoned checkouts export), not a product export. ' +
        'Export your products instead (Shopify admin › Products › Export).',
    );
  });

  it('recognises a Shopify customers export', () => {
    const e = thrown(() => fromText('Customer ID,First Name,Email,Accepts Email Marketing,Total Spent\n1,A,a@example.com,no,0\n'));
    expect(e.message).toMatch(/^products\.csv line 1: this looks like a Shopify customers export, not a product export\./);
  });

  it('names a missing Handle or Title column of a Shopify file', () => {
    expect(thrown(() => fromText('Title,Body (HTML),Variant SKU,Variant Price\nA,,A1,1\n')).message).toBe(
      'products.csv line 1: column "Handle" is missing; a Shopify product CSV needs it (the 2025 template calls it "URL handle")',
    );
    expect(thrown(() => fromText('Handle,Body (HTML),Variant Price\na,,1\n')).message).toBe(
      'products.csv line 1: column "Title" is missing; a Shopify product CSV needs it',
    );
  });

  it('reports an unreadable price with file, line and column', () => {
    const text = 'Handle,Title,Body (HTML),Variant SKU,Variant Price\na,A,,A-1,10\na,,,A-2,"12,50"\nb,B,,B-1,"12,5O"\n';
    const e = thrown(() => fromText(text));
    expect(e).toBeInstanceOf(InputError);
    expect(e.message).toBe('products.csv line 4, column "Variant Price": "12,5O" is not a price');
    expect((e as InputError).place).toEqual({ file: 'products.csv', line: 4, column: 'Variant Price' });
  });

  it('collects value errors and lists up to 10', () => {
    const rows = Array.from({ length: 12 }, (_, i) => `p${i},P${i},,x${i}`).join('\n');
    const e = thrown(() => fromText(`Handle,Title,Body (HTML),Variant Price\n${rows}\n`));
    const lines = e.message.split('\n');
    expect(lines[0]).toBe('products.csv: 12 problems:');
    expect(lines[1]).toBe('  products.csv line 2, column "Variant Price": "x0" is not a price');
    expect(lines).toHaveLength(12);
    expect(lines[11]).toBe('  … and 2 more');
  });

  it('passes the reader warnings through and obeys a forced platform', () => {
    const table = csvTableFromText('Title,Price\nMug,3\n', 'mugs.csv');
    table.warnings.push({ file: 'mugs.csv', message: 'guessed encoding windows-1252' });
    const file = productsFromTable(table, { platform: 'generic' });
    expect(file.warnings).toEqual([{ file: 'mugs.csv', message: 'guessed encoding windows-1252' }]);
    expect(thrown(() => productsFromTable(table, { platform: 'shopify' })).message).toMatch(/column "Handle" is missing/);
  });

  it('warns when a column map is given for a platform export', () => {
    const file = load('shopify-2021-export.csv', { columnMap: { title: 'Title' } });
    expect(file.warnings).toEqual([
      { file: 'shopify-2021-export.csv', message: 'the column map was not used: the file was read as a Shopify product CSV (2021 and earlier)' },
    ]);
  });
});

describe('normalisePrice', () => {
  it.each([
    ['12,50', '12.50'], ['12.5', '12.5'], ['25', '25'], ['.5', '0.5'], ['1.234,50', '1234.50'], ['1,234.50', '1234.50'],
    ['$25.00', '25.00'], ['12,5O', null], ['1,2,3', null], ['-5', null], ['12.', null],
  ])('%s → %s', (raw, want) => {
    expect(normalisePrice(raw)).toBe(want);
  });
});
