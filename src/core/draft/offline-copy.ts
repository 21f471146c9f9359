import { wordPattern } from '../templates/checks.js';
import type { StoreConfig } from '../config/config.js';
import type { Product } from '../formats/types.js';
import type { Template } from '../templates/schema.js';
import { naturalJoin, parseSpec, renderField, type Item, type Node, type Vars } from '../templates/render.js';
import { plainText } from '../lib/text.js';
import { offlineResponse, type LlmRequest, type LlmResponse } from '../llm/index.js';

/** What the product_copy task's offline implementation drafts from (the request's `offline` data). */
export interface ProductCopyData {
  template: Template;
  product: Product;
  store: StoreConfig;
}

const compiled = new WeakMap<Template, Map<string, Node[]>>();

function nodes(template: Template, field: string): Node[] {
  let byField = compiled.get(template);
  if (!byField) compiled.set(template, (byField = new Map()));
  let found = byField.get(field);
  if (!found) byField.set(field, (found = parseSpec(template.offline[field] ?? '')));
  return found;
}

/**
 * Deterministic product copy without a model: every field is the template's offline spec rendered
 * from the product's own data. It says nothing the data does not say.
 */
export function offlineCopy(req: LlmRequest): LlmResponse {
  const { template, product, store } = req.offline as ProductCopyData;
  const vars = productVars(product, store, template);
  const fields: Record<string, string> = {};
  for (const f of template.fields) {
    fields[f.name] = renderField(nodes(template, f.name), vars, {
      format: f.format,
      seed: `${product.handle}|${template.name}|${f.name}`,
      maxLength: f.max_length,
    });
  }
  return offlineResponse(fields);
}

/** Material words the offline provider and the claims check recognise in free text. */
export const MATERIAL_WORDS = [
  'acrylic', 'alpaca', 'aluminium', 'aluminum', 'bamboo', 'beech', 'beeswax', 'birch', 'brass', 'bronze',
  'canvas', 'cashmere', 'cedar', 'ceramic', 'clay', 'concrete', 'copper', 'cork', 'cotton', 'denim',
  'earthenware', 'felt', 'fleece', 'glass', 'gold', 'hemp', 'iron', 'jute', 'leather', 'linen', 'maple',
  'marble', 'merino', 'mohair', 'nylon', 'oak', 'paper', 'pewter', 'pine', 'plastic', 'polyester',
  'porcelain', 'rattan', 'resin', 'rubber', 'silicone', 'silk', 'silver', 'soy', 'steel', 'stone',
  'stoneware', 'suede', 'teak', 'titanium', 'velvet', 'viscose', 'walnut', 'wax', 'wicker', 'wood', 'wool',
];

const clean = (s: string | undefined): string => (s ?? '').replace(/\s+/g, ' ').trim();
const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];
const SYMBOLS: Record<string, string> = { USD: '$', EUR: '€', GBP: '£', JPY: '¥', AUD: 'A$', CAD: 'CA$', NZD: 'NZ$' };

function uniq(values: string[]): string[] {
  const seen = new Set<string>();
  return values.map(clean).filter((v) => v && !seen.has(v.toLowerCase()) && seen.add(v.toLowerCase()));
}

