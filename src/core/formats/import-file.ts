import iconv from 'iconv-lite';
import { stringify } from 'csv-stringify/sync';
import type { CsvEncoding } from '../csv/types.js';
import { InputError, UserError } from '../errors.js';
import { CsvSyntaxError, fileEol, planEdits, tokenize, type Edit, type RecordSpan, type Replacements } from '../csv/splice.js';
import { decodeCsvBytes, scanHeaderLine } from '../csv/read.js';
import { neutralise } from '../csv/safe.js';

/**
 * `sync export`: writes approved copy into the platform's product import CSV.
 *
 * With the owner's own export as `source`, only the approved cells change: every other byte (BOM,
 * delimiter, quoting, line endings, final newline, encoding, other rows and columns) stays as it
 * was, so importing the file changes nothing but the approved copy.
 *
 * Without a source, a minimal update file is written. Both importers leave a value alone when its
 * column is absent, but an EMPTY cell in a present column overwrites the store's value with nothing
 * (Shopify help "Using CSV files…", section on overwriting products; WooCommerce
 * WC_Product_CSV_Importer sets every mapped column, empty or not). So we never write an empty cell
 * for a field we did not draft: the file carries one set of columns, the set shared by the most
 * copies, and copies with other fields are `deferred` (the caller tells the owner to use --source).
 */

export type ExportFormat = 'shopify' | 'woocommerce';
export type CopyField = 'body_html' | 'seo_title' | 'seo_description' | 'description' | 'short_description';

export interface ApprovedCopy {
  handle: string;
  title: string;
  fields: Partial<Record<CopyField, string>>;
  itemIds: number[];
}

/** The owner's original export. */
export interface ExportSource {
  file: string;
  bytes: Buffer;
  /**
   * Product handle → the line of its first row, as the product reader found it. When given, rows
   * are matched by it, so export finds exactly the product that was drafted (WooCommerce keys with
   * a `'` guard, duplicate SKUs, products keyed by name) instead of re-deriving keys from cells.
   */
  lineOf?: Map<string, number>;
}

export interface ExportResult {
  bytes: Buffer;
  /** Copies written into the file; `line` is where the product's row starts in the output. */
  carried: { handle: string; itemIds: number[]; line?: number }[];
  /** Handles of copies whose product is not in the source file. */
  notFound: string[];
  /** Data rows in the output file. */
  rows: number;
  /** Copies NOT written this time (nothing to write for this format, or, without a source, other fields than this file's columns). Export again to carry them. */
  deferred: { handle: string; itemIds: number[]; reason: string }[];
}

/** What one platform's import file needs: its columns, its cells, its product keys. */
export interface PlatformWriter {
  format: ExportFormat;
  /** The copy fields this platform has columns for, in the order a fresh file writes them. */
  fields: CopyField[];
  /** The header's layout in the owner's export; throws an InputError when it is another platform's file. */
  layout(names: string[], file: string): Layout;
  /** The column to name when the owner's header lacks a field's column (names lower-cased). */
  columnName(field: CopyField, names: string[]): string;
  /** The cell text for a field value (escaped as the platform's own exporter does, formulas neutralised). */
  cell(value: string): string;
  /** A fresh update file's header and rows for these copies and fields. */
  freshTable(copies: ApprovedCopy[], fields: CopyField[]): { header: string[]; rows: string[][] };
  /** Written before the header of a fresh file. */
  bom: string;
}

export interface Layout {
  /** The product key of a record that starts a product (Shopify: any row with a handle; Woo: parent rows). */
  keyOf(rec: RecordSpan): string | undefined;
  /** Column index for each field, when the header has it. */
  column(field: CopyField): number | undefined;
}

const LABEL: Record<CopyField, string> = {
  body_html: 'description', seo_title: 'SEO title', seo_description: 'SEO description', description: 'description', short_description: 'short description',
};

/** The drafted fields of a copy that this format has a column for; blank values count as not drafted. */
function draftedFields(w: PlatformWriter, copy: ApprovedCopy): [CopyField, string][] {
  const out: [CopyField, string][] = [];
  for (const f of w.fields) {
    const v = copy.fields[f];
    if (v !== undefined && v.trim() !== '') out.push([f, v]);
  }
  return out;
}

