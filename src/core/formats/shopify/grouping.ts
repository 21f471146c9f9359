/**
 * Grouping the rows of a line-item export (Shopify orders, abandoned checkouts) by `Name`.
 *
 * Real exports keep an order's rows together, so only the current group is buffered, plus a Set of
 * finished names (a million-row file has half a million: nothing more is kept per name). When a
 * name comes back after other groups (a sorted or edited file), nothing is lost: after the pass the
 * file is read again (`input.rows()` a second time) for those names only, and each such group is
 * built once more from all its rows and yielded after the others (a record whose key was already
 * yielded replaces it), with one warning naming them. Only such files are read twice.
 */
import type { CsvRow } from '../../csv/types.js';
import type { ImportInput } from '../records.js';
import { detached } from '../../lib/text.js';
import { text } from '../values.js';
import { type Col } from '../columns.js';
import { cell, type Report } from './common.js';

/**
 * Groups rows by Name (see above) and yields what `build` makes of each group. Problems met
 * while re-building a scattered order are not reported twice for the rows already read.
 * `keyedByName`: the record's key is its Name, so a group that `input.unchanged` knows is not built.
 */
export async function* grouped<R>(
  input: ImportInput,
  nameCol: Col,
  what: string,
  buildGroup: (rows: CsvRow[], report: Report) => R | undefined,
  keyedByName = false,
): AsyncGenerator<R> {
  const report: Report = (p) => input.problem(p);
  const known = keyedByName ? input.unchanged : undefined;
  const build = (rows: CsvRow[], report: Report): R | undefined =>
    known?.(text(cell(rows[0]!, nameCol))!, rows) ? undefined : buildGroup(rows, report);
  const done = new Set<string>();
  const scattered = new Set<string>();
  let cur: { name: string; rows: CsvRow[] } | undefined;
  let fragment: string | undefined; // the name of a run of rows of an order already finished
  let nameless: number[] = []; // rows without a Name, reported after the group they interrupt
  const reportNameless = () => {
    for (const line of nameless) report({ line, column: nameCol.label, message: `no ${nameCol.label}; row skipped` });
    nameless = [];
  };
  for await (const row of input.rows()) {
    const name = text(cell(row, nameCol));
    if (name === undefined) {
      if (cur) nameless.push(row.line);
      else report({ line: row.line, column: nameCol.label, message: `no ${nameCol.label}; row skipped` });
      continue;
    }
    if (cur?.name === name) {
      cur.rows.push(row);
      continue;
    }
    if (fragment === name) continue;
    if (cur) {
      done.add(detached(cur.name)); // kept for the whole file: see detached()
      const r = build(cur.rows, report);
      cur = undefined;
      reportNameless();
      if (r !== undefined) yield r;
    }
    fragment = undefined;
    if (done.has(name)) {
      scattered.add(name);
      fragment = name;
    } else cur = { name, rows: [row] };
  }
  if (cur) {
    done.add(cur.name);
    const r = build(cur.rows, report);
    reportNameless();
    if (r !== undefined) yield r;
  }
  if (scattered.size === 0) return;

  const names = [...scattered];
  const shown = names.slice(0, 5).join(', ') + (names.length > 5 ? ` and ${names.length - 5} more` : '');
  input.warn({
    file: input.file,
    column: nameCol.label,
    message: `the rows of ${what}s ${shown} are not next to each other (was the file sorted?); each was read as one ${what} from all its rows`,
  });
  // Each scattered group's rows, and the lines of its first run (built and reported in the pass
  // above): from its first row to the last before a row with another name.
  const rest = new Map<string, CsvRow[]>();
  const firstRun = new Map<string, [number, number]>();
  let open: string | undefined; // the name whose first run the last named row was in
  for await (const row of input.rows()) {
    const name = text(cell(row, nameCol));
    if (name === undefined) continue;
    if (open !== undefined && name !== open) open = undefined;
    if (!scattered.has(name)) continue;
    const rows = rest.get(name);
    if (rows) rows.push(row);
    else {
      rest.set(name, [row]);
      firstRun.set(name, [row.line, row.line]);
      open = name;
    }
    if (open === name) firstRun.get(name)![1] = row.line;
  }
  for (const [name, rows] of rest) {
    const [from, to] = firstRun.get(name)!;
    const r = build(rows, (p) => {
      if (p.line < from || p.line > to) report(p);
    });
    if (r !== undefined) yield r;
  }
}
