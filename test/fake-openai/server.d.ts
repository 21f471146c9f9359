export type Fault = '500' | '502' | '503' | '429' | 'timeout' | 'malformed' | 'invalid' | 'truncated' | null;

export interface FakeOptions {
  /** Delay before each answer. */
  latencyMs: number;
  /** Requests per minute (0: no limit); a second's worth may come at once. */
  rpm: number;
  /** Prompt tokens per minute (0: no limit); ten seconds' worth may come at once. */
  tpm: number;
  /** Fractions of accepted requests answered with 500, never answered, not JSON, cut off. */
  errorRate: number;
  timeoutRate: number;
  malformedRate: number;
  truncatedRate: number;
  seed: number;
  /** When set, any other bearer key gets 401. */
  apiKey: string | undefined;
  /** Every request gets a 500 (and is counted). */
  failAll: boolean;
  /** Faults for the next accepted requests, in order (null: a good answer); then the rates apply. */
  faults: Fault[];
  /** Batch API: status checks that still answer in_progress before a batch is completed. */
  batchPolls: number;
  /** response_format types answered with a 400 (LM Studio refuses json_object; some servers json_schema). */
  refuseFormats: Array<'json_schema' | 'json_object'>;
  /** Ignores any schema and answers prose around a fenced ```json block. */
  prose: boolean;
}

export interface FakeStats {
  /** Files uploaded and batches created (Batch API). */
  uploads: number;
  batches: number;
  requests: number;
  ok: number;
  rateLimited: number;
  serverErrors: number;
  timeouts: number;
  malformed: number;
  truncated: number;
  invalid: number;
  rejected: number;
  /** Requests refused for their response_format (400). */
  refused: number;
  /** Chat requests by response_format type ("none" when absent), refused ones included. */
  formats: Record<string, number>;
  /** Good answers per product title. */
  titles: Record<string, number>;
  /** Request bodies that passed the rate limits. */
  bodies: Array<{ model: string; messages: Array<{ role: string; content: string }>; response_format?: unknown; [k: string]: unknown }>;
}

export interface FakeOpenAi {
  url: string;
  stats: FakeStats;
  set(change: Partial<FakeOptions>): void;
  close(): Promise<void>;
}

export function start(options?: Partial<FakeOptions>): Promise<FakeOpenAi>;
