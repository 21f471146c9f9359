#!/usr/bin/env node
// Writes a realistic Shopify product export (2024–2025 header) with N products: 1–6 variants each,
// extra image rows, HTML bodies with embedded newlines, quoted tags, barcodes with the ' guard.
// Usage: node bench/gen-shopify-products.js 10000 > bench/data/products-10000.csv
import { stringify } from 'csv-stringify/sync';
import { rng } from './rng.js';

const HEADER = 'Handle,Title,Body (HTML),Vendor,Product Category,Type,Tags,Published,Option1 Name,Option1 Value,Option1 Linked To,Option2 Name,Option2 Value,Option2 Linked To,Option3 Name,Option3 Value,Option3 Linked To,Variant SKU,Variant Grams,Variant Inventory Tracker,Variant Inventory Qty,Variant Inventory Policy,Variant Fulfillment Service,Variant Price,Variant Compare At Price,Variant Requires Shipping,Variant Taxable,Variant Barcode,Image Src,Image Position,Image Alt Text,Gift Card,SEO Title,SEO Description,Google Shopping / Google Product Category,Google Shopping / Gender,Google Shopping / Age Group,Google Shopping / MPN,Google Shopping / Condition,Google Shopping / Custom Product,Google Shopping / Custom Label 0,Google Shopping / Custom Label 1,Google Shopping / Custom Label 2,Google Shopping / Custom Label 3,Google Shopping / Custom Label 4,Material (product.metafields.custom.material),Variant Image,Variant Weight Unit,Variant Tax Code,Cost per item,Status'.split(',');
const col = Object.fromEntries(HEADER.map((h, i) => [h, i]));

const rand = rng(42);
const pick = (a) => a[Math.floor(rand() * a.length)];

const ADJ = ['Speckled', 'Matte', 'Hand-thrown', 'Washed', 'Organic', 'Recycled', 'Vintage', 'Classic', 'Mini', 'Large', 'Woven', 'Glazed'];
const NOUN = [['Mug', 'Stoneware'], ['Bowl', 'Ceramic'], ['Tea Towel', 'Linen'], ['Candle', 'Beeswax'], ['Serving Board', 'Walnut'], ['Tote Bag', 'Cotton'], ['Scarf', 'Merino wool'], ['Planter', 'Terracotta'], ['Notebook', 'Recycled paper'], ['Soap', 'Olive oil']];
const VENDORS = ['Fern & Clay', 'Oak & Ember', 'Hive Light', 'North Loom', 'Paper Moth'];
const COLOURS = ['Oatmeal', 'Sage', 'Charcoal', 'Rust', 'Ivory', 'Ocean', 'Forest'];
const SIZES = ['S', 'M', 'L', 'XL'];

export function* rows(n) {
  for (let p = 0; p < n; p++) {
    const [noun, material] = pick(NOUN);
    const title = `${pick(ADJ)} ${pick(COLOURS)} ${noun} No. ${p + 1}`;
    const handle = title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
    const nColours = 1 + Math.floor(rand() * 3);
    const nSizes = rand() < 0.4 ? 1 + Math.floor(rand() * 2) : 0;
    const colours = COLOURS.slice(0, nColours);
    const sizes = nSizes ? SIZES.slice(0, nSizes) : [null];
    const body = rand() < 0.3 ? '' : `<p>${title} in ${material.toLowerCase()}.</p>\n<ul><li>${Math.floor(10 + rand() * 40)} cm</li><li>Made by ${pick(VENDORS)}</li></ul>`;
    let first = true;
    let v = 0;
    for (const c of colours) {
      for (const s of sizes) {
        const r = new Array(HEADER.length).fill('');
        r[col.Handle] = handle;
        if (first) {
          Object.assign(r, {
            [col.Title]: title, [col['Body (HTML)']]: body, [col.Vendor]: pick(VENDORS), [col.Type]: noun,
            [col.Tags]: [noun.toLowerCase(), material.toLowerCase(), 'gifts'].join(', '), [col.Published]: 'true',
            [col['Option1 Name']]: 'Colour', [col['Option2 Name']]: s ? 'Size' : '', [col['Gift Card']]: 'false',
            [col['Material (product.metafields.custom.material)']]: material, [col.Status]: 'active',
            [col['Image Src']]: `https://cdn.example.com/${handle}-1.jpg`, [col['Image Position']]: '1',
          });
        }
        r[col['Option1 Value']] = c;
        if (s) r[col['Option2 Value']] = s;
        r[col['Variant SKU']] = `SKU-${p}-${v++}`;
        r[col['Variant Price']] = (5 + rand() * 95).toFixed(2);
        r[col['Variant Grams']] = String(Math.floor(50 + rand() * 1500));
        r[col['Variant Inventory Qty']] = String(Math.floor(rand() * 40));
        r[col['Variant Barcode']] = `'0${Math.floor(1e11 + rand() * 8e11)}`;
        r[col['Variant Weight Unit']] = 'g';
        yield r;
        first = false;
      }
    }
    for (let i = 2; i <= 1 + Math.floor(rand() * 3); i++) {
      const r = new Array(HEADER.length).fill('');
      r[col.Handle] = handle;
      r[col['Image Src']] = `https://cdn.example.com/${handle}-${i}.jpg`;
      r[col['Image Position']] = String(i);
      yield r;
    }
  }
}

export function generate(n) {
  const out = [stringify([HEADER])];
  for (const r of rows(n)) out.push(stringify([r]));
  return out.join('');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(generate(Number(process.argv[2] ?? 10000)));
}
