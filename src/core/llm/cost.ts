import type { LlmUsage } from './provider.js';
import type { Price } from '../config/provider.js';

/**
 * Shipped prices, USD per million tokens (OpenAI's standard tier as published in 2025). Prices
 * change: `provider.prices` in shopflow.yaml adds models and overrides these.
 */
export const DEFAULT_PRICES: Record<string, Price> = {
  'gpt-4o-mini': { input: 0.15, output: 0.6 },
  'gpt-4o': { input: 2.5, output: 10 },
  'gpt-4.1': { input: 2, output: 8 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6 },
  'gpt-4.1-nano': { input: 0.1, output: 0.4 },
  'gpt-5': { input: 1.25, output: 10 },
  'gpt-5-mini': { input: 0.25, output: 2 },
  'gpt-5-nano': { input: 0.05, output: 0.4 },
  'o4-mini': { input: 1.1, output: 4.4 },
  'o3': { input: 2, output: 8 },
  'gpt-3.5-turbo': { input: 0.5, output: 1.5 },
};

/** The Batch API bills half of the standard price. */
export const BATCH_DISCOUNT = 0.5;

/** The price of a model: exact name first, then the longest known prefix ("gpt-4o-mini-2024-07-18" → "gpt-4o-mini"). */
export function priceFor(model: string, overrides: Record<string, Price> = {}): Price | undefined {
  const table = { ...DEFAULT_PRICES, ...overrides };
  if (table[model]) return table[model];
  const prefix = Object.keys(table)
    .filter((k) => model.startsWith(`${k}-`))
    .sort((a, b) => b.length - a.length)[0];
  return prefix ? table[prefix] : undefined;
}

export function costUsd(usage: LlmUsage, price: Price | undefined, batch = false): number {
  if (!price) return 0;
  const usd = (usage.inputTokens * price.input + usage.outputTokens * price.output) / 1e6;
  return batch ? usd * BATCH_DISCOUNT : usd;
}

/** Output tokens expected of a request that names none. */
export const DEFAULT_OUTPUT = 256;

/**
 * Output tokens for one reply: `expected` (for estimates, from the task) and `cap` (the max tokens
 * asked for, and what --max-cost reserves) with room for a wordy model.
 */
export function outputBudget(expected: number, configured?: number): { expected: number; cap: number } {
  const cap = configured ?? Math.max(256, expected * 2);
  return { expected: Math.min(expected, cap), cap };
}

export type TokenCounter = (text: string) => number;

/**
 * A real tokenizer for the model family: o200k for the GPT-4o, 4.1, 5 and o-series, cl100k for
 * GPT-4 and 3.5. Other models (Llama, Mistral on a compatible server) are counted with o200k,
 * which is close enough for an estimate. Loaded only when an estimate is asked for.
 */
export function tokenCounter(model: string): Promise<TokenCounter> {
  const family = /^(gpt-4(?!o|\.)|gpt-3\.5)/.test(model) ? 'cl100k_base' : 'o200k_base';
  let counter = counters.get(family);
  if (!counter) counters.set(family, (counter = loadCounter(family)));
  return counter;
}

// Building an encoder takes seconds (it decodes the whole vocabulary): once per process.
const counters = new Map<string, Promise<TokenCounter>>();

async function loadCounter(family: 'cl100k_base' | 'o200k_base'): Promise<TokenCounter> {
  const { Tiktoken } = await import('js-tiktoken/lite');
  const ranks = family === 'cl100k_base' ? (await import('js-tiktoken/ranks/cl100k_base')).default : (await import('js-tiktoken/ranks/o200k_base')).default;
  const enc = new Tiktoken(ranks);
  // The system prompt and the schema are the same for every product of a run: count them once.
  const memo = new Map<string, number>();
  return (text) => {
    if (text.length < 200) return enc.encode(text).length;
    let n = memo.get(text);
    if (n === undefined) {
      n = enc.encode(text).length;
      if (memo.size > 1000) memo.clear();
      memo.set(text, n);
    }
    return n;
  };
}

/** Input tokens of one chat request: its messages plus the few tokens each message adds. */
export function requestTokens(count: TokenCounter, parts: string[]): number {
  return parts.reduce((n, p) => n + count(p) + 4, 3);
}
