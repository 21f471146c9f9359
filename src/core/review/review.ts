import type { Db } from '../db/open.js';
import { UserError } from '../errors.js';
import {
  addEvent,
  getItem,
  itemEvents,
  listItems,
  setFields,
  setStatus,
  type Item,
  type ItemEvent,
  type ItemStatus,
  type ItemSummary,
} from '../queue/index.js';
import { claimMessage, isFlagged, type GuardContext } from '../claims/guard.js';
import { kindReview } from './kinds.js';

export interface ReviewDeps {
  db: Db;
  now: () => Date;
  templatesDir?: string | undefined;
  /** The store's claims vocabulary and policies; the shipped vocabulary when not given. */
  guard?: GuardContext | undefined;
}

export function reviewList(db: Db, filter: { status?: ItemStatus | undefined; kind?: string | undefined }): ItemSummary[] {
  return listItems(db, filter);
}

export interface ItemDetail {
  item: Item;
  /** What the store has today for each drafted field (as exported: HTML), when the export had it. */
  current: Record<string, string>;
  events: ItemEvent[];
}

export function reviewShow(db: Db, id: number): ItemDetail {
  const item = mustGet(db, id);
  return { item, current: kindReview(item).current(item), events: itemEvents(db, id) };
}

export interface ApproveOptions {
  /** Approve despite failing checks; the note is recorded with the decision. */
  override?: string | undefined;
}

/**
 * Approves pending items. All ids are checked first, so one bad id approves nothing.
 * An item with failing checks (error level) or unsupported/contradicted claims needs an override note.
 */
export function approve(deps: ReviewDeps, ids: number[], opts: ApproveOptions = {}): Item[] {
  const items = ids.map((id) => mustGet(deps.db, id));
  const override = opts.override?.trim();
  if (opts.override !== undefined && !override) throw new UserError('--override needs a note saying why', 2);
  const problems: string[] = [];
  for (const it of items) {
    if (it.status !== 'pending') problems.push(`item ${it.id} is ${it.status}, not pending`);
    else if (it.errors > 0 && !override) {
      const first = it.checks.find((c) => c.level === 'error')!;
      problems.push(`item ${it.id} (${it.handle}) fails a check: ${first.message} — edit it, or approve with --override "why"`);
    } else if (it.flags > 0 && !override) {
      const first = it.claims.find(isFlagged)!;
      problems.push(
        `item ${it.id} (${it.handle}) has ${it.flags} unchecked claim${it.flags === 1 ? '' : 's'}: ${claimMessage(first)} — ` +
          `edit it, remove the claim (review remove-claim ${it.id} N), or approve with --override "why"`,
      );
    }
  }
  if (problems.length > 0) throw new UserError(`nothing approved:\n  ${problems.join('\n  ')}`);
  const at = deps.now().toISOString();
  deps.db.transaction(() => {
    for (const it of items) {
      setStatus(deps.db, it.id, 'approved', at, null);
      const flagged = it.claims.filter(isFlagged).map((c) => ({ text: c.text, verdict: c.verdict }));
      addEvent(
        deps.db,
        it.id,
        'approved',
        at,
        it.errors > 0 || flagged.length > 0 ? { override, ...(flagged.length ? { claims: flagged } : {}) } : undefined,
      );
    }
  })();
  return items.map((it) => mustGet(deps.db, it.id));
}

export function reject(deps: ReviewDeps, ids: number[], reason: string): Item[] {
  if (!reason.trim()) throw new UserError('a rejection needs a reason (--reason "…"): it is what the next draft learns from', 2);
  const items = ids.map((id) => mustGet(deps.db, id));
  const wrong = items.filter((it) => it.status !== 'pending');
  if (wrong.length > 0) {
    throw new UserError(`nothing rejected:\n  ${wrong.map((it) => `item ${it.id} is ${it.status}, not pending`).join('\n  ')}`);
  }
  const at = deps.now().toISOString();
  deps.db.transaction(() => {
    for (const it of items) {
      setStatus(deps.db, it.id, 'rejected', at, reason);
      addEvent(deps.db, it.id, 'rejected', at, { reason });
    }
  })();
  return items.map((it) => mustGet(deps.db, it.id));
}

/** Replaces a pending item's text with the owner's edit, re-runs its checks, records before and after. */
export function edit(deps: ReviewDeps, id: number, fields: Record<string, string>, note?: Record<string, unknown>): Item {
  const item = mustGet(deps.db, id);
  if (item.status !== 'pending') throw new UserError(`item ${id} is ${item.status}; only pending items can be edited`);
  const unknown = Object.keys(fields).filter((k) => !(k in item.fields));
  if (unknown.length > 0) throw new UserError(`item ${id} has no field ${unknown.map((k) => `"${k}"`).join(', ')}`);
  const next = { ...item.fields, ...fields };
  const changed = Object.keys(fields).filter((k) => fields[k] !== item.fields[k]);
  if (changed.length === 0) return item;
  const { checks, claims } = kindReview(item).recheck(item, next, deps);
  const at = deps.now().toISOString();
  deps.db.transaction(() => {
    setFields(deps.db, id, next, checks, claims);
    addEvent(deps.db, id, 'edited', at, {
      before: Object.fromEntries(changed.map((k) => [k, item.fields[k]])),
      after: Object.fromEntries(changed.map((k) => [k, next[k]])),
      ...note,
    });
  })();
  return mustGet(deps.db, id);
}

/** Why an item is not passing, in a few words: a failing check, flagged claims, or its length. */
function whyHeld(it: Pick<Item, 'errors' | 'flags'>): string {
  if (it.errors > 0) return 'fails a check';
  if (it.flags > 0) return `${it.flags} flagged claim${it.flags === 1 ? '' : 's'}`;
  return 'length warning';
}

/** Passing: no failing check, no length warning, no unsupported or contradicted claim. */
export const isPassing = (it: Pick<Item, 'errors' | 'flags' | 'checks'>): boolean =>
  it.errors === 0 && it.flags === 0 && !it.checks.some((c) => c.rule === 'length');

/** `review approve --all-passing`: every pending item that passes; the others stay pending. */
export function approveAllPassing(deps: ReviewDeps): { approved: Item[]; held: Array<ItemSummary & { why: string }> } {
  const pending = listItems(deps.db, { status: 'pending' });
  const passing: number[] = [];
  const held: Array<ItemSummary & { why: string }> = [];
  for (const s of pending) {
    const it = mustGet(deps.db, s.id);
    if (isPassing(it)) passing.push(it.id);
    else held.push({ ...s, why: whyHeld(it) });
  }
  return { approved: passing.length ? approve(deps, passing) : [], held };
}

export function mustGet(db: Db, id: number): Item {
  if (!Number.isInteger(id) || id <= 0) throw new UserError(`"${id}" is not an item id (see: shopflow review list)`, 2);
  const item = getItem(db, id);
  if (!item) throw new UserError(`there is no item ${id} (see: shopflow review list)`);
  return item;
}
