/**
 * The product key rules, shared by the readers and by `sync export --source`, which must find the
 * same product in the original file that the reader found.
 *
 * - Shopify: the `Handle` (or 2025 `URL handle`) cell.
 * - WooCommerce: parent rows (Type is not `variation`): the SKU when present, else `id:<ID>`.
 * - Etsy: the listing has no id in the download; the slug of the TITLE (`slugify`), made unique
 *   within the file by `-2`, `-3`… in file order.
 * - generic: the `handle` column, else the `sku` column, else the slug of the title.
 */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/g, '');
}

export function wooKey(sku: string, id: string): string {
  const s = sku.trim();
  if (s) return s;
  const i = id.trim();
  return i ? `id:${i}` : '';
}

/** Makes keys unique in file order: the second `mug` becomes `mug-2`. */
export class UniqueKeys {
  private readonly seen = new Map<string, number>();
  next(base: string): string {
    const b = base || 'product';
    const n = (this.seen.get(b) ?? 0) + 1;
    this.seen.set(b, n);
    return n === 1 ? b : `${b}-${n}`;
  }
}
