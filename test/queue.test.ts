import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { Chalk } from 'chalk';
import { openDb, type Db } from '../src/core/db/open.js';
import { migrations } from '../src/core/db/migrations.js';
import {
  approvedItems,
  currentItem,
  getItem,
  insertItem,
  itemEvents,
  listItems,
  setStatus,
  supersedePending,
  type NewItem,
} from '../src/core/queue/index.js';
import { approve, edit, reject, reviewList, reviewShow } from '../src/core/review/review.js';
import { renderItem, renderList } from '../src/cli/render-item.js';
import { query, runCli, tempDir } from './helpers.js';

const AT = '2026-11-27T12:00:00.000Z';
const plain = new Chalk({ level: 0 });

function note(subject: string, text: string): NewItem {
  return {
    kind: 'note', handle: subject, title: `Note: ${subject}`, template: 'note', templateHash: '', provider: 'owner',
    inputHash: `note-${subject}`, sourceFile: null, source: { about: 'the shop banner' }, fields: { text }, checks: [],
  };
}

function productCopy(handle: string): NewItem {
  return {
    kind: 'product_copy', handle, title: 'Mug', template: 'product-description', templateHash: 'h', provider: 'offline',
    inputHash: `in-${handle}`, sourceFile: 'p.csv', fields: { body_html: '<p>A mug.</p>' }, checks: [],
    source: { handle, title: 'Mug', description: '<p>Old.</p>', tags: [], materials: [], options: [], variants: [], facts: {},
      source: { file: 'p.csv', platform: 'shopify', line: 2 } },
  };
}

function store(): { dir: string; path: string; db: Db } {
  const dir = tempDir();
  const path = join(dir, 'shopflow.db');
  return { dir, path, db: openDb(path) };
}

describe('the review queue holds items of any kind', () => {
  test('a note is stored, listed and shown through the queue, with its own source', () => {
    const { db } = store();
    const id = insertItem(db, note('banner', 'Closed from 24 to 26 December.'), AT);
    insertItem(db, productCopy('mug'), AT);
    expect(listItems(db, { kind: 'note' })).toEqual([
      { id, kind: 'note', handle: 'banner', title: 'Note: banner', template: 'note', status: 'pending', createdAt: AT, decidedAt: null,
        errors: 0, warnings: 0, flags: 0 },
    ]);
    const item = getItem(db, id)!;
    expect(item.kind === 'note' && item.source.about).toBe('the shop banner');
    expect(itemEvents(db, id).map((e) => e.action)).toEqual(['drafted']);
    // A note is about no product; product copy keeps the product's handle, and both have a subject.
    expect(query(db.name, 'select kind, subject, product_handle from items order by id')).toEqual([
      { kind: 'note', subject: 'banner', product_handle: null },
      { kind: 'product_copy', subject: 'mug', product_handle: 'mug' },
    ]);
    db.close();
  });

  test('review lists, shows, edits, approves and rejects notes with the same use cases as product copy', () => {
    const { db } = store();
    const deps = { db, now: () => new Date(AT) };
    const a = insertItem(db, note('banner', 'Closed from 24 to 26 December.'), AT);
    const b = insertItem(db, note('footer', 'Free shipping over 50 EUR.'), AT);
    expect(reviewList(db, { kind: 'note', status: 'pending' }).map((s) => s.id)).toEqual([a, b]);

    const shown = reviewShow(db, a);
    expect(shown.current).toEqual({});
    expect(renderItem(shown, plain)).toBe(
      '#1 Note: banner  (banner · note · pending)\nabout the shop banner\n\ntext · 30 characters\nClosed from 24 to 26 December.\n\n✓ all checks pass',
    );

    // An emptied note fails its check, so a plain approve refuses it, as for product copy.
    expect(edit(deps, a, { text: ' ' }).errors).toBe(1);
    expect(() => approve(deps, [a])).toThrow(`item ${a} (banner) fails a check: text is empty`);
    edit(deps, a, { text: 'Closed 24–26 December.' });
    expect(approve(deps, [a]).map((i) => [i.id, i.status])).toEqual([[a, 'approved']]);
    expect(reject(deps, [b], 'wrong threshold').map((i) => [i.status, i.reason])).toEqual([['rejected', 'wrong threshold']]);
    expect(itemEvents(db, a).map((e) => e.action)).toEqual(['drafted', 'edited', 'edited', 'approved']);
    expect(reviewList(db, { kind: 'note' }).map((s) => s.status)).toEqual(['approved', 'rejected']);
    db.close();
  });

  test('the review command lists, shows and decides a note', async () => {
    const { dir, db } = store();
    insertItem(db, note('banner', 'Closed from 24 to 26 December.'), AT);
    insertItem(db, productCopy('mug'), AT);
    db.close();
    const list = await runCli(['review', 'list'], { cwd: dir });
    expect(list.code).toBe(0);
    // Mixed kinds: the key column is the subject, a product's handle for product copy.
    expect(list.stdout.split('\n')[0]).toMatch(/^\s+id\s+status\s+template\s+subject\s+checks$/);
    expect(list.stdout).toMatch(/\n\s+1\s+pending\s+note\s+banner/);
    const show = await runCli(['review', 'show', '1'], { cwd: dir });
    expect(show.stdout).toContain('#1 Note: banner  (banner · note · pending)\nabout the shop banner\n');
    expect((await runCli(['review', 'approve', '1'], { cwd: dir })).stdout).toBe('Approved 1 item: #1 banner\n');
    expect((await runCli(['review', 'reject', '2', '--reason', 'too short'], { cwd: dir })).stdout).toBe('Rejected 1 item: #2 mug\n');
  });

  test('a list of product copy only still heads its key column "product"', () => {
    const { db } = store();
    insertItem(db, productCopy('mug'), AT);
    expect(renderList(listItems(db, {}), plain).split('\n')[0]).toMatch(/\s+product\s+checks$/);
    db.close();
  });

  test('a newer item supersedes only the pending items of its own subject and template', () => {
    const { db } = store();
    const old = insertItem(db, note('banner', 'one'), AT);
    const other = insertItem(db, note('footer', 'two'), AT);
    const mug = insertItem(db, { ...productCopy('banner') }, AT); // same subject, another template
    const next = insertItem(db, note('banner', 'three'), AT);
    expect(supersedePending(db, 'banner', 'note', AT, next)).toBe(1);
    expect([old, other, mug, next].map((id) => getItem(db, id)!.status)).toEqual(['superseded', 'pending', 'pending', 'pending']);
    expect(currentItem(db, 'banner', 'note')?.id).toBe(next);
    db.close();
  });
});

