import type { Product } from '../formats/types.js';
import type { Template } from '../templates/schema.js';
import type { StoreConfig } from '../config/config.js';

/** What a provider is asked: the prompt text for a model, and the structured facts for the offline one. */
export interface LlmRequest {
  template: Template;
  product: Product;
  store: StoreConfig;
  /** Brand voice, the template's instructions, the rules. */
  system: string;
  /** The product's facts, passed as data. */
  prompt: string;
}

export interface LlmUsage {
  inputTokens: number;
  outputTokens: number;
}

export interface LlmResponse {
  /** One value per field the template declares. */
  fields: Record<string, string>;
  /** The raw text the provider returned (JSON for models), stored in the call log. */
  raw: string;
  model: string;
  usage: LlmUsage;
}

/** What the server said about its rate limits, read from the x-ratelimit-* headers. */
export interface RateHint {
  limitRequests?: number;
  remainingRequests?: number;
  resetRequestsMs?: number;
  remainingTokens?: number;
  resetTokensMs?: number;
}

export interface CallOptions {
  /** Ctrl+C: the request is abandoned. */
  signal?: AbortSignal;
  onRateHint?: (hint: RateHint) => void;
}

export interface LlmProvider {
  /** "offline", "openai:gpt-4o-mini"; logged with every call. */
  readonly id: string;
  /** The model, for prices and the tokenizer (absent: the call costs nothing). */
  readonly model?: string;
  /** Everything besides the model that changes a reply (server, settings); part of the draft cache key. */
  readonly settingsKey?: string;
  complete(req: LlmRequest, opts?: CallOptions): Promise<LlmResponse>;
}

/**
 * A failed call, classified for the retry loop: `retryable` (429, 5xx, timeouts, dropped
 * connections) or not (a reply that stayed invalid, a refused request). Tokens a failed call
 * still used are in `usage`, so the log and the bill count them.
 */
export class ProviderError extends Error {
  constructor(
    message: string,
    readonly info: {
      retryable: boolean;
      status?: number;
      rateLimited?: boolean;
      /** The server cannot be reached (connection refused, unknown host). */
      unreachable?: boolean;
      retryAfterMs?: number;
      usage?: LlmUsage;
      raw?: string;
    },
  ) {
    super(message);
  }
}
