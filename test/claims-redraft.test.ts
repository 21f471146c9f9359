import { describe, expect, test } from 'vitest';
import { guardDraft } from '../src/core/claims/redraft.js';
import { guardContext } from '../src/core/claims/guard.js';
import { timedCall } from '../src/core/llm/logged.js';
import { defaultConfig } from '../src/core/config.js';
import { loadTemplate } from '../src/core/templates/load.js';
import { readProducts } from '../src/core/read-products.js';
import type { LlmProvider, LlmRequest, LlmResponse } from '../src/core/llm/provider.js';
import { example } from './helpers.js';

/** A model that answers from a script, one reply per call, and remembers what it was asked. */
class ScriptedModel implements LlmProvider {
  readonly id = 'scripted:test';
  readonly asked: LlmRequest[] = [];
  constructor(private readonly replies: (string | Error)[]) {}
  async complete(req: LlmRequest): Promise<LlmResponse> {
    this.asked.push(req);
    const next = this.replies.shift();
    if (next === undefined || next instanceof Error) throw next ?? new Error('no more replies');
    return { fields: { body_html: next }, raw: next, model: 'scripted', usage: { inputTokens: 1, outputTokens: 1 } };
  }
}

const store = defaultConfig();
const guard = guardContext(store);
const product = readProducts(example('products.csv')).products.find((p) => p.handle === 'speckled-stoneware-mug')!;
const template = loadTemplate('product-description', {});
const now = () => new Date('2026-11-27T12:00:00Z');

async function run(replies: (string | Error)[]) {
  const llm = new ScriptedModel(replies);
  const first = await timedCall(llm, { template, product, store, system: 'SYSTEM', prompt: 'PROMPT' }, { now });
  return { llm, out: await guardDraft(first, { llm, now, guard }) };
}

describe('drafting with a model: checked, then regenerated once naming the flagged claims', () => {
  test('a supported draft is kept as it is: one call', async () => {
    const { llm, out } = await run(['<p>A stoneware mug that holds 350 ml.</p>']);
    expect(llm.asked).toHaveLength(1);
    expect(out.calls).toHaveLength(1);
    expect(out.claims.map((c) => c.verdict)).toEqual(['supported', 'supported']);
  });

  test('a flagged draft is asked again once, naming its claims; the clean second draft is kept', async () => {
    const { llm, out } = await run(['<p>A porcelain mug that holds 500 ml.</p>', '<p>A stoneware mug that holds 350 ml.</p>']);
    expect(llm.asked).toHaveLength(2);
    expect(llm.asked[1]!.system).toContain('SYSTEM\n\nYour previous draft stated claims that the product data does not support.');
    expect(llm.asked[1]!.system).toContain('- "porcelain" contradicts Material: Stoneware');
    expect(llm.asked[1]!.system).toContain('- "500 ml" contradicts Capacity: 350 ml');
    expect(llm.asked[1]!.prompt).toBe('PROMPT');
    expect(out.kept.response?.fields.body_html).toBe('<p>A stoneware mug that holds 350 ml.</p>');
    expect(out.calls).toHaveLength(2);
    expect(out.claims.every((c) => c.verdict === 'supported')).toBe(true);
  });

  test('still failing after the second try: kept and flagged, never a third call', async () => {
    const { llm, out } = await run(['<p>Holds 500 ml.</p>', '<p>Holds 450 ml. Fits Keurig K-Mini brewers.</p>', 'never asked']);
    expect(llm.asked).toHaveLength(2);
    expect(out.kept.response?.fields.body_html).toBe('<p>Holds 450 ml. Fits Keurig K-Mini brewers.</p>');
    expect(out.claims.map((c) => `${c.text}: ${c.verdict}`)).toEqual(['450 ml: contradicted', 'Fits Keurig K-Mini: unsupported']);
  });

  test('when the second call fails, the first draft is kept with its flags and both calls are logged', async () => {
    const { out } = await run(['<p>Holds 500 ml.</p>', new Error('HTTP 500')]);
    expect(out.kept.response?.fields.body_html).toBe('<p>Holds 500 ml.</p>');
    expect(out.calls.map((c) => c.error ?? 'ok')).toEqual(['ok', 'HTTP 500']);
    expect(out.claims.map((c) => c.verdict)).toEqual(['contradicted']);
  });
});

describe('draft() with a model that keeps inventing', () => {
  test('each product is asked twice, both calls are logged, the item keeps its flags and the summary says so', async () => {
    const { draft } = await import('../src/core/draft.js');
    const { openDb } = await import('../src/core/db/open.js');
    const { findStore } = await import('../src/core/config.js');
    const { renderDraft } = await import('../src/cli/commands/draft.js');
    const { Chalk } = await import('chalk');
    const { tempDir } = await import('./helpers.js');
    const dir = tempDir();
    const store = findStore({ cwd: dir, env: {} });
    const db = openDb(store.dbPath);
    const llm = new ScriptedModel(['<p>Holds 500 ml.</p>', '<p>Holds 500 ml, honestly.</p>']);
    const r = await draft({ file: example('products.csv'), only: ['speckled-stoneware-mug'] }, { cwd: dir, openDb: async () => db, llm, store, now });
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