describe('the store layer hands out only approved items', () => {
  test('approvedItems leaves out pending, rejected and superseded items, of every kind', () => {
    const { db } = store();
    const pending = insertItem(db, productCopy('mug'), AT);
    const rejected = insertItem(db, productCopy('towel'), AT);
    setStatus(db, rejected, 'rejected', AT, 'no');
    const approved = insertItem(db, productCopy('vase'), AT);
    setStatus(db, approved, 'approved', AT, null);
    const n = insertItem(db, note('banner', 'hi'), AT);
    expect(approvedItems(db, ['product-description', 'note']).map((i) => i.id)).toEqual([approved]);
    setStatus(db, n, 'approved', AT, null);
    expect(approvedItems(db, ['product-description', 'note']).map((i) => i.id)).toEqual([approved, n]);
    expect(getItem(db, pending)!.status).toBe('pending');
    db.close();
  });

  test('the database itself refuses to record an export of an unapproved item', () => {
    const { db } = store();
    const id = insertItem(db, note('banner', 'hi'), AT);
    const exp = Number(db.prepare(`insert into exports (at, format, out_path, item_count) values (?, 'shopify', 'x.csv', 1)`).run(AT).lastInsertRowid);
    const record = () => db.prepare('insert into export_items (export_id, item_id) values (?, ?)').run(exp, id);
    expect(record).toThrow('only approved items can be exported');
    setStatus(db, id, 'approved', AT, null);
    expect(record).not.toThrow();
    db.close();
  });
});

describe('migration 013_queue_kinds', () => {
  test('keys every existing item by its subject and keeps its rows, events and exports', () => {
    const dir = tempDir();
    const path = join(dir, 'shopflow.db');
    const at012 = migrations.slice(0, migrations.findIndex((m) => m.name === '013_queue_kinds'));
    expect(at012.at(-1)?.name).toBe('012_one_email_index');
    const old = openDb(path, at012);
    const insert = old.prepare(
      `insert into items (kind, product_handle, title, template, template_hash, provider, input_hash, source_file, source_snapshot,
         fields, drafted_fields, checks, claims, status, created_at)
       values (?, ?, ?, ?, 'h', 'offline', ?, 'p.csv', ?, '{"body_html":"<p>A mug.</p>"}', '{}', '[]', '[]', ?, ?)`,
    );
    const snapshot = JSON.stringify(productCopy('mug').source);
    insert.run('product_copy', 'mug', 'Mug', 'product-description', 'i1', snapshot, 'approved', AT);
    insert.run('seo', 'mug', 'Mug', 'seo', 'i2', snapshot, 'pending', AT);
    insert.run('product_copy', 'towel', 'Towel', 'product-description', 'i3', snapshot, 'rejected', AT);
    old.prepare(`insert into item_events (item_id, at, action) values (1, ?, 'approved')`).run(AT);
    old.prepare(`insert into exports (id, at, format, out_path, item_count) values (1, ?, 'shopify', 'x.csv', 1)`).run(AT);
    old.prepare('insert into export_items (export_id, item_id) values (1, 1)').run();
    old.close();

    const db = openDb(path);
    expect(query(path, 'select id, kind, subject, product_handle, template, status from items order by id')).toEqual([
      { id: 1, kind: 'product_copy', subject: 'mug', product_handle: 'mug', template: 'product-description', status: 'approved' },
      { id: 2, kind: 'seo', subject: 'mug', product_handle: 'mug', template: 'seo', status: 'pending' },
      { id: 3, kind: 'product_copy', subject: 'towel', product_handle: 'towel', template: 'product-description', status: 'rejected' },
    ]);
    expect(query(path, `select name from sqlite_master where type = 'index' and tbl_name = 'items' order by name`)).toEqual([
      { name: 'items_input' }, { name: 'items_status' }, { name: 'items_subject' },
    ]);
    expect(query(path, 'select count(*) as n from item_events')).toEqual([{ n: 1 }]);
    expect(query(path, 'select item_id from export_items')).toEqual([{ item_id: 1 }]);
    // The queue reads the migrated rows by their subject.
    expect(currentItem(db, 'mug', 'seo')).toMatchObject({ id: 2, status: 'pending' });
    expect(approvedItems(db, ['product-description']).map((i) => [i.id, i.handle])).toEqual([[1, 'mug']]);
    expect(getItem(db, 1)).toMatchObject({ kind: 'product_copy', handle: 'mug', source: { handle: 'mug', title: 'Mug' } });
    db.close();
  });
});
