/**
 * The column machinery every import adapter shares: columns found by name (never by position),
 * cells read with the value readers (a ValueError becoming a row problem that names the line, the
 * column and the cell), the missing-column InputError, detection scores, and keys for rows that
 * have no id.
 * Columns are looked up through header.ts.
 */
import { createHash } from 'node:crypto';
import { InputError } from '../errors.js';
import { Columns, type Col, type Matching } from './header.js';
import { compact } from '../lib/objects.js';
import type { ImportInput, Probe, RowProblem } from './records.js';
import { detached } from '../lib/text.js';
import { ValueError } from './values.js';

export { Columns, compact, type Col, type Matching };

// --- reading cells ------------------------------------------------------------------------------

/** A row problem on its way out of a record builder: the row is skipped and the problem reported (at `line` when given). */
export class RowSkip extends Error {
  constructor(readonly problem: Omit<RowProblem, 'line'> & { line?: number }) {
    super(problem.message);
    this.name = 'RowSkip';
  }
}

/** Reads one cell with a value reader; a ValueError becomes a RowSkip naming the column and the cell. */
export function readCell<T>(read: (raw: string | undefined) => T, raw: string | undefined, column: string): T {
  try {
    return read(raw);
  } catch (err) {
    if (err instanceof ValueError) throw new RowSkip({ column, value: (raw ?? '').trim(), message: err.message });
    throw err;
  }
}

/** readCell on a row's cells; an absent column gives undefined without asking the reader. */
export function cellValue<T>(read: (raw: string | undefined) => T, cells: readonly string[], col: Col | undefined): T | undefined {
  return col ? readCell(read, cells[col.index], col.label) : undefined;
}

/** cellValue for a value the row cannot do without: an empty cell is a RowSkip with `message`. */
export function needCell<T>(read: (raw: string | undefined) => T, cells: readonly string[], col: Col, message: string): Exclude<T, undefined> {
  const v = cellValue(read, cells, col);
  if (v === undefined || v === '') throw new RowSkip({ column: col.label, value: '', message });
  return v as Exclude<T, undefined>;
}

/** Runs a record builder over a row; a RowSkip becomes input.problem and `undefined`. */
export function guarded<T>(input: ImportInput, line: number, build: () => T): T | undefined {
  try {
    return build();
  } catch (err) {
    if (!(err instanceof RowSkip)) throw err;
    input.problem({ line, ...err.problem });
    return undefined;
  }
}

/** Keys already taken in a file; a second row with the same key is a row problem. */
export class SeenKeys {
  private readonly lines = new Map<string, number>();

  /** Throws a RowSkip when `key` was taken; `what` names it in the message. */
  check(key: string, what: string): void {
    const first = this.lines.get(key);
    if (first !== undefined) throw new RowSkip({ message: `${what} was already on line ${first}; this row was skipped` });
  }

  add(key: string, line: number): void {
    this.lines.set(detached(key), line); // kept for the whole file: see detached()
  }

  claim(key: string, line: number, what: string): void {
    this.check(key, what);
    this.add(key, line);
  }
}

// --- missing columns ----------------------------------------------------------------------------

/** A column a layout cannot do without is absent: a structure problem, thrown before anything is imported. */
export function columnError(file: string, column: string | undefined, message: string, line = 1): InputError {
  return new InputError({ file, line, column }, message);
}

/** The missing-column error of the email and traffic adapters: why the column is needed, and what the header has. */
export function missingColumn(file: string, header: readonly string[], name: string, why: string, line = 1): InputError {
  const found = header.map((h) => h.trim()).filter((h) => h !== '');
  const shown = found.length === 0 ? '(none)' : found.slice(0, 20).join(', ') + (found.length > 20 ? ', …' : '');
  return columnError(file, name, `no "${name}" column; ${why} (found: ${shown})`, line);
}

/** Throws the missing-column error of the generic, review, WooCommerce and Etsy adapters for the first of `names` absent. */
export function requireColumns(input: ImportInput, cols: Columns, names: readonly string[], layout: string): void {
  const absent = names.find((n) => !cols.has(n));
  if (absent === undefined) return;
  throw columnError(input.file, absent, `this column is missing, and a ${layout} cannot be read without it (columns are matched by name, in any order)`);
}

/** Like requireColumns, for a group of which any one column will do. */
export function requireOneOf(input: ImportInput, cols: Columns, group: readonly string[], layout: string): void {
  if (cols.has(...group)) return;
  const names = group.map((n) => `"${n}"`).join(', ');
  throw columnError(input.file, group[0], `a ${layout} needs one of the columns ${names}, and none of them is in this file`);
}

// --- detection ----------------------------------------------------------------------------------

/**
 * Detection for a platform layout (reviews, WooCommerce, Etsy): 0 unless every required column (and
 * one of each `oneOf` group) is present; then 20 + the number of the layout's known columns present,
 * so a layout that explains more of the file wins. Platform scores start at 21; generic ones stay at 5 or below.
 */
export function platformScore(
  probe: Probe,
  spec: { required: readonly string[]; oneOf?: readonly (readonly string[])[]; known: readonly string[] },
): number {
  const cols = new Columns(probe.header, 'compact');
  if (!cols.hasAll(...spec.required)) return 0;
  if (!(spec.oneOf ?? []).every((group) => cols.has(...group))) return 0;
  return 20 + cols.known([...spec.required, ...spec.known]);
}

/**
 * Detection for a generic sheet, on a 1–5 scale below every platform layout: 0 unless every
 * required column is present and the share of the header's columns that belong to the form is at
 * least `minShare`; then 1 + round(4 × share). The generic forms (compact names) want a third, and
 * count blank header cells as columns; the email and traffic sheets (loose names) want no minimum,
 * and leave blank header cells out.
 */
export function sheetScore(
  header: readonly string[],
  form: { required: readonly string[]; optional: readonly string[] },
  how: { matching: Matching; minShare: number; blankHeaders: 'count' | 'ignore' },
): number {
  const cols = new Columns(how.blankHeaders === 'count' ? header : header.filter((h) => h.trim() !== ''), how.matching);
  if (cols.labels.length === 0 || !cols.hasAll(...form.required)) return 0;
  const share = cols.known([...form.required, ...form.optional]) / cols.labels.length;
  return share < how.minShare ? 0 : 1 + Math.round(4 * share);
}

/** A file whose first non-blank line is a `#` comment (a GA4 download): never a generic sheet. */
export const commentFirst = (probe: Probe): boolean => probe.firstLines.find((l) => l.trim() !== '')?.startsWith('#') ?? false;

// --- records ------------------------------------------------------------------------------------

/** First 16 hex digits of the sha256 of the parts joined with `|`: a key for rows without an id. */
export function hashKey(parts: readonly (string | undefined)[]): string {
  return createHash('sha256').update(parts.map((p) => p ?? '').join('|')).digest('hex').slice(0, 16);
}
