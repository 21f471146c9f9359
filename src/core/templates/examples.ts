import type { Db } from '../db/open.js';
import { stmt } from '../db/statements.js';
import { UserError } from '../errors.js';

/** One field of one owner's edit in review: the draft before and the owner's text after. */
export interface EditPair {
  /** The edit's id (its history event), used to promote it. */
  edit: number;
  item: number;
  handle: string;
  template: string;
  at: string;
  field: string;
  before: string;
  after: string;
  /** The example id when promoted. */
  example: number | null;
}

export interface TemplateExample {
  id: number;
  template: string;
  item: number;
  field: string;
  before: string;
  after: string;
  createdAt: string;
}

interface EditRow {
  edit: number;
  item: number;
  handle: string;
  template: string;
  at: string;
  detail: string;
}

/** Every edit made in review, newest first, one pair per changed field. */
export function editPairs(db: Db, filter: { template?: string | undefined } = {}): EditPair[] {
  const rows = stmt(
    db,
    `select e.id as edit, i.id as item, i.subject as handle, i.template, e.at, e.detail
     from item_events e join items i on i.id = e.item_id
     where e.action = 'edited' and (? is null or i.template = ?) order by e.id desc`,
  ).all(filter.template ?? null, filter.template ?? null) as EditRow[];
  const promoted = stmt(db, 'select id, item_id, field, after from template_examples').all() as { id: number; item_id: number; field: string; after: string }[];
  return rows.flatMap((r) => {
    const d = JSON.parse(r.detail) as { before: Record<string, string>; after: Record<string, string> };
    return Object.keys(d.after).map((field) => ({
      edit: r.edit,
      item: r.item,
      handle: r.handle,
      template: r.template,
      at: r.at,
      field,
      before: d.before[field] ?? '',
      after: d.after[field]!,
      example: promoted.find((p) => p.item_id === r.item && p.field === field && p.after === d.after[field])?.id ?? null,
    }));
  });
}

/**
 * Makes the named edits few-shot examples of their template: a model drafting that template sees
 * them. One example per item and field: promoting a later edit of the same field replaces it.
 */
export function promoteExamples(db: Db, edits: number[], at: string): TemplateExample[] {
  const pairs = editPairs(db);
  const missing = edits.filter((e) => !pairs.some((p) => p.edit === e));
  if (missing.length > 0) throw new UserError(`no edit ${missing.join(', ')} (see: shopflow review examples)`);
  const chosen = pairs.filter((p) => edits.includes(p.edit));
  const upsert = stmt(
    db,
    `insert into template_examples (template, item_id, field, before, after, created_at) values (?, ?, ?, ?, ?, ?)
     on conflict (item_id, field) do update set before = excluded.before, after = excluded.after, created_at = excluded.created_at
     returning id`,
  );
  const ids = db.transaction(() => chosen.map((p) => (upsert.get(p.template, p.item, p.field, p.before, p.after, at) as { id: number }).id))();
  return templateExamples(db).filter((e) => ids.includes(e.id));
}

export function templateExamples(db: Db, template?: string): TemplateExample[] {
  return stmt(
    db,
    `select id, template, item_id as item, field, before, after, created_at as createdAt from template_examples
     where (? is null or template = ?) order by id`,
  ).all(template ?? null, template ?? null) as TemplateExample[];
}

export function removeExample(db: Db, id: number): void {
  const r = stmt(db, 'delete from template_examples where id = ?').run(id);
  if (r.changes === 0) throw new UserError(`there is no example ${id} (see: shopflow review examples --promoted)`);
}

/** The few-shot part of a model's instructions: how the owner rewrote earlier drafts. */
export function examplesSection(examples: TemplateExample[], max = 3): string {
  if (examples.length === 0) return '';
  const shown = examples.slice(-max);
  return [
    'How the owner edited earlier drafts of this template (follow the owner\'s version):',
    ...shown.map((e, i) => `Example ${i + 1}, field "${e.field}"\nDraft:\n${e.before}\nOwner's version:\n${e.after}`),
  ].join('\n\n');
}

/** A model's instructions with the template's promoted examples (the caller asks only for a provider that reads them). */
export function withExamples(db: Db, template: string, system: string): string {
  const section = examplesSection(templateExamples(db, template));
  return section ? `${system}\n\n${section}` : system;
}