/** The first of `candidates` among the (lower-cased) header names. */
export function indexOfAny(names: string[], candidates: readonly string[]): number | undefined {
  for (const c of candidates) {
    const i = names.indexOf(c.toLowerCase());
    if (i >= 0) return i;
  }
  return undefined;
}

/** Whether lower-cased header names look like a WooCommerce product export (no handle; type and SKU or ID). */
export function looksWoo(names: string[]): boolean {
  return !names.includes('handle') && !names.includes('url handle') && (names.includes('sku') || names.includes('id')) && names.includes('type');
}

// ---------------------------------------------------------------------------------------------
// With a source: splice the approved cells into the owner's file.

interface Decoded { text: string; encoding: CsvEncoding; bomLength: number }

export function intoSource(w: PlatformWriter, copies: ApprovedCopy[], source: ExportSource): ExportResult {
  const file = source.file;
  const dec = decode(source.bytes, file);
  const { delimiter } = scanHeaderLine(dec.text);
  let records: RecordSpan[];
  try {
    records = tokenize(dec.text, delimiter);
  } catch (err) {
    if (err instanceof CsvSyntaxError) throw new InputError({ file, line: err.line }, err.message);
    throw err;
  }
  const header = records[0];
  if (!header) throw new InputError({ file, line: 1 }, 'the file is empty');
  const names = header.cells.map((c) => c.value.trim().toLowerCase());
  const layout = w.layout(names, file);

  const deferred: ExportResult['deferred'] = [];
  for (const copy of copies) {
    for (const [field] of draftedFields(w, copy)) {
      if (layout.column(field) !== undefined) continue;
      const col = w.columnName(field, names);
      throw new InputError(
        { file, line: 1, column: col },
        `the header has no such column, so the approved ${LABEL[field]} of "${copy.handle}" has nowhere to go (export the products again with all columns, or run without --source)`,
      );
    }
  }

  const firstRow = new Map<string, number>();
  const handleAt = new Map([...(source.lineOf ?? [])].map(([handle, line]) => [line, handle]));
  let rows = 0;
  records.forEach((rec, index) => {
    if (index === 0 || isBlank(rec)) return;
    rows++;
    const key = source.lineOf ? handleAt.get(rec.line) : layout.keyOf(rec);
    if (key && !firstRow.has(key)) firstRow.set(key, index);
  });

  const replacements: Replacements = new Map();
  const carried: ExportResult['carried'] = [];
  const notFound: string[] = [];
  for (const copy of copies) {
    const fields = draftedFields(w, copy);
    if (fields.length === 0) {
      deferred.push({ handle: copy.handle, itemIds: copy.itemIds, reason: `no ${w.format} field in the approved copy` });
      continue;
    }
    const index = firstRow.get(copy.handle);
    if (index === undefined) {
      notFound.push(copy.handle);
      continue;
    }
    const cols = replacements.get(index) ?? new Map<number, string>();
    for (const [field, value] of fields) cols.set(layout.column(field)!, w.cell(value));
    replacements.set(index, cols);
    carried.push({ handle: copy.handle, itemIds: copy.itemIds, line: records[index]!.line });
  }

  const edits = planEdits(records, replacements, delimiter, fileEol(records));
  return { bytes: spliceBytes(source.bytes, dec, edits, file), carried, notFound, rows, deferred };
}

function isBlank(rec: RecordSpan): boolean {
  return rec.cells.every((c) => c.value.trim() === '');
}

/** The reader's decoding (same encodings, same refusals), plus how many bytes the BOM took. */
function decode(bytes: Buffer, file: string): Decoded {
  const d = decodeCsvBytes(bytes, file);
  return { text: d.text, encoding: d.encoding, bomLength: d.bom ? (d.encoding === 'utf-8' || d.encoding === 'windows-1252' ? 3 : 2) : 0 };
}

function byteLength(s: string, enc: CsvEncoding): number {
  if (enc === 'utf-8') return Buffer.byteLength(s, 'utf8');
  return enc === 'windows-1252' ? s.length : s.length * 2;
}

