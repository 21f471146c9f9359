import { describe, expect, test } from 'vitest';
import { openDb } from '../src/core/db/open.js';
import { logged, OfflineProvider, offlineResponse, ProviderError, registerOfflineTask, type LlmProvider, type LlmRequest } from '../src/core/llm/index.js';

const now = () => new Date('2026-11-27T12:00:00Z');
const req = (task = 'echo_test'): LlmRequest => ({ task, template: 'echo', system: 'be brief', prompt: 'say hi', offline: { words: ['hi', 'there'] } });

/** A provider that answers from a script: an Error is thrown, a string is the reply. */
function scripted(replies: Array<string | Error>): LlmProvider {
  return {
    id: 'scripted:test',
    model: 'gpt-4o-mini',
    capabilities: { readsPrompt: true, structuredOutput: false, batch: false, costs: true },
    complete: async () => {
      const next = replies.shift() ?? new Error('no more replies');
      if (next instanceof Error) throw next;
      return { fields: {}, raw: next, model: 'gpt-4o-mini', usage: { inputTokens: 1000, outputTokens: 100 } };
    },
  };
}

const rows = (db: ReturnType<typeof openDb>) =>
  db.prepare('select provider, model, template, system, prompt, response, status, error, retries, input_tokens, item_id from llm_calls order by id').all();

describe('the offline provider dispatches by task', () => {
  test('to the implementation registered for the task, with the request\'s offline data', async () => {
    registerOfflineTask('echo_test', (r) => offlineResponse({ text: (r.offline as { words: string[] }).words.join(' ') }));
    const r = await new OfflineProvider().complete(req());
    expect(r).toEqual({ fields: { text: 'hi there' }, raw: '{"text":"hi there"}', model: 'offline', usage: { inputTokens: 0, outputTokens: 0 } });
  });

  test('a task nobody registered is an error that names it', async () => {
    await expect(new OfflineProvider().complete(req('no_such_task'))).rejects.toThrow('the offline provider has no implementation of the task "no_such_task"');
  });
});

describe('logged() wraps any provider', () => {
  test('each call is one llm_calls row: a request tried again stays one row with its retries counted', async () => {
    const db = openDb(':memory:');
    const llm = logged(scripted([new ProviderError('rate limited (429)', { retryable: true, rateLimited: true }), 'hello', 'again']), db, { now, prices: {} });
    expect(llm.id).toBe('scripted:test');
    expect(llm.capabilities.costs).toBe(true);
    const r = req();
    await expect(llm.complete(r)).rejects.toThrow('rate limited (429)');
    expect(rows(db)).toMatchObject([{ status: 'error', error: 'rate limited (429)', retries: 0 }]);
    await llm.complete(r);
    expect(rows(db)).toEqual([
      { provider: 'scripted:test', model: 'gpt-4o-mini', template: 'echo', system: 'be brief', prompt: 'say hi', response: 'hello', status: 'ok', error: null, retries: 1, input_tokens: 1000, item_id: null },
    ]);
    expect(llm.callId(r)).toBe(1);
    const cost = db.prepare('select cost_usd from llm_calls').pluck().get() as number;
    expect(cost).toBeCloseTo((1000 * 0.15 + 100 * 0.6) / 1e6, 10);
    await llm.complete(req());
    expect(db.prepare('select count(*) from llm_calls').pluck().get()).toBe(2);
  });

  test('a call abandoned by Ctrl+C leaves no row', async () => {
    const db = openDb(':memory:');
    const stop = new AbortController();
    const llm = logged(scripted([new ProviderError('upstream 500', { retryable: true }), new Error('aborted')]), db, { now, prices: {} });
    const r = req();
    await expect(llm.complete(r)).rejects.toThrow('upstream 500');
    stop.abort();
    await expect(llm.complete(r, { signal: stop.signal })).rejects.toThrow('aborted');
    expect(rows(db)).toEqual([]);
  });

  test('a request abandoned between a failed try and its retry leaves no row', async () => {
    const db = openDb(':memory:');
    const llm = logged(scripted([new ProviderError('upstream 500', { retryable: true })]), db, { now, prices: {} });
    const r = req();
    await expect(llm.complete(r)).rejects.toThrow('upstream 500');
    expect(rows(db)).toHaveLength(1);
    llm.abandon(r);
    expect(rows(db)).toEqual([]);
  });
});

describe('the llm layer is task-neutral', () => {
  test('llm/ imports no capability, product or template; only llm/openai* imports the OpenAI SDK', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { ROOT } = await import('./helpers.js');
    const imports = (dir: string) =>
      readdirSync(join(ROOT, 'src', 'core', dir))
        .filter((f) => f.endsWith('.ts'))
        .flatMap((f) => [...readFileSync(join(ROOT, 'src', 'core', dir, f), 'utf8').matchAll(/from '([^']+)'/g)].map((m) => `${dir}/${f} -> ${m[1]}`));
    const llm = imports('llm');
    expect(llm.filter((i) => /-> \.\.\/(draft|review|audit|sync|report|log|templates|formats)\//.test(i))).toEqual([]);
    const sdk = [...llm, ...imports('draft')].filter((i) => /-> openai/.test(i)).map((i) => i.split(' ')[0]);
    expect([...new Set(sdk)]).toEqual(['llm/openai.ts']);
  });
});
