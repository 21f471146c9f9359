/**
 * Grouping the rows of a line-item export (Shopify orders, abandoned checkouts) by `Name`.
 *
 * Real exports keep an order's rows together, so only the current group is buffered, plus a Map of
 * finished names (first and last line). When a name comes back after other groups (a sorted or
 * edited file), nothing is lost: after the pass the file is read again (`input.rows()` a second
 * time) for those names only, and each such group is built once more from all its rows and yielded
 * after the others (a record whose key was already yielded replaces it), with one warning naming
 * them. Only such files are read twice.
 */
import type { CsvRow } from '../../csv/types.js';
import type { ImportInput } from '../types.js';
import { text } from '../values.js';
import { type Col } from './columns.js';
import { cell, type Report } from './shopify-common.js';

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
  const done = new Map<string, [number, number]>();
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
      done.set(cur.name, [cur.rows[0]!.line, cur.rows[cur.rows.length - 1]!.line]);
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
    done.set(cur.name, [cur.rows[0]!.line, cur.rows[cur.rows.length - 1]!.line]);
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
  const rest = new Map<string, CsvRow[]>();
  for await (const row of input.rows()) {
    const name = text(cell(row, nameCol));
    if (name === undefined || !scattered.has(name)) continue;
    const rows = rest.get(name);
    if (rows) rows.push(row);
    else rest.set(name, [row]);
  }
  for (const [name, rows] of rest) {
    const [from, to] = done.get(name)!;
    const r = build(rows, (p) => {
      if (p.line < from || p.line > to) report(p);
    });
    if (r !== undefined) yield r;
  }
}
