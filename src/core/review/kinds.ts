import type { Claim } from '../claims/types.js';
import { checkClaims, type GuardContext } from '../claims/guard.js';
import { buildVocabulary } from '../claims/vocabulary.js';
import { PRODUCT_COPY_KINDS, type Check, type Item, type ItemKind, type ProductCopyItem } from '../queue/index.js';
import { UserError } from '../errors.js';
import { checkFields } from '../templates/checks.js';
import { loadTemplate } from '../templates/load.js';

export interface RecheckDeps {
  templatesDir?: string | undefined;
  /** The store's claims vocabulary and policies; the shipped vocabulary when not given. */
  guard?: GuardContext | undefined;
}

/** What review does differently for each kind of item; listing, approving and rejecting are the same for all. */
export interface KindReview<I extends Item = Item> {
  /** What the store has today for each field, for review to show the draft against. */
  current(item: I): Record<string, string>;
  /** The checks and claims of an item's fields after the owner's edit. */
  recheck(item: I, fields: Record<string, string>, deps: RecheckDeps): { checks: Check[]; claims: Claim[] };
}

/** Store field each template field replaces: what review shows the draft against. */
const CURRENT_FIELD: Record<string, (i: ProductCopyItem) => string | undefined> = {
  body_html: (i) => i.source.description,
  description: (i) => i.source.description,
  short_description: (i) => i.source.shortDescription,
  seo_title: (i) => i.source.seoTitle,
  seo_description: (i) => i.source.seoDescription,
};

const productCopy: KindReview<ProductCopyItem> = {
  current(item) {
    const current: Record<string, string> = {};
    for (const name of Object.keys(item.fields)) {
      const v = CURRENT_FIELD[name]?.(item);
      if (v !== undefined) current[name] = v;
    }
    return current;
  },
  recheck(item, fields, deps) {
    const template = loadTemplate(item.template, { templatesDir: deps.templatesDir });
    const claims = checkClaims(fields, item.source, deps.guard ?? { vocab: buildVocabulary(), facts: new Map() });
    return { checks: checkFields(template, fields), claims };
  },
};

/** A note has no template and no facts to check claims against: only an empty field fails. */
const note: KindReview<Extract<Item, { kind: 'note' }>> = {
  current: () => ({}),
  recheck: (_item, fields) => ({
    checks: Object.entries(fields)
      .filter(([, v]) => v.trim() === '')
      .map(([field]): Check => ({ field, level: 'error', message: `${field} is empty` })),
    claims: [],
  }),
};

const KINDS: { [K in ItemKind]: KindReview<Extract<Item, { kind: K }>> } = {
  ...(Object.fromEntries(PRODUCT_COPY_KINDS.map((k) => [k, productCopy])) as Record<ProductCopyItem['kind'], KindReview<ProductCopyItem>>),
  note,
};

export function kindReview(item: Item): KindReview {
  const k = KINDS[item.kind] as KindReview | undefined;
  if (!k) throw new UserError(`item ${item.id} is of kind "${item.kind}", which this shopflow does not know; update shopflow`);
  return k;
}
