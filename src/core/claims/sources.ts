import type { StoreConfig } from '../config/config.js';
import type { Product } from '../formats/types.js';
import { plainText } from '../lib/text.js';

import type { SourceCell } from './types.js';
export type { SourceCell } from './types.js';

export interface SourceOptions {
  /** The copy already on the store counts as a source for drafts, not when it is the text audited. */
  description: boolean;
  policies?: StoreConfig['policies'] | undefined;
  /** Extra facts for this product (the `claims.facts_file`), one statement each. */
  extraFacts?: string[] | undefined;
}

/** Every cell of a product that may support a claim; private columns never reach a Product. */
export function productSources(p: Product, opts: SourceOptions): SourceCell[] {
  const cells: SourceCell[] = [];
  const add = (column: string, value: string | undefined): void => {
    const v = plainText(value ?? '').trim();
    if (v) cells.push({ column, value: v });
  };
  // Most specific first: a claim's support or conflict is shown from the first cell that has it.
  // A "Warranty: 2 years" column says "a 2-year warranty", as the policy below does.
  for (const [label, value] of Object.entries(p.facts)) add(label, /warrant|guarantee/i.test(label) && !/warrant|guarantee/i.test(value) ? `${value} warranty` : value);
  add('Materials', p.materials.join(', '));
  add('Title', p.title);
  for (const o of p.options) add(`Option ${o.name}`, o.values.join(', '));
  const seen = new Set<string>();
  for (const v of p.variants) {
    for (const [k, val] of Object.entries(v.options)) if (!p.options.some((o) => o.name === k)) add(`Option ${k}`, val);
    for (const [col, val] of [['Variant Price', v.price], ['Variant Compare At Price', v.compareAtPrice]] as const) {
      if (val && !seen.has(`${col}|${val}`)) {
        seen.add(`${col}|${val}`);
        add(col, val);
      }
    }
    if (v.weight && v.weight.value > 0 && !seen.has(`w|${v.weight.value}${v.weight.unit}`)) {
      seen.add(`w|${v.weight.value}${v.weight.unit}`);
      add('Variant Weight', `${v.weight.value} ${v.weight.unit}`);
    }
  }
  add('Tags', p.tags.join(', '));
  add('Type', p.type);
  add('Category', p.category);
  add('Vendor', p.vendor);
  for (const f of opts.extraFacts ?? []) add('facts file', f);
  if (opts.description) {
    add('Description', p.description);
    add('Short description', p.shortDescription);
  }
  add('SEO Title', p.seoTitle);
  const pol = opts.policies;
  if (pol) {
    // "warranty: 1 year" in shopflow.yaml supports "a 1-year warranty".
    const w = pol.warranty && !/warrant|guarantee/i.test(pol.warranty) ? `${pol.warranty} warranty` : pol.warranty;
    add('shopflow.yaml policies.warranty', w);
    add('shopflow.yaml policies.shipping_time', pol.shipping_time);
    if (pol.return_days) add('shopflow.yaml policies.return_days', `${pol.return_days}-day returns`);
    if (pol.free_shipping_over !== undefined) add('shopflow.yaml policies.free_shipping_over', `free shipping over ${pol.free_shipping_over}`);
  }
  return cells;
}
