import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import type { Db } from './db/open.js';
import { InputError, UserError } from './errors.js';
import { readProducts } from './read-products.js';
import { addEvent, approvedItems, type Item } from './db/items.js';
import { loadTemplate, listTemplates } from './templates/load.js';
import { exportProducts, type ApprovedCopy, type ExportFormat, type ExportSource } from './export-products.js';

export const ExportOptions = z
  .object({
    format: z.enum(['shopify', 'woocommerce']),
    out: z.string().min(1),
    source: z.string().min(1).optional(),
    dryRun: z.boolean().default(false),
  })
  .strict();
export type ExportOptions = z.input<typeof ExportOptions>;

export interface ExportSummary {
  format: ExportFormat;
  out: string;
  source: string | null;
  dryRun: boolean;
  products: number;
  items: number;
  rows: number;
  carried: { handle: string; itemIds: number[]; line?: number }[];
  notFound: string[];
  /** Approved copy left out of this file, with the reason (see export-products.ts). */
  deferred: { handle: string; itemIds: number[]; reason: string }[];
}

export interface ExportDeps {
  /** Relative paths are resolved from here; messages name them as the user typed them. */
  cwd: string;
  db: Db;
  now: () => Date;
  templatesDir?: string | undefined;
}

/**
 * Writes the approved copy into the platform's import format. Only approved items are read here,
 * and the database refuses to record the export of anything else (trigger export_items_approved_only).
 */
export function syncExportProducts(input: ExportOptions, deps: ExportDeps): ExportSummary {
  const opts = ExportOptions.parse(input);
  if (opts.source && resolve(deps.cwd, opts.source) === resolve(deps.cwd, opts.out)) {
    throw new UserError(`--out ${opts.out} is the --source file: choose another path; shopflow never overwrites your export`, 2);
  }
  const copies = approvedCopies(deps, opts.format);
  if (copies.length === 0) {
    throw new UserError(`nothing to export: no approved ${opts.format} copy yet (see: shopflow review list --status pending)`);
  }
  const source = opts.source ? readSource(resolve(deps.cwd, opts.source), opts.source, opts.format) : undefined;
  const result = exportProducts({ format: opts.format, copies, ...(source ? { source } : {}) });
  const summary: ExportSummary = {
    format: opts.format,
    out: opts.out,
    source: opts.source ?? null,
    dryRun: opts.dryRun,
    products: result.carried.length,
    items: result.carried.reduce((n, c) => n + c.itemIds.length, 0),
    rows: result.rows,
    carried: result.carried,
    notFound: result.notFound,
    deferred: result.deferred,
  };
  if (opts.dryRun) return summary;
  writeAndRecord(deps, opts, result.bytes, summary);
  return summary;
}

/** Reads the original export as `draft` read it, to find each product's row by the same rules. */
function readSource(path: string, label: string, format: ExportFormat): ExportSource {
  const products = readProducts(path, {}, label);
  if (products.platform !== format) {
    throw new InputError(
      { file: label, line: 1 },
      `this is a ${products.layout}, not a ${format === 'shopify' ? 'Shopify' : 'WooCommerce'} product export` +
        (products.platform === 'shopify' || products.platform === 'woocommerce'
          ? ` (use --format ${products.platform})`
          : '; sync export writes Shopify and WooCommerce import files'),
    );
  }
  return {
    file: label,
    bytes: readFileSync(path),
    lineOf: new Map(products.products.map((p) => [p.handle, p.source.line])),
  };
}

/** Write to a temporary file, record the export, then move the file into place: all or nothing. */
function writeAndRecord(deps: ExportDeps, opts: z.output<typeof ExportOptions>, bytes: Buffer, s: ExportSummary): void {
  const out = resolve(deps.cwd, opts.out);
  const tmp = `${out}.shopflow-tmp-${process.pid}`;
  try {
    writeFileSync(tmp, bytes);
  } catch (err) {
    throw new UserError(`${opts.out}: cannot write the file (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  try {
    const at = deps.now().toISOString();
    deps.db.transaction(() => {
      const exportId = Number(
        deps.db
          .prepare('insert into exports (at, format, out_path, source_file, item_count) values (?, ?, ?, ?, ?)')
          .run(at, opts.format, out, opts.source ? resolve(deps.cwd, opts.source) : null, s.items).lastInsertRowid,
      );
      const link = deps.db.prepare('insert into export_items (export_id, item_id) values (?, ?)');
      for (const c of s.carried) {
        for (const id of c.itemIds) {
          link.run(exportId, id);
          addEvent(deps.db, id, 'exported', at, { export: exportId, format: opts.format, out });
        }
      }
    })();
    renameSync(tmp, out);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/** One copy per product: the newest approved item of each template that has a column in this format. */
function approvedCopies(deps: ExportDeps, format: ExportFormat): ApprovedCopy[] {
  const columnOf = new Map<string, Map<string, string>>();
  for (const name of listTemplates({ templatesDir: deps.templatesDir })) {
    const t = loadTemplate(name, { templatesDir: deps.templatesDir, cwd: deps.cwd });
    const cols = new Map<string, string>();
    for (const f of t.fields) {
      const col = f.export[format];
      if (col) cols.set(f.name, col);
    }
    if (cols.size > 0) columnOf.set(t.name, cols);
  }
  const byHandle = new Map<string, ApprovedCopy>();
  for (const item of approvedItems(deps.db, [...columnOf.keys()])) addCopy(byHandle, item, columnOf.get(item.template)!);
  return [...byHandle.values()];
}

function addCopy(byHandle: Map<string, ApprovedCopy>, item: Item, cols: Map<string, string>): void {
  let copy = byHandle.get(item.handle);
  if (!copy) {
    copy = { handle: item.handle, title: item.title, fields: {}, itemIds: [] };
    byHandle.set(item.handle, copy);
  }
  for (const [field, col] of cols) {
    const v = item.fields[field];
    if (v !== undefined) copy.fields[col as keyof ApprovedCopy['fields']] = v;
  }
  copy.itemIds.push(item.id);
}
