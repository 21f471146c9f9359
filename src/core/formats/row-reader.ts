/**
 * The row reader of the generic, review, WooCommerce and Etsy adapters: cells read by column name,
 * every unreadable cell of a row reported (not only the first), and `failed` telling the adapter to
 * skip the record.
 */
import type { CsvRow } from '../csv/types.js';
import type { ImportInput, OrderRecord } from './records.js';
import { detached } from '../lib/text.js';
import { money } from './values.js';
import { type Columns, readCell, RowSkip } from './columns.js';

export class RowReader {
  row: CsvRow = { line: 0, cells: [] };
  failed = false;

  constructor(
    private readonly input: ImportInput,
    private readonly cols: Columns,
  ) {}

  start(row: CsvRow): this {
    this.row = row;
    this.failed = false;
    return this;
  }

  /** The column's header cell as written (for messages). */
  label(name: string): string {
    return this.cols.label(name);
  }

  /** The raw cell; undefined when the column is absent. */
  raw(name: string): string | undefined {
    const i = this.cols.index(name);
    return i === undefined ? undefined : this.row.cells[i];
  }

  /** A row problem about this row (the record is skipped). */
  problem(name: string | undefined, message: string, value?: string): void {
    this.failed = true;
    this.input.problem({
      line: this.row.line,
      ...(name === undefined ? {} : { column: this.cols.label(name) }),
      ...(value === undefined ? {} : { value }),
      message,
    });
  }

  /** A cell through a value reader; an unreadable cell is a row problem and gives undefined. */
  read<T>(name: string, fn: (raw: string | undefined) => T): T | undefined {
    return this.attempt(name, fn)?.value;
  }

  /** Like read, but an empty cell is a row problem too: `what` names the value ('the order date'). */
  need<T>(name: string, fn: (raw: string | undefined) => T, what: string): Exclude<T, undefined> | undefined {
    const got = this.attempt(name, fn);
    if (got === undefined) return undefined;
    if (got.value === undefined) {
      this.problem(name, `${what} is empty`, (this.raw(name) ?? '').trim());
      return undefined;
    }
    return got.value as Exclude<T, undefined>;
  }

  money(name: string): number | undefined {
    return this.read(name, (raw) => money(raw, { decimalComma: this.input.settings.decimalComma }));
  }

  /** The value, or undefined when the cell could not be read (the problem is reported). */
  private attempt<T>(name: string, fn: (raw: string | undefined) => T): { value: T } | undefined {
    try {
      return { value: readCell(fn, this.raw(name), this.cols.label(name)) };
    } catch (err) {
      if (!(err instanceof RowSkip)) throw err;
      this.problem(name, err.problem.message, err.problem.value);
      return undefined;
    }
  }
}

/**
 * The records of a table of one record per row, each built from a RowReader started on its row;
 * a row with an unreadable cell, or for which `build` gives undefined, is skipped.
 */
export async function* perRow<T>(input: ImportInput, cols: Columns, build: (r: RowReader, row: CsvRow) => T | undefined): AsyncIterable<T> {
  const r = new RowReader(input, cols);
  for await (const row of input.rows()) {
    const record = build(r.start(row), row);
    if (!r.failed && record !== undefined) yield record;
  }
}

/** An order being put together from its rows (createdAt may come on a later row). */
export interface PendingOrder {
  record: Omit<OrderRecord, 'createdAt'> & { createdAt?: OrderRecord['createdAt'] };
  failed: boolean;
}

/**
 * Rows grouped into orders (an order's rows need not be adjacent): `keyOf` reads the row's order id
 * (a row without one is left out), `start` makes the order the first time its id is seen, `add`
 * reads the row into it. An order with an unreadable cell on any of its rows is marked failed.
 */
export async function groupOrders<P extends PendingOrder>(
  input: ImportInput,
  cols: Columns,
  keyOf: (r: RowReader) => string | undefined,
  start: (key: string, line: number) => P,
  add: (r: RowReader, row: CsvRow, order: P, key: string) => void,
): Promise<P[]> {
  const r = new RowReader(input, cols);
  const orders = new Map<string, P>();
  for await (const row of input.rows()) {
    const key = keyOf(r.start(row));
    if (key === undefined) continue;
    // What the orders keep of the row lasts until the file ends: cut loose from the file's text.
    row.cells = row.cells.map(detached);
    let order = orders.get(key);
    if (!order) {
      order = start(key, row.line);
      orders.set(key, order);
    }
    add(r, row, order, key);
    if (r.failed) order.failed = true;
  }
  return [...orders.values()];
}
