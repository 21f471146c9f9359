/**
 * The claims guard's vocabulary of results, in a leaf module: the review queue stores and counts
 * claims without loading the guard (and the CSV reader it pulls in for a store's facts file).
 */

export type ClaimKind =
  | 'quantity' | 'dimensions' | 'material' | 'property' | 'compatibility'
  | 'warranty' | 'shipping' | 'price' | 'discount' | 'superlative' | 'variant'
  | 'origin' | 'making' | 'feature' | 'edition' | 'service' | 'amount' | 'range' | 'suitability' | 'extra' | 'offer';

export type Verdict = 'supported' | 'unsupported' | 'contradicted';

/** One cell of the product's data that a claim can rest on. */
export interface SourceCell {
  /** The column as the owner knows it: "Title", "Tags", "Capacity (product.metafields.custom.capacity)". */
  column: string;
  value: string;
}

/** One claim of a draft, as review shows it and the item stores it. */
export interface Claim {
  field: string;
  kind: ClaimKind;
  text: string;
  /** The sentence that holds it, as the shopper reads it. */
  sentence: string;
  verdict: Verdict;
  source?: SourceCell;
  conflict?: SourceCell;
}

export const isFlagged = (c: Pick<Claim, 'verdict'>): boolean => c.verdict !== 'supported';

/** The columns of the copy already on the store: drafts may lean on it, but nobody checked it. */
export const CURRENT_COPY_COLUMNS: Readonly<Record<string, string>> = { Description: 'your current description', 'Short description': 'your current short description' };

/** Where a supported claim's support comes from, as the owner reads it: a field, or the store's unchecked copy. */
export function supportText(c: Pick<Claim, 'source'>): string {
  const copy = c.source ? CURRENT_COPY_COLUMNS[c.source.column] : undefined;
  return copy ? `${copy}, not checked: ${c.source!.value}` : `${c.source?.column}: ${c.source?.value}`;
}
