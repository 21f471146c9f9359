import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { costUsd, priceFor, tokenCounter } from '../src/core/llm/cost.js';
import { outputTokens } from '../src/core/draft/output.js';
import { loadTemplate } from '../src/core/templates/load.js';
import { example, runCli, tempDir } from './helpers.js';

describe('prices and tokens', () => {
  test('a model is priced by its name, else its longest known prefix; shopflow.yaml overrides', () => {
    expect(priceFor('gpt-4o-mini')).toEqual({ input: 0.15, output: 0.6 });
    expect(priceFor('gpt-4o-mini-2024-07-18')).toEqual({ input: 0.15, output: 0.6 });
    expect(priceFor('gpt-4o-2024-08-06')).toEqual({ input: 2.5, output: 10 });
    expect(priceFor('llama3.1')).toBeUndefined();
    expect(priceFor('llama3.1', { 'llama3.1': { input: 0, output: 0 } })).toEqual({ input: 0, output: 0 });
    expect(priceFor('gpt-4o-mini', { 'gpt-4o-mini': { input: 1, output: 2 } })).toEqual({ input: 1, output: 2 });
  });

  test('cost: tokens times the price per million; the Batch API at half', () => {
    const usage = { inputTokens: 1_000_000, outputTokens: 500_000 };
    expect(costUsd(usage, { input: 0.15, output: 0.6 })).toBeCloseTo(0.45, 10);
    expect(costUsd(usage, { input: 0.15, output: 0.6 }, true)).toBeCloseTo(0.225, 10);
    expect(costUsd(usage, undefined)).toBe(0);
  });

  test('output tokens follow the template length limits; the cap leaves room', () => {
    const seo = loadTemplate('seo', { templatesDir: undefined, cwd: process.cwd() });
    const { expected, cap } = outputTokens(seo);
    const chars = seo.fields.reduce((n, f) => n + (f.max_length ?? 0), 0);
    expect(expected).toBeGreaterThan(chars / 4);
    expect(expected).toBeLessThan(chars / 4 + 50);
    expect(cap).toBeGreaterThanOrEqual(2 * expected);
    expect(outputTokens(seo, 50)).toEqual({ expected: 50, cap: 50 });
  });

  test('a real tokenizer: o200k for gpt-4o, cl100k for gpt-4', async () => {
    const o200k = await tokenCounter('gpt-4o-mini');
    const cl100k = await tokenCounter('gpt-4');
    expect(o200k('hello world')).toBe(2);
    expect(cl100k('hello world')).toBe(2);
    // The two vocabularies split non-English text differently.
    const text = 'Handgetöpferte Steinzeugtasse mit gesprenkelter Glasur, spülmaschinenfest.';
    expect(o200k(text)).not.toBe(cl100k(text));
  });
});

describe('draft --max-cost and prices from shopflow.yaml', () => {
  test('a model without a price cannot be budgeted: a bad invocation that names the fix', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'shopflow.yaml'), 'provider:\n  name: openai\n  model: llama3.1\n  base_url: http://127.0.0.1:9/v1\n');
    const r = await runCli(['draft', example('products.csv'), '--max-cost', '1'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: --max-cost: no price for model "llama3.1"; add it under provider.prices in shopflow.yaml\n');
    const dry = await runCli(['draft', example('products.csv'), '--dry-run'], { cwd: dir });
    expect(dry.stdout).toMatch(/Estimate: 8 calls, ~[\d,]+ input \+ ~[\d,]+ output tokens; no price for llama3\.1 \(add it under provider\.prices in shopflow\.yaml\)/);
  });

  test('a price set in shopflow.yaml is the one the estimate uses', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'shopflow.yaml'), 'provider:\n  name: openai\n  prices:\n    gpt-4o-mini: { input: 1000000, output: 0 }\n');
    const r = JSON.parse((await runCli(['draft', example('products.csv'), '--dry-run', '--json'], { cwd: dir })).stdout);
    expect(r.estimate.costUsd).toBe(r.estimate.inputTokens);
  });

  test('a misspelt provider key is reported', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'shopflow.yaml'), 'provider:\n  name: openai\n  concurrensy: 8\n');
    const r = await runCli(['draft', example('products.csv'), '--dry-run'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('concurrensy');
  });
});
