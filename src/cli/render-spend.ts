import type { Spend } from '../core/llm/bulk.js';

const n = (x: number): string => Math.round(x).toLocaleString('en-US');

/** "8 calls, ~12,345 input + ~3,200 output tokens, ~$0.0038 (gpt-4o-mini)"; `approx` marks an estimate. */
export function spendLine(s: Spend, approx: '~' | ''): string {
  const tokens = `${s.calls} call${s.calls === 1 ? '' : 's'}, ${approx}${n(s.inputTokens)} input + ${approx}${n(s.outputTokens)} output tokens`;
  if (!s.priced) return `${tokens}; no price for ${s.model} (add it under provider.prices in shopflow.yaml)`;
  return `${tokens}, ${approx}${usd(s.costUsd)} (${s.model})`;
}

export const usd = (x: number): string => `$${x < 1 ? x.toFixed(4) : x.toFixed(2)}`;
