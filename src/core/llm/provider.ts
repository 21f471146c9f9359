/**
 * The model seam, task-neutral: a request is a task (product copy now; replies and flow messages
 * later) carrying its own text, output schema and the data its offline implementation drafts from.
 * Nothing here knows a product or a template.
 */

/** The JSON object a reply must be: sent as a schema, validated with zod when it comes back. */
export interface OutputSchema {
  /** The schema's name (OpenAI allows [a-zA-Z0-9_-]). */
  name: string;
  /** A strict JSON schema: every key required, no others. */
  jsonSchema: Record<string, unknown>;
  /** Validates the parsed JSON; the error names what is wrong, to be shown to the model on the retry. */
  parse(json: unknown): { fields: Record<string, string> } | { error: string };
  /** What to ask for on a retry, e.g. `one complete JSON object with exactly the keys "a", "b"`. */
  retryHint: string;
}

export interface LlmRequest {
  /** What is asked: "product_copy"; picks the offline implementation. */
  task: string;
  /** Logged with the call (the llm_calls.template column): the template the text was written from. */
  template: string;
  /** Voice, instructions, rules. */
  system: string;
  /** The data, as text for a model. */
  prompt: string;
  /** The reply must be this JSON object (absent: free text, `fields` stays empty). */
  output?: OutputSchema;
  /** Output tokens a reply needs, for estimates and the default cap. */
  expectedOutputTokens?: number;
  /** What the task's offline implementation drafts from; never sent to a model. */
  offline?: unknown;
}

export interface LlmUsage {
  inputTokens: number;
  outputTokens: number;
}

export interface LlmResponse {
  /** The reply's JSON object, validated by the request's output schema. */
  fields: Record<string, string>;
  /** The text the provider returned, stored in the call log. */
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

/** What a provider can do; callers ask these instead of comparing ids. */
export interface LlmCapabilities {
  /** Follows the system and prompt text (a model): shown the owner's examples, asked again about unsupported claims. */
  readsPrompt: boolean;
  /** Answers JSON to an output schema; its tokens count in an estimate. */
  structuredOutput: boolean;
  /** Has a batch API (see BatchApi). */
  batch: boolean;
  /** Calls may cost money: each is committed on its own, never grouped. */
  costs: boolean;
}

export interface LlmProvider {
  /** "offline", "openai:gpt-4o-mini"; logged with every call. */
  readonly id: string;
  /** The model, for prices and the tokenizer (absent: the call costs nothing). */
  readonly model?: string;
  /** Everything besides the model that changes a reply (server, settings); part of the draft cache key. */
  readonly settingsKey?: string;
  readonly capabilities: LlmCapabilities;
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