/** Every value a template can use, derived only from the product, the store's name and (for email) its policies. */
export function productVars(product: Product, store: StoreConfig, template: Template): Vars {
  const vendor = clean(product.vendor);
  const storeName = clean(store.store.name);
  // WooCommerce and Shopify put unfiled products in "Uncategorized": that is no category to write about.
  const categoryPath = /^uncategori[sz]ed$/i.test(clean(product.category)) ? '' : clean(product.category);
  const category = clean(categoryPath.split('>').pop());
  const currency = product.currency ?? store.store.currency;
  const p = template.kind === 'email' ? store.policies : {};
  const options = productOptions(product);
  const materials = uniq(product.materials);
  const tags = uniq(product.tags).filter((t) => !t.includes(':') && !t.startsWith('_'));
  return {
    title: clean(product.title),
    vendor,
    maker: vendor.toLowerCase() === storeName.toLowerCase() ? '' : vendor,
    type: clean(product.type),
    category,
    category_path: categoryPath,
    product_kind: clean(product.type) || category,
    options_sentence: optionsSentence(options),
    price: priceRange(product, currency),
    weight: weightText(product),
    lead: leadSentences(product, materials, options, template.banned_words),
    keywords: tags.join(', '),
    store: storeName,
    store_url: clean(store.store.url),
    return_days: p.return_days ? String(p.return_days) : '',
    shipping_time: clean(p.shipping_time),
    free_shipping_over: p.free_shipping_over ? money(String(p.free_shipping_over), currency) : '',
    warranty: clean(p.warranty),
    materials,
    tags,
    facts: productFacts(product),
    options: options.map((o) => ({
      name: o.name,
      plural: plural(o.name.toLowerCase()),
      values: naturalJoin(o.values),
      count: countWord(o.values.length),
    })),
  };
}

interface Option {
  name: string;
  values: string[];
}

/** The product's options, or those its variants imply; Shopify's "Title: Default Title" is no option. */
function productOptions(product: Product): Option[] {
  let opts: Option[] = product.options.map((o) => ({ name: clean(o.name), values: uniq(o.values) }));
  if (opts.length === 0) {
    const byName = new Map<string, string[]>();
    for (const v of product.variants) for (const [k, val] of Object.entries(v.options)) byName.set(k, [...(byName.get(k) ?? []), val]);
    opts = [...byName].map(([name, values]) => ({ name: clean(name), values: uniq(values) }));
  }
  return opts.filter((o) => o.name && o.values.length > 0 && !(o.name === 'Title' && o.values.join() === 'Default Title'));
}

const countWord = (n: number): string => NUMBER_WORDS[n] ?? String(n);

function plural(word: string): string {
  if (/(s|x|z|ch|sh)$/.test(word)) return `${word}es`;
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
  return `${word}s`;
}

/** "Available in three sizes (S, M, L) and one colour (Blue)". */
function optionsSentence(options: Option[]): string {
  const parts = options.map((o) => {
    const name = o.name.toLowerCase();
    return `${countWord(o.values.length)} ${o.values.length === 1 ? name : plural(name)} (${o.values.join(', ')})`;
  });
  return parts.length ? `Available in ${naturalJoin(parts)}` : '';
}

function money(amount: string, currency: string | undefined): string {
  if (!currency) return amount;
  const sym = SYMBOLS[currency];
  return sym ? `${sym}${amount}` : `${amount} ${currency}`;
}

/** "€18.00" or "€18.00–€24.00", the prices exactly as the file wrote them. */
function priceRange(product: Product, currency: string | undefined): string {
  const prices = product.variants
    .map((v) => clean(v.price))
    .filter((p) => p !== '' && Number.isFinite(Number(p)))
    .sort((a, b) => Number(a) - Number(b));
  if (prices.length === 0) return '';
  const lo = prices[0]!;
  const hi = prices[prices.length - 1]!;
  return Number(lo) === Number(hi) ? money(lo, currency) : `${money(lo, currency)}–${money(hi, currency)}`;
}

/** "250 g" when every weighed variant agrees, "250–400 g" when they share a unit. Zero means unset. */
function weightText(product: Product): string {
  const ws = product.variants.map((v) => v.weight).filter((w): w is { value: number; unit: string } => !!w && w.value > 0);
  if (ws.length === 0 || ws.some((w) => w.unit !== ws[0]!.unit)) return '';
  // Shopify keeps grams converted from the owner's unit (2 oz → 56.41555101875 g): print what a person would.
  const values = ws.map((w) => Number(w.value.toFixed(w.value >= 10 ? 0 : 1))).sort((a, b) => a - b);
  const lo = values[0]!;
  const hi = values[values.length - 1]!;
  return lo === hi ? `${lo} ${ws[0]!.unit}` : `${lo}–${hi} ${ws[0]!.unit}`;
}

