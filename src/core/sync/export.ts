import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import type { Db } from '../db/open.js';
import { InputError, UserError } from '../errors.js';
import { readProducts } from '../formats/read-products.js';
import { addEvent, approvedItems, isProductCopy, newerPending, type ProductCopyItem } from '../queue/index.js';
import { loadTemplate, listTemplates } from '../templates/load.js';
import { exportProducts, type ApprovedCopy, type ExportFormat, type ExportSource } from '../formats/export-products.js';
import { productContentHash } from '../formats/content-hash.js';
import type { Product } from '../formats/types.js';
import { CONFIG_FILE, DB_FILE } from '../config/config.js';

export const ExportOptions = z
  .object({
    format: z.enum(['shopify', 'woocommerce']),
    out: z.string().min(1),
    source: z.string().min(1).optional(),
    dryRun: z.boolean().default(false),
  })
  .strict();
export type ExportOptions = z.input<typeof ExportOptions>;

/** Approved copy that was not written, and why. */
export interface HeldBack {
  handle: string;
  itemIds: number[];
  reason: string;
}

export interface ExportSummary {
  format: ExportFormat;
  out: string;
  source: string | null;
  dryRun: boolean;
  products: number;
  items: number;
  rows: number;
  carried: { handle: string; itemIds: number[]; line?: number }[];
  /** Approved products the --source file does not have. */
  notFound: string[];
  /** Approved copy left out: stale, superseded by a newer draft, another platform's, or unsafe to write. */
  heldBack: HeldBack[];
}

export interface ExportDeps {
  /** Relative paths are resolved from here; messages name them as the user typed them. */
  cwd: string;
  db: Db;
  now: () => Date;
  templatesDir?: string | undefined;
  /** The store database's path: never a place to write an export. */
  dbPath?: string | undefined;
}

/**
 * Writes the approved copy into the platform's import format. Only approved items are read here,
 * and the database refuses to record the export of anything else (trigger export_items_approved_only).
 */
export function syncExportProducts(input: ExportOptions, deps: ExportDeps): ExportSummary {
  const opts = ExportOptions.parse(input);
  const out = resolve(deps.cwd, opts.out);
  guardOut(out, opts, deps);
  const source = opts.source ? readSource(resolve(deps.cwd, opts.source), opts.source, opts.format) : undefined;
  const { copies, heldBack } = approvedCopies(deps, opts.format, source);
  if (copies.length === 0) {
    throw new UserError(
      heldBack.length === 0
        ? `nothing to export: no approved ${opts.format} copy yet (see: shopflow review list --status pending)`
        : `nothing to export: no approved ${opts.format} copy that can go into this file; held back:\n  ` +
            heldBack.map((h) => `${h.handle}: ${h.reason}`).join('\n  '),
    );
  }
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
    heldBack: [...heldBack, ...result.deferred],
  };
  if (!opts.dryRun) writeAndRecord(deps, out, opts, result.bytes, summary);
  return summary;
}

/** Never write over the original export, the store's own files, or into a folder. */
function guardOut(out: string, opts: z.output<typeof ExportOptions>, deps: ExportDeps): void {
  if (opts.source && resolve(deps.cwd, opts.source) === out) {
    throw new UserError(`--out ${opts.out} is the --source file: choose another path; shopflow never overwrites your export`, 2);
  }
  const db = deps.dbPath ? resolve(deps.dbPath) : undefined;
  const own = db ? [db, `${db}-wal`, `${db}-shm`, join(dirname(db), CONFIG_FILE)] : [];
  if (own.includes(out) || basename(out) === DB_FILE || basename(out) === CONFIG_FILE) {
    throw new UserError(`--out ${opts.out} is one of shopflow's own files: choose another path`, 2);
  }
  let isDir = false;
  try {
    isDir = statSync(out).isDirectory();
  } catch {
    // does not exist yet: fine
  }
  if (isDir) throw new UserError(`--out ${opts.out} is a folder: give a file name, e.g. ${join(opts.out, 'import.csv')}`, 2);
}

interface SourceProducts extends ExportSource {
  byHandle: Map<string, Product>;
}

/** Reads the original export as `draft` read it, to find each product's row by the same rules. */
function readSource(path: string, label: string, format: ExportFormat): SourceProducts {
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
    byHandle: new Map(products.products.map((p) => [p.handle, p])),
  };
}

/**
 * Write to a temporary file next to the target, then record the export and move the file into
 * place in one transaction: either the file is there and recorded, or neither.
 */
function writeAndRecord(deps: ExportDeps, out: string, opts: z.output<typeof ExportOptions>, bytes: Buffer, s: ExportSummary): void {
  const tmp = join(dirname(out), `.${basename(out)}.${randomBytes(4).toString('hex')}.tmp`);
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
      renameSync(tmp, out); // last: a failure here rolls the record back
    })();
  } catch (err) {
    rmSync(tmp, { force: true });
    const code = (err as NodeJS.ErrnoException).code;
    if (code && /^E[A-Z]+$/.test(code)) throw new UserError(`${opts.out}: cannot write the file (${code})`);
    throw err;
  }
}

/**
 * One copy per product: the newest approved item of each template that has a column in this
 * format, unless it is another platform's, a newer draft waits for review, or (with --source) the
 * product changed in the store since it was drafted.
 */
function approvedCopies(deps: ExportDeps, format: ExportFormat, source: SourceProducts | undefined): { copies: ApprovedCopy[]; heldBack: HeldBack[] } {
  const columnOf = exportColumns(deps, format);
  const byHandle = new Map<string, ApprovedCopy>();
  const heldBack: HeldBack[] = [];
  for (const item of approvedItems(deps.db, [...columnOf.keys()]).filter(isProductCopy)) {
    const reason = holdReason(deps.db, item, format, source);
    if (reason) heldBack.push({ handle: item.handle, itemIds: [item.id], reason });
    else addCopy(byHandle, item, columnOf.get(item.template)!);
  }
  return { copies: [...byHandle.values()], heldBack };
}

function holdReason(db: Db, item: ProductCopyItem, format: ExportFormat, source: SourceProducts | undefined): string | undefined {
  const from = item.source.source.platform;
  if (from !== format && !(from === 'generic' && source)) {
    return `#${item.id} was drafted from a ${from} export; it can only go into a ${from === 'generic' ? 'file given with --source' : `${from} file`}`;
  }
  const newer = newerPending(db, item);
  if (newer !== undefined) return `a newer draft (#${newer}) is waiting for review; approve or reject it first`;
  const now = source?.byHandle.get(item.handle);
  if (now && productContentHash(now) !== productContentHash(item.source)) {
    return `the product changed in ${source!.file} since #${item.id} was drafted; draft it again (shopflow draft ${source!.file} --only ${item.handle})`;
  }
  return undefined;
}

/** Template name → (field → platform column), for the templates that write into this format. */
function exportColumns(deps: ExportDeps, format: ExportFormat): Map<string, Map<string, string>> {
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
  return columnOf;
}

function addCopy(byHandle: Map<string, ApprovedCopy>, item: ProductCopyItem, cols: Map<string, string>): void {
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
