import { afterEach, describe, expect, test } from 'vitest';
import { OpenAiProvider } from '../src/core/llm/openai.js';
import { ProviderError, type LlmRequest, type RateHint } from '../src/core/llm/provider.js';
import { UserError } from '../src/core/errors.js';
import { loadTemplate } from '../src/core/templates/load.js';
import { readProducts } from '../src/core/formats/read-products.js';
import { defaultConfig } from '../src/core/config/config.js';
import { buildPrompt } from '../src/core/draft/prompt.js';
import { productCopyRequest } from '../src/core/draft/task.js';
import { start, type FakeOpenAi } from './fake-openai/server.js';
import { example } from './helpers.js';

let fake: FakeOpenAi | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const KEY = 'sk-test-secret-key-1234';

async function setup(opts: Parameters<typeof start>[0] = {}) {
  fake = await start({ apiKey: KEY, ...opts });
  const provider = new OpenAiProvider({ apiKey: KEY, baseURL: fake.url, model: 'gpt-4o-mini', timeoutMs: 2000 });
  const template = loadTemplate('seo', { templatesDir: undefined, cwd: process.cwd() });
  const product = readProducts(example('products.csv')).products[0]!;
  const store = { ...defaultConfig(), brand_voice: 'Dry wit, no exclamation marks.' };
  const req: LlmRequest = productCopyRequest(template, product, store, buildPrompt(template, product, store));
  return { fake, provider, req };
}

describe('the openai provider, on the real SDK against the fake server', () => {
  test('asks for the template fields as a strict JSON schema and returns the validated fields', async () => {
    const { fake, provider, req } = await setup();
    const r = await provider.complete(req);
    expect(r.fields).toEqual({
      seo_title: 'Fake seo_title for Speckled Stoneware Mug.',
      seo_description: 'Fake seo_description for Speckled Stoneware Mug.',
    });
    expect(r.usage.inputTokens).toBeGreaterThan(100);
    expect(r.usage.outputTokens).toBeGreaterThan(10);
    const body = fake.stats.bodies[0]!;
    expect(body.model).toBe('gpt-4o-mini');
    expect(body.response_format).toMatchObject({
      type: 'json_schema',
      json_schema: { strict: true, schema: { required: ['seo_title', 'seo_description'], additionalProperties: false } },
    });
    expect(body.messages[0]).toMatchObject({ role: 'system' });
    expect(body.messages[0]!.content).toContain('Brand voice: Dry wit, no exclamation marks.');
    expect(body.messages[1]!.content).toContain('"title": "Speckled Stoneware Mug"');
    expect(body.max_tokens).toBeGreaterThan(0);
  });

  test('a malformed reply is asked for again once, naming the problem; tokens of both count', async () => {
    const { fake, provider, req } = await setup({ faults: ['malformed'] });
    const r = await provider.complete(req);
    expect(r.fields.seo_title).toBe('Fake seo_title for Speckled Stoneware Mug.');
    expect(fake.stats.requests).toBe(2);
    const retry = fake.stats.bodies[1]!.messages;
    expect(retry.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(retry[3]!.content).toContain('That reply cannot be used: the reply was not a JSON object.');
    const single = (await provider.complete(req)).usage.inputTokens;
    expect(r.usage.inputTokens).toBeGreaterThan(single);
  });

  test('a reply cut off twice (finish_reason: length) fails, not retried further, nothing half-parsed', async () => {
    const { fake, provider, req } = await setup({ faults: ['truncated', 'truncated'] });
    const err = await provider.complete(req).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect((err as ProviderError).message).toBe('the reply was cut off (finish_reason: length) before the JSON object was complete (asked twice)');
    expect((err as ProviderError).info).toMatchObject({ retryable: false });
    expect((err as ProviderError).info.usage!.outputTokens).toBeGreaterThan(0);
    expect(fake.stats.requests).toBe(2);
  });

  test('a reply with the wrong keys names them on the retry', async () => {
    const { fake, provider, req } = await setup({ faults: ['invalid', 'invalid'] });
    const err = (await provider.complete(req).catch((e: unknown) => e)) as ProviderError;
    expect(err.message).toContain('the reply did not match the fields: "seo_title" is missing or not a string');
    expect(err.message).toContain('unexpected key "wrong_key"');
    expect(fake.stats.bodies[1]!.messages[3]!.content).toContain('"seo_title" is missing or not a string');
  });

  test('a wrong key is a UserError that names OPENAI_API_KEY and never shows the key', async () => {
    const { provider, req } = await setup({ apiKey: 'sk-the-right-one' });
    const err = await provider.complete(req).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toMatch(/rejected the key — check OPENAI_API_KEY$/);
    expect((err as Error).message).not.toContain(KEY);
  });

  test('429, 500 and timeouts are retryable, with Retry-After and the rate-limit headers read', async () => {
    const { fake, provider, req } = await setup({ rpm: 60, faults: [null, '500', 'timeout'] });
    const hints: RateHint[] = [];
    await provider.complete(req, { onRateHint: (h) => hints.push(h) });
    expect(hints[0]).toMatchObject({ limitRequests: 60, remainingRequests: 0 });
    const limited = (await provider.complete(req).catch((e: unknown) => e)) as ProviderError;
    expect(limited.info).toMatchObject({ retryable: true, rateLimited: true, status: 429 });
    expect(limited.info.retryAfterMs).toBeGreaterThan(0);
    fake.set({ rpm: 0 });
    const server = (await provider.complete(req).catch((e: unknown) => e)) as ProviderError;
    expect(server.info).toMatchObject({ retryable: true, status: 500 });
    const slow = new OpenAiProvider({ apiKey: KEY, baseURL: fake.url, model: 'gpt-4o-mini', timeoutMs: 200 });
    const timeout = (await slow.complete(req).catch((e: unknown) => e)) as ProviderError;
    expect(timeout.message).toBe('no answer within 0.2 s');
    expect(timeout.info.retryable).toBe(true);
  });

  test('a tokens-per-minute limit answers 429 with the token headers', async () => {
    const { fake, provider, req } = await setup();
    const tokens = (await provider.complete(req)).usage.inputTokens;
    fake.set({ tpm: tokens * 6 * 1.5 }); // ten seconds' worth: one and a half requests
    const hints: RateHint[] = [];
    await provider.complete(req, { onRateHint: (h) => hints.push(h) });
    expect(hints[0]!.remainingTokens).toBeLessThan(tokens);
    const limited = (await provider.complete(req).catch((e: unknown) => e)) as ProviderError;
    expect(limited.info).toMatchObject({ retryable: true, rateLimited: true });
    expect(fake.stats.rateLimited).toBe(1);
  });

  test('an aborted call rejects at once', async () => {
    const { provider, req } = await setup({ latencyMs: 5000 });
    const stop = new AbortController();
    const p = provider.complete(req, { signal: stop.signal });
    setTimeout(() => stop.abort(), 20);
    await expect(p).rejects.toThrow(/abort/i);
  });
});