/** "Fabric (product.metafields.shopify.fabric)" → "Fabric"; "custom.care_guide" → "Care guide". */
function factLabel(label: string): string {
  let l = label.replace(/\s*\([^)]*metafields?[^)]*\)\s*$/i, '').trim();
  l = l.split(' / ').pop() ?? l;
  if (/^[\w.]+$/.test(l)) l = l.split('.').pop() ?? l;
  l = l.replace(/[_]+/g, ' ').trim();
  return l.charAt(0).toUpperCase() + l.slice(1);
}

/** The product's named facts as "Label: value" items, plus its weight. */
function productFacts(product: Product): Item[] {
  const items: Item[] = [];
  const seen = new Set<string>();
  for (const [rawLabel, rawValue] of Object.entries(product.facts)) {
    const label = factLabel(rawLabel);
    let value = clean(plainText(rawValue));
    if (!label || !value || value.length > 200 || /^gid:\/\//.test(value) || seen.has(label.toLowerCase())) continue;
    if (/^(true|false)$/i.test(value)) value = /^true$/i.test(value) ? 'yes' : 'no';
    seen.add(label.toLowerCase());
    items.push({ label, value });
  }
  const weight = weightText(product);
  if (weight && ![...seen].some((l) => l.includes('weight'))) items.push({ label: 'Weight', value: weight });
  return items;
}

/** Care and use properties a shopper relies on: a sentence stating one is a fact worth keeping. */
const PROPERTY =
  /\b(dishwasher|microwave|oven|freezer|machine[- ]wash\w*|hand[- ]wash\w*|waterproof|water[- ]resistant|bpa[- ]free|vegan|organic|recycled|handmade|hand[- ]thrown|hand[- ]made|food[- ]safe|non[- ]toxic)\b/i;

/** Plain description of the thing itself (colour, finish, parts), as opposed to mood and hype. */
const DESCRIBES =
  /\b(with|has|comes with|includes?|features?|made (of|from|in|by)|finished|glazed|cut|woven|knitted|sewn|printed|measures?|holds?|fits?|colou?r|matte|glossy|white|black|grey|gray|red|blue|green|pink|brown|natural)\b/i;

const CAUTION =
  /\b(not (suitable|recommended|intended|safe|water-?tight|waterproof|food[- ]safe|dishwasher[- ]safe|microwave[- ]safe|for (children|food|kids))|do not|don't|never|avoid|warning|caution|keep away|choking|decorative (use|purposes?) only|hand wash only|dry clean only|allerg\w*)\b/i;

const wordIn = (text: string, word: string): boolean => word.trim() !== '' && wordPattern(word).test(text);

/**
 * Up to three of the first sentences of the existing description, kept only when they carry a fact
 * (a number, a material, an option value, a fact value, a care property) and no banned word; then
 * up to two warnings from anywhere in it.
 */
function leadSentences(product: Product, materials: string[], options: Option[], banned: string[]): string {
  const factWords = [
    ...MATERIAL_WORDS,
    ...materials,
    ...options.flatMap((o) => o.values),
    ...Object.values(product.facts).map(clean),
  ].filter((w) => w.length >= 3 && w.length <= 40);
  const all = plainText(product.description || product.shortDescription || '')
    .split('\n')
    .flatMap((block) => block.split(/(?<=[.!?])\s+(?=[\p{Lu}\p{N}"“(])/u))
    .map(clean)
    .filter(Boolean);
  const sentences = all.slice(0, 4);
  const kept = sentences.filter(
    (s) =>
      s.length >= 8 &&
      s.length <= 280 &&
      (/\d/.test(s) || PROPERTY.test(s) || DESCRIBES.test(s) || factWords.some((w) => wordIn(s, w))) &&
      !banned.some((b) => wordIn(s, b)),
  );
  // A warning the owner wrote ("not suitable for food use") must survive any rewrite.
  const cautions = all.filter((s) => CAUTION.test(s) && s.length <= 280 && !kept.slice(0, 3).includes(s)).slice(0, 2);
  return [...kept.slice(0, 3), ...cautions]
    .map((s) => (/[.!?]$/.test(s) ? s : `${s}.`))
    .join(' ');
}
