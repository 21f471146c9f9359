import type { Db } from '../db/open.js';
import { stmt } from '../db/statements.js';
import { isFlagged, type Claim } from '../claims/types.js';
import { isProductCopy, type Check, type Item, type ItemEvent, type ItemStatus, type ItemSummary, type NewItem } from './types.js';

interface ItemRow {
  id: number;
  kind: string;
  subject: string;
  title: string;
  template: string;
  template_hash: string;
  provider: string;
  input_hash: string;
  source_file: string | null;
  source_snapshot: string;
  fields: string;
  drafted_fields: string;
  checks: string;
  claims: string;
  status: ItemStatus;
  created_at: string;
  decided_at: string | null;
  reason: string | null;
}

function toItem(r: ItemRow): Item {
  const checks = JSON.parse(r.checks) as Check[];
  const claims = JSON.parse(r.claims) as Claim[];
  // The kind and its source were written together by insertItem; the row is trusted to match.
  return {
    id: r.id,
    kind: r.kind,
    handle: r.subject,
    title: r.title,
    template: r.template,
    status: r.status,
    createdAt: r.created_at,
    decidedAt: r.decided_at,
    errors: checks.filter((c) => c.level === 'error').length,
    warnings: checks.filter((c) => c.level === 'warning').length,
    flags: claims.filter(isFlagged).length,
    templateHash: r.template_hash,
    provider: r.provider,
    inputHash: r.input_hash,
    sourceFile: r.source_file,
    source: JSON.parse(r.source_snapshot) as unknown,
    fields: JSON.parse(r.fields) as Record<string, string>,
    draftedFields: JSON.parse(r.drafted_fields) as Record<string, string>,
    checks,
    claims,
    reason: r.reason,
  } as Item;
}

export function addEvent(db: Db, itemId: number, action: string, at: string, detail?: unknown): void {
  stmt(db, 'insert into item_events (item_id, at, action, detail) values (?, ?, ?, ?)').run(
    itemId,
    at,
    action,
    detail === undefined ? null : JSON.stringify(detail),
  );
}

export function insertItem(db: Db, item: NewItem, at: string): number {
  const fields = JSON.stringify(item.fields);
  const id = Number(
    stmt(db, 
        `insert into items (kind, subject, product_handle, title, template, template_hash, provider, input_hash, source_file,
           source_snapshot, fields, drafted_fields, checks, claims, status, created_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?)`,
      )
      .run(
        item.kind,
        item.handle,
        isProductCopy(item) ? item.handle : null,
        item.title,
        item.template,
        item.templateHash,
        item.provider,
        item.inputHash,
        item.sourceFile,
        JSON.stringify(item.source),
        fields,
        fields,
        JSON.stringify(item.checks),
        JSON.stringify(item.claims ?? []),
        at,
      ).lastInsertRowid,
  );
  addEvent(db, id, 'drafted', at, { provider: item.provider, template: item.template });
  return id;
}

/** The newest item for a subject (a product) and template that is not superseded, if any. */
export function currentItem(db: Db, handle: string, template: string): { id: number; inputHash: string; status: ItemStatus; createdAt: string } | undefined {
  return stmt(db, 
      `select id, input_hash as inputHash, status, created_at as createdAt from items
       where subject = ? and template = ? and status != 'superseded' order by id desc limit 1`,
    )
    .get(handle, template) as { id: number; inputHash: string; status: ItemStatus; createdAt: string } | undefined;
}

/** A changed subject's (a product's) older pending drafts give way to the new one. */
export function supersedePending(db: Db, handle: string, template: string, at: string, byItem: number): number {
  const ids = stmt(db, `select id from items where subject = ? and template = ? and status = 'pending' and id != ?`)
    .pluck()
    .all(handle, template, byItem) as number[];
  const upd = stmt(db, `update items set status = 'superseded', decided_at = ? where id = ?`);
  for (const id of ids) {
    upd.run(at, id);
    addEvent(db, id, 'superseded', at, { by: byItem });
  }
  return ids.length;
}

const SUMMARY_COLUMNS = `id, kind, subject, title, template, template_hash, provider, input_hash, source_file,
  '{}' as source_snapshot, fields, drafted_fields, checks, claims, status, created_at, decided_at, reason`;

export function listItems(db: Db, filter: { status?: ItemStatus | undefined; kind?: string | undefined }): ItemSummary[] {
  const where: string[] = [];
  const args: string[] = [];
  if (filter.status) {
    where.push('status = ?');
    args.push(filter.status);
  }
  if (filter.kind) {
    where.push('kind = ?');
    args.push(filter.kind);
  }
  const sql = `select ${SUMMARY_COLUMNS} from items ${where.length ? `where ${where.join(' and ')}` : ''} order by id`;
  return (stmt(db, sql).all(...args) as ItemRow[]).map((r) => {
    const { id, kind, handle, title, template, status, createdAt, decidedAt, errors, warnings, flags } = toItem(r);
    return { id, kind, handle, title, template, status, createdAt, decidedAt, errors, warnings, flags };
  });
}

export function getItem(db: Db, id: number): Item | undefined {
  const r = stmt(db, 'select * from items where id = ?').get(id) as ItemRow | undefined;
  return r ? toItem(r) : undefined;
}

export function itemEvents(db: Db, id: number): ItemEvent[] {
  return (stmt(db, 'select at, action, detail from item_events where item_id = ? order by id').all(id) as {
    at: string;
    action: string;
    detail: string | null;
  }[]).map((e) => ({ at: e.at, action: e.action, detail: e.detail ? (JSON.parse(e.detail) as unknown) : null }));
}

export function setStatus(db: Db, id: number, status: 'approved' | 'rejected', at: string, reason: string | null): void {
  stmt(db, 'update items set status = ?, decided_at = ?, reason = ? where id = ?').run(status, at, reason, id);
}

export function setFields(db: Db, id: number, fields: Record<string, string>, checks: Check[], claims: Claim[]): void {
  stmt(db, 'update items set fields = ?, checks = ?, claims = ? where id = ?').run(
    JSON.stringify(fields),
    JSON.stringify(checks),
    JSON.stringify(claims),
    id,
  );
}

/** The newest approved item of each subject (product) and template, oldest first. Only approved rows. */
export function approvedItems(db: Db, templates: string[]): Item[] {
  if (templates.length === 0) return [];
  const marks = templates.map(() => '?').join(', ');
  const rows = stmt(db, 
      `select * from items i where status = 'approved' and template in (${marks})
         and id = (select max(id) from items j where j.subject = i.subject
                   and j.template = i.template and j.status = 'approved')
       order by id`,
    )
    .all(...templates) as ItemRow[];
  return rows.map(toItem);
}

/** The newest pending draft for the same subject (product) and template, newer than this item, if any. */
export function newerPending(db: Db, item: Pick<Item, 'id' | 'handle' | 'template'>): number | undefined {
  const row = stmt(
    db,
    `select max(id) as id from items where subject = ? and template = ? and status = 'pending' and id > ?`,
  ).get(item.handle, item.template, item.id) as { id: number | null };
  return row.id ?? undefined;
}
