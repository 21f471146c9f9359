import type { Claim } from '../claims/types.js';
import type { Product } from '../formats/types.js';
import type { ItemStatus } from './status.js';
import type { Check } from '../templates/checks.js';

// One type for a finding: made by the template checks, stored with the item.
export type { Check } from '../templates/checks.js';

export type { ItemStatus } from './status.js';


/** Copy drafted from one product with a template of that kind (the `kind` of templates/*.yaml). */
export const PRODUCT_COPY_KINDS = ['product_copy', 'seo', 'faq', 'category', 'email'] as const;
export type ProductCopyKind = (typeof PRODUCT_COPY_KINDS)[number];

/** The smallest kind that is not product copy: a short text put up for review, about what `about` names. */
export interface Note {
  about: string;
}

/**
 * What an item is about, by kind. The item's own `kind` is the discriminant, so a product-copy
 * item's `source` is the product itself, as `review show --json` has always printed it.
 * A new kind (a reply to a customer email, a flow's message) adds a member here.
 */
export type ItemSource =
  | { kind: ProductCopyKind; source: Product }
  | { kind: 'note'; source: Note };
export type ItemKind = ItemSource['kind'];
export const ITEM_KINDS: readonly ItemKind[] = [...PRODUCT_COPY_KINDS, 'note'];

export const isProductCopy = <T extends { kind: string }>(item: T): item is Extract<T, { kind: ProductCopyKind }> =>
  (PRODUCT_COPY_KINDS as readonly string[]).includes(item.kind);

interface NewItemBase {
  /** The item's key within its kind (a product's handle for product copy): a newer item of the same key and template supersedes it. */
  handle: string;
  title: string;
  /** What made the item: a template's name; a kind drafted without a template puts its kind here. */
  template: string;
  templateHash: string;
  provider: string;
  inputHash: string;
  sourceFile: string | null;
  fields: Record<string, string>;
  checks: Check[];
  /** The claims guard's verdicts on the fields. */
  claims?: Claim[];
}

export type NewItem = NewItemBase & ItemSource;

export interface ItemSummary {
  id: number;
  kind: ItemKind;
  /** The item's key within its kind: the product's handle for product copy. */
  handle: string;
  title: string;
  template: string;
  status: ItemStatus;
  createdAt: string;
  decidedAt: string | null;
  errors: number;
  warnings: number;
  /** Claims that are unsupported or contradicted. */
  flags: number;
}

interface ItemBody {
  templateHash: string;
  provider: string;
  inputHash: string;
  sourceFile: string | null;
  fields: Record<string, string>;
  draftedFields: Record<string, string>;
  checks: Check[];
  claims: Claim[];
  reason: string | null;
}

/** One item with its source: narrow on `kind` (or `isProductCopy`) to reach the source's fields. */
export type Item = ItemSummary & ItemBody & ItemSource;
export type ProductCopyItem = Extract<Item, { kind: ProductCopyKind }>;

export interface ItemEvent {
  at: string;
  action: string;
  detail: unknown;
}
