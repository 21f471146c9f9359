import { describe, expect, test } from 'vitest';
import type { LlmCapabilities, LlmProvider, LlmRequest, LlmResponse } from '../src/core/llm/provider.js';
import { requestProduct } from '../src/core/draft/task.js';
import { example } from './helpers.js';

/** A model that answers from a script, one reply per call, and remembers what it was asked. */
class ScriptedModel implements LlmProvider {
  readonly id = 'scripted:test';
  readonly capabilities: LlmCapabilities = { readsPrompt: true, structuredOutput: true, batch: false, costs: false };
  readonly asked: LlmRequest[] = [];
  constructor(private readonly replies: (string | Error)[]) {}
  async complete(req: LlmRequest): Promise<LlmResponse> {
    this.asked.push(req);
    const next = this.replies.shift();
    if (next === undefined || next instanceof Error) throw next ?? new Error('no more replies');
    return { fields: { body_html: next }, raw: next, model: 'scripted', usage: { inputTokens: 1, outputTokens: 1 } };
  }
}

const now = () => new Date('2026-11-27T12:00:00Z');

/** Drafts products of the demo store with `llm` into a fresh store; the caller closes the db. */
async function draftWith(llm: LlmProvider, opts: { only: string[]; concurrency?: number }) {
  const { draft } = await import('../src/core/draft/draft.js');
  const { openDb } = await import('../src/core/db/open.js');
  const { findStore } = await import('../src/core/config/config.js');
  const { tempDir } = await import('./helpers.js');
  const dir = tempDir();
  const store = findStore({ cwd: dir, env: {} });
  const db = openDb(store.dbPath);
  const r = await draft({ file: example('products.csv'), ...opts }, { cwd: dir, openDb: async () => db, llm, store, now });
  return { r, db };
}

/** Drafts the demo mug with a scripted model; returns what the model was asked and what was stored. */
async function run(replies: (string | Error)[]) {
  const llm = new ScriptedModel(replies);
  const { r, db } = await draftWith(llm, { only: ['speckled-stoneware-mug'] });
  const item = db.prepare('select fields, claims from items order by id desc limit 1').get() as { fields: string; claims: string } | undefined;
  const calls = db.prepare('select item_id, response, error from llm_calls order by id').all() as { item_id: number | null; response: string | null; error: string | null }[];
  db.close();
  return {
    llm,
    r,
    calls,
    kept: item ? (JSON.parse(item.fields) as Record<string, string>).body_html : undefined,
    claims: item ? (JSON.parse(item.claims) as { text: string; verdict: string }[]) : [],
  };
}

describe('drafting with a model: checked, then regenerated once naming the flagged claims', () => {
  test('a supported draft is kept as it is: one call', async () => {
    const { llm, calls, claims } = await run(['<p>A stoneware mug that holds 350 ml.</p>']);
    expect(llm.asked).toHaveLength(1);
    expect(calls).toHaveLength(1);
    expect(claims.map((c) => c.verdict)).toEqual(['supported', 'supported']);
  });

  test('a flagged draft is asked again once, naming its claims; the clean second draft is kept', async () => {
    const { llm, kept, calls, claims } = await run(['<p>A porcelain mug that holds 500 ml.</p>', '<p>A stoneware mug that holds 350 ml.</p>']);
    expect(llm.asked).toHaveLength(2);
    expect(llm.asked[1]!.system.startsWith(`${llm.asked[0]!.system}\n\n`)).toBe(true);
    expect(llm.asked[1]!.system).toContain('\n\nYour previous draft stated claims that the product data does not support.');
    expect(llm.asked[1]!.system).toContain('- "porcelain" contradicts Material: Stoneware');
    expect(llm.asked[1]!.system).toContain('- "500 ml" contradicts Capacity: 350 ml');
    expect(llm.asked[1]!.prompt).toBe(llm.asked[0]!.prompt);
    expect(kept).toBe('<p>A stoneware mug that holds 350 ml.</p>');
    expect(calls).toHaveLength(2);
    expect(claims.every((c) => c.verdict === 'supported')).toBe(true);
  });

  test('still failing after the second try: kept and flagged, never a third call', async () => {
    const { llm, kept, claims } = await run(['<p>Holds 500 ml.</p>', '<p>Holds 450 ml. Fits Keurig K-Mini brewers.</p>', 'never asked']);
    expect(llm.asked).toHaveLength(2);
    expect(kept).toBe('<p>Holds 450 ml. Fits Keurig K-Mini brewers.</p>');
    expect(claims.map((c) => `${c.text}: ${c.verdict}`)).toEqual(['450 ml: contradicted', 'Fits Keurig K-Mini: unsupported']);
  });

  test('when the second call fails, the first draft is kept with its flags and both calls are logged', async () => {
    const { kept, calls, claims } = await run(['<p>Holds 500 ml.</p>', new Error('HTTP 500')]);
    expect(kept).toBe('<p>Holds 500 ml.</p>');
    expect(calls.map((c) => c.error ?? 'ok')).toEqual(['ok', 'HTTP 500']);
    expect(calls.map((c) => c.item_id)).toEqual([1, 1]);
    expect(claims.map((c) => c.verdict)).toEqual(['contradicted']);
  });
});

describe('draft() with a model that keeps inventing', () => {
  test('each product is asked twice, both calls are logged, the item keeps its flags and the summary says so', async () => {
    const { renderDraft } = await import('../src/cli/commands/draft.js');
    const { Chalk } = await import('chalk');
    const llm = new ScriptedModel(['<p>Holds 500 ml.</p>', '<p>Holds 500 ml, honestly.</p>']);
    const { r, db } = await draftWith(llm, { only: ['speckled-stoneware-mug'] });
    expect(r.items[0]).toMatchObject({ outcome: 'drafted', flags: 1 });
    expect(db.prepare('select item_id, response from llm_calls order by id').all()).toEqual([
      { item_id: 1, response: '<p>Holds 500 ml.</p>' },
      { item_id: 1, response: '<p>Holds 500 ml, honestly.</p>' },
    ]);
    const claims = JSON.parse((db.prepare('select claims from items where id = 1').get() as { claims: string }).claims);
    expect(claims).toMatchObject([{ text: '500 ml', verdict: 'contradicted', conflict: { column: 'Capacity', value: '350 ml' } }]);
    db.close();
    expect(renderDraft(r, new Chalk({ level: 0 }))).toContain('1 draft makes claims the product data does not support: see shopflow review');
  });
});

describe('the second try in a long run', () => {
  test('is made right after its first draft, not after the whole run: a crash loses no paid first draft held in memory', async () => {
    const llm = new ScriptedModel(['<p>Holds 500 ml.</p>', '<p>A mug.</p>', '<p>A bowl.</p>', '<p>A board.</p>']);
    const only = ['speckled-stoneware-mug', 'hand-thrown-bowl', 'walnut-serving-board'];
    const { r, db } = await draftWith(llm, { only, concurrency: 1 });
    const asked = llm.asked.map((q) => `${requestProduct(q).handle}${q.system.includes('Your previous draft') ? ' (second try)' : ''}`);
    expect(asked).toEqual(['speckled-stoneware-mug', 'speckled-stoneware-mug (second try)', 'walnut-serving-board', 'hand-thrown-bowl']);
    expect(r.items.map((i) => [i.handle, i.outcome, i.flags])).toEqual([
      ['speckled-stoneware-mug', 'drafted', 0],
      ['walnut-serving-board', 'drafted', 0],
      ['hand-thrown-bowl', 'drafted', 0],
    ]);
    expect(r.spent?.calls).toBe(4);
    db.close();
  });
});
