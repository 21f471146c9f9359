/**
 * Every real export in SHOPFLOW_FORMATS_DIR through `shopflow sync import`, as a user runs it:
 * detected without --kind, imported with exit 0, and a second import of the same file reports
 * 0 new and 0 changed. Where the rule is simple, counts are checked against the file itself.
 * (Adapter-level conformance tests check every layout's counts in detail.) Skipped when absent.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { runCli, tempDir } from './helpers.js';

const root = process.env.SHOPFLOW_FORMATS_DIR;
const present = Boolean(root) && existsSync(root!);

const FOLDERS: { dir: string; kind: string; platform: string | RegExp }[] = [
  { dir: 'shopify/products', kind: 'products', platform: 'shopify' },
  { dir: 'shopify/orders', kind: 'orders', platform: 'shopify' },
  { dir: 'shopify/customers', kind: 'customers', platform: 'shopify' },
  { dir: 'shopify/inventory', kind: 'inventory', platform: 'shopify' },
  { dir: 'shopify/abandoned-checkouts', kind: 'checkouts', platform: 'shopify' },
  { dir: 'woocommerce', kind: 'products', platform: 'woocommerce' },
  { dir: 'etsy', kind: 'products', platform: 'etsy' },
  { dir: 'mailchimp', kind: 'email_campaigns', platform: 'mailchimp' },
  { dir: 'klaviyo', kind: 'email_(campaigns|flows)', platform: 'klaviyo' },
  { dir: 'google-analytics', kind: 'traffic', platform: 'ga4' },
];

const files = !present
  ? []
  : FOLDERS.flatMap((f) =>
      readdirSync(join(root!, f.dir)).filter((n) => n.endsWith('.csv')).sort().map((name) => ({ ...f, name, path: join(root!, f.dir, name) })),
    );

/** Distinct values of the first of these columns, counted from the cells. */
function distinct(path: string, ...columns: string[]): number {
  const [header, ...rows] = parse(readFileSync(path), { bom: true, relax_column_count: true }) as string[][];
  const i = columns.map((c) => header!.indexOf(c)).find((x) => x >= 0)!;
  return new Set(rows.map((r) => r[i]).filter((v) => v !== undefined && v !== '')).size;
}

const expectedNew: Record<string, (path: string) => number> = {
  'shopify/orders': (p) => distinct(p, 'Name'),
  'shopify/abandoned-checkouts': (p) => distinct(p, 'Id', 'Name'),
  'shopify/products': (p) => distinct(p, 'Handle', 'URL handle'),
  etsy: (p) => (parse(readFileSync(p), { bom: true }) as string[][]).length - 1,
};

describe.skipIf(!present)('sync import reads every real export', () => {
  it.each(files)('$dir/$name', async ({ dir, kind, platform, path }) => {
    const cwd = tempDir();
    const first = await runCli(['sync', 'import', path, '--json'], { cwd });
    expect(first.code, first.stderr).toBe(0);
    const [r1] = JSON.parse(first.stdout);
    expect(r1.kind).toMatch(new RegExp(`^${kind}$`));
    expect(r1.platform).toMatch(platform);
    expect(r1.changed).toBe(0);
    if (expectedNew[dir]) expect(r1.new).toBe(expectedNew[dir]!(path));
    if (r1.new === 0) expect(r1.warnings.join('\n')).toMatch(/no sessions/); // GA4 reports without a Sessions table
    // --report makes the second import read row by row (not skip the identical file by its hash).
    const [r2] = JSON.parse((await runCli(['sync', 'import', path, '--json', '--report', 'problems.csv'], { cwd })).stdout);
    expect(r2).toMatchObject({ new: 0, changed: 0, unchanged: r1.new });
    expect(r2.errors).toEqual(r1.errors);
  });
});