function encodeText(s: string, enc: CsvEncoding, file: string): Buffer {
  if (enc === 'utf-8') return Buffer.from(s, 'utf8');
  const out = iconv.encode(s, enc);
  if (iconv.decode(out, enc) !== s) {
    throw new UserError(`${file}: the approved copy has characters that ${enc} cannot hold; save the export as UTF-8 and run again`);
  }
  return out;
}

/**
 * Applies text edits at the byte level: the bytes between edits are copied from the original
 * buffer, so nothing outside the approved cells can change even if decoding was lossy.
 */
function spliceBytes(src: Buffer, dec: Decoded, edits: Edit[], file: string): Buffer {
  const parts: Buffer[] = [];
  let byteAt = dec.bomLength;
  let textAt = 0;
  for (const e of edits) {
    const start = byteAt + byteLength(dec.text.slice(textAt, e.start), dec.encoding);
    parts.push(src.subarray(byteAt, start), encodeText(e.text, dec.encoding, file));
    byteAt = start + byteLength(dec.text.slice(e.start, e.end), dec.encoding);
    textAt = e.end;
  }
  return Buffer.concat([src.subarray(0, dec.bomLength), ...parts, src.subarray(byteAt)]);
}

// ---------------------------------------------------------------------------------------------
// Without a source: a minimal update file.

export function freshFile(w: PlatformWriter, copies: ApprovedCopy[]): ExportResult {
  const deferred: ExportResult['deferred'] = [];
  const groups = new Map<string, ApprovedCopy[]>();
  for (const copy of copies) {
    const key = draftedFields(w, copy).map(([f]) => f).join(',');
    if (key === '') deferred.push({ handle: copy.handle, itemIds: copy.itemIds, reason: `no ${w.format} field in the approved copy` });
    else if (copy.title.trim() === '') deferred.push({ handle: copy.handle, itemIds: copy.itemIds, reason: 'no product title' });
    // A key or title that looks like a formula would be written with a `'` the importer keeps: the product would be renamed or not found.
    else if ([copy.handle.replace(/^id:/, ''), copy.title].some((v) => neutralise(v) !== v)) {
      deferred.push({ handle: copy.handle, itemIds: copy.itemIds, reason: 'its handle, SKU or title starts with = + - @: export it with --source' });
    }
    else groups.set(key, [...(groups.get(key) ?? []), copy]);
  }
  // The file's columns: the field set shared by the most copies (ties: more fields, then first seen).
  const rank = (key: string): [number, number] => [groups.get(key)!.length, key.split(',').length];
  let best: string | undefined;
  for (const key of groups.keys()) {
    if (best === undefined) best = key;
    const [n, f] = rank(key);
    const [bn, bf] = rank(best);
    if (n > bn || (n === bn && f > bf)) best = key;
  }
  const chosen = best === undefined ? [] : (best.split(',') as CopyField[]);
  for (const [key, list] of groups) {
    if (key === best) continue;
    const reason = `its approved fields (${key}) differ from this file's columns (${best}), and an empty cell would erase the store's copy; export with --source <your export> to carry every product`;
    for (const c of list) deferred.push({ handle: c.handle, itemIds: c.itemIds, reason });
  }
  const list = best === undefined ? [] : groups.get(best)!;
  const { header, rows: rowsOut } = w.freshTable(list, chosen);
  const carried: ExportResult['carried'] = [];
  list.forEach((c, i) => carried.push({ handle: c.handle, itemIds: c.itemIds, line: 2 + i + lineBreaksBefore(rowsOut, i) }));
  const csv = stringify([header, ...rowsOut], { record_delimiter: '\n' });
  return { bytes: Buffer.from(w.bom + csv, 'utf8'), carried, notFound: [], rows: rowsOut.length, deferred };
}

/** Line breaks inside the cells of the rows before row `i` (Shopify descriptions may span lines). */
function lineBreaksBefore(rows: string[][], i: number): number {
  let n = 0;
  for (let r = 0; r < i; r++) for (const cell of rows[r]!) n += (cell.match(/\r\n|\r|\n/g) ?? []).length;
  return n;
}
