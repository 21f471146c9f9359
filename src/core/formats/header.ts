/**
 * One header lookup for every reader of platform files: columns are found by NAME, never by
 * position, because every platform renamed and added columns over time.
 *
 * Column names are compared in one of three ways, each kept as its readers document it:
 *   - 'exact'   (Shopify exports, the product readers): BOM, case and runs of spaces ignored; `_` and `-` count.
 *   - 'loose'   (email and traffic): also `_`, `-` and spaces interchangeable (`sent_at` = `Sent At`
 *               = `sent-at`), but not ignored (`sentat` is another column).
 *   - 'compact' (generic forms, reviews, WooCommerce, Etsy): spaces and `_` ignored (`Order ID` =
 *               `order_id` = `OrderId`); `-` counts.
 */

export function normName(s: string): string {
  return s.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/\s+/g, ' ');
}

/** Looser match for hand-made files: `Product_Name`, `product-name` and `Product Name` are equal. */
export function looseName(s: string): string {
  return normName(s).replace(/[_-]+/g, ' ').replace(/\s+/g, ' ').trim();
}

/** A column found in the header: its index and its label as written (trimmed). */
export interface Col {
  index: number;
  label: string;
}

export type Matching = 'exact' | 'loose' | 'compact';

const KEYS: Record<Matching, (name: string) => string> = {
  exact: normName,
  loose: looseName,
  compact: (name) => name.replace(/^\uFEFF/, '').toLowerCase().replace(/[\s_]+/g, ''),
};

/** A header, looked up by name. Where a name is there twice, the first column counts. */
export class Columns {
  /** Header cells as written, BOM stripped and trimmed (for messages). */
  readonly labels: string[];
  private readonly key: (name: string) => string;
  private readonly byKey = new Map<string, number>();

  constructor(header: readonly string[], matching: Matching) {
    this.key = KEYS[matching];
    this.labels = header.map((h) => h.replace(/^\uFEFF/, '').trim());
    for (let i = this.labels.length - 1; i >= 0; i--) this.byKey.set(this.key(this.labels[i]!), i);
  }

  index(name: string): number | undefined {
    return this.byKey.get(this.key(name));
  }

  /** The first of `names` present in the header. */
  col(...names: string[]): Col | undefined {
    for (const name of names) {
      const index = this.index(name);
      if (index !== undefined) return { index, label: this.labels[index] ?? name };
    }
    return undefined;
  }

  /** Whether any of `names` is present. */
  has(...names: string[]): boolean {
    return this.col(...names) !== undefined;
  }

  /** Whether all of `names` are present. */
  hasAll(...names: string[]): boolean {
    return names.every((n) => this.has(n));
  }

  /** How many of `names` are present (Shopify detection). */
  count(names: readonly string[]): number {
    return names.filter((n) => this.has(n)).length;
  }

  /** How many header columns are among `names` (the share scores). */
  known(names: readonly string[]): number {
    const keys = new Set(names.map(this.key));
    return this.labels.filter((l) => keys.has(this.key(l))).length;
  }

  /** The column's header cell as written; `name` itself when the column is absent. */
  label(name: string): string {
    return this.col(name)?.label ?? name;
  }
}
