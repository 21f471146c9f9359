import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { draft } from '../src/core/draft/draft.js';
import { openDb } from '../src/core/db/open.js';
import { findStore } from '../src/core/config/config.js';
import { OfflineProvider } from '../src/core/llm/offline.js';
import { UserError } from '../src/core/errors.js';
import type { LlmProvider, LlmRequest } from '../src/core/llm/provider.js';
import { requestProduct } from '../src/core/draft/task.js';
import { example, tempDir } from './helpers.js';

/** The offline provider, except for the products named: those fail as the given error. */
function failing(fail: Record<string, () => Error>): LlmProvider {
  const offline = new OfflineProvider();
  return {
    id: 'offline',
    capabilities: offline.capabilities,
    complete: async (req: LlmRequest) => {
      const make = fail[requestProduct(req).handle];
      if (make) throw make();
      return offline.complete(req);
    },
  };
}

function setup() {
  const dir = tempDir();
  const store = findStore({ cwd: dir, env: {} });
  const db = openDb(store.dbPath);
  return { dir, store, db, now: () => new Date('2026-11-27T12:00:00Z') };
}

describe('draft() against a provider that fails', () => {
  test('a failed product is reported and logged; the others are drafted; a re-run drafts only it', async () => {
    const s = setup();
    const llm = failing({ 'bud-vase-set': () => new Error('upstream 500') });
    const r = await draft({ file: example('products.csv') }, { cwd: s.dir, openDb: async () => s.db, llm, store: s.store, now: s.now });
    expect(r).toMatchObject({ drafted: 7, failed: 1 });
    expect(r.items.find((i) => i.outcome === 'failed')).toMatchObject({ handle: 'bud-vase-set', error: 'upstream 500' });
    expect(s.db.prepare(`select status, error, item_id from llm_calls where status = 'error'`).all()).toEqual([
      { status: 'error', error: 'upstream 500', item_id: null },
    ]);
    const again = await draft({ file: example('products.csv') }, { cwd: s.dir, openDb: async () => s.db, llm: new OfflineProvider(), store: s.store, now: s.now });
    expect(again).toMatchObject({ drafted: 1, unchanged: 7, failed: 0 });
    expect(s.db.prepare('select count(*) from items').pluck().get()).toBe(8);
  });

  test('a fatal error stops the run; everything finished before it is saved, and the re-run completes the rest', async () => {
    const s = setup();
    const llm = failing({ 'walnut-serving-board': () => new UserError('the provider rejected the key') });
    await expect(draft({ file: example('products.csv') }, { cwd: s.dir, openDb: async () => s.db, llm, store: s.store, now: s.now })).rejects.toThrow(
      'the provider rejected the key',
    );
    expect(s.db.inTransaction).toBe(false);
    expect(s.db.prepare('select product_handle from items order by id').pluck().all()).toEqual([
      'speckled-stoneware-mug', 'linen-tea-towel', 'bud-vase-set',
    ]);
    s.db.close();
    const db = openDb(s.store.dbPath); // a new process would see exactly this
    const again = await draft({ file: example('products.csv') }, { cwd: s.dir, openDb: async () => db, llm: new OfflineProvider(), store: s.store, now: s.now });
    expect(again).toMatchObject({ drafted: 5, unchanged: 3 });
    expect(db.prepare('select count(distinct product_handle), count(*) from items').raw().get()).toEqual([8, 8]);
    db.close();
  });
});
