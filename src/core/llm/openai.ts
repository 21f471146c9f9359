import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError, toFile } from 'openai';
import type { ChatCompletion, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { Template } from '../templates/schema.js';
import { UserError } from '../errors.js';
import { outputTokens } from './cost.js';
import { parseReply, responseFormat } from './schema.js';
import type { BatchApi, BatchState } from './batch.js';
import { ProviderError, type CallOptions, type LlmProvider, type LlmRequest, type LlmResponse, type RateHint } from './provider.js';

export const OPENAI_URL = 'https://api.openai.com/v1';

export interface OpenAiSettings {
  /** From OPENAI_API_KEY only; never stored, logged or printed. */
  apiKey: string;
  baseURL: string;
  model: string;
  timeoutMs: number;
  maxOutputTokens?: number | undefined;
  temperature?: number | undefined;
}

/**
 * The official SDK with its own retries off: the pool retries (with AIMD and the rate-limit
 * headers). One reply that is invalid JSON, misses a field or was cut off is asked for again once,
 * with the problem named; a second bad one fails the product — nothing half-parsed is stored.
 */
export class OpenAiProvider implements LlmProvider, BatchApi {
  readonly id: string;
  readonly model: string;
  readonly settingsKey: string;
  private readonly client: OpenAI;

  constructor(private readonly s: OpenAiSettings) {
    this.id = `openai:${s.model}`;
    this.model = s.model;
    this.settingsKey = JSON.stringify([s.baseURL, s.temperature ?? null, s.maxOutputTokens ?? null]);
    this.client = new OpenAI({ apiKey: s.apiKey, baseURL: s.baseURL, timeout: s.timeoutMs, maxRetries: 0 });
  }

  async complete(req: LlmRequest, opts: CallOptions = {}): Promise<LlmResponse> {
    const messages = firstMessages(req);
    const usage = { inputTokens: 0, outputTokens: 0 };
    const keys = req.template.fields.map((f) => `"${f.name}"`).join(', ');
    for (let attempt = 0; ; attempt++) {
      const data = await this.send(req, messages, opts);
      usage.inputTokens += data.usage?.prompt_tokens ?? 0;
      usage.outputTokens += data.usage?.completion_tokens ?? 0;
      const read = readCompletion(req.template, data);
      const text = read.text;
      if ('fields' in read) return { fields: read.fields, raw: text, model: data.model || this.model, usage };
      const problem = read.problem;
      if (attempt > 0) throw new ProviderError(`${problem} (asked twice)`, { retryable: false, usage, raw: text });
      messages.push(
        { role: 'assistant', content: text },
        { role: 'user', content: `That reply cannot be used: ${problem}. Reply again with one complete JSON object with exactly the keys ${keys}, and keep within the length limits.` },
      );
    }
  }

  /** The chat completion request, as sent live or written into a batch file. */
  requestBody(req: LlmRequest, messages: ChatCompletionMessageParam[] = firstMessages(req)) {
    const cap = outputTokens(req.template, this.s.maxOutputTokens).cap;
    // OpenAI wants max_completion_tokens (the o-series refuse max_tokens); compatible servers know max_tokens.
    const limit = this.s.baseURL === OPENAI_URL ? { max_completion_tokens: cap } : { max_tokens: cap };
    return {
      model: this.model,
      messages,
      response_format: responseFormat(req.template),
      ...limit,
      ...(this.s.temperature !== undefined ? { temperature: this.s.temperature } : {}),
    };
  }

  private async send(req: LlmRequest, messages: ChatCompletionMessageParam[], opts: CallOptions) {
    // The SDK never removes its listener from the signal it is given: give it one per request.
    const own = new AbortController();
    const relay = () => own.abort();
    opts.signal?.addEventListener('abort', relay, { once: true });
    try {
      const { data, response } = await this.client.chat.completions.create(this.requestBody(req, messages), { signal: own.signal }).withResponse();
      opts.onRateHint?.(rateHint(response.headers));
      return data;
    } catch (err) {
      throw this.classify(err, opts);
    } finally {
      opts.signal?.removeEventListener('abort', relay);
    }
  }

  async submitBatch(jsonl: string): Promise<string> {
    try {
      const file = await this.client.files.create({ file: await toFile(Buffer.from(jsonl), 'shopflow-batch.jsonl'), purpose: 'batch' });
      const batch = await this.client.batches.create({ input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h' });
      return batch.id;
    } catch (err) {
      throw this.classify(err, {});
    }
  }

  async batchState(id: string): Promise<BatchState> {
    try {
      const b = await this.client.batches.retrieve(id);
      const c = b.request_counts;
      return { status: b.status, outputFileId: b.output_file_id ?? null, total: c?.total ?? 0, completed: c?.completed ?? 0, failed: c?.failed ?? 0 };
    } catch (err) {
      throw this.classify(err, {});
    }
  }

  async fileText(id: string): Promise<string> {
    try {
      return await (await this.client.files.content(id)).text();
    } catch (err) {
      throw this.classify(err, {});
    }
  }

  private classify(err: unknown, opts: CallOptions): Error {
    if (err instanceof APIUserAbortError) return err;
    if (err instanceof APIConnectionTimeoutError) return new ProviderError(`no answer within ${this.s.timeoutMs / 1000} s`, { retryable: true });
    if (err instanceof APIConnectionError) return new ProviderError(`cannot reach ${this.s.baseURL}: ${err.cause instanceof Error ? err.cause.message : err.message}`, { retryable: true, unreachable: true });
    if (!(err instanceof APIError) || err.status === undefined) return err as Error;
    if (err.headers) opts.onRateHint?.(rateHint(err.headers));
    const said = apiMessage(err);
    const where = this.s.baseURL === OPENAI_URL ? 'OpenAI' : this.s.baseURL;
    const status = err.status;
    if (status === 401) return new UserError(`${where} rejected the key — check OPENAI_API_KEY`);
    if (status === 403) return new UserError(`${where} refused access (403: ${said}) — check OPENAI_API_KEY and that it may use ${this.model}`);
    if (status === 404) return new UserError(`${where} answered 404 (${said}) — check provider.model ("${this.model}") and provider.base_url`);
    if (status === 429 && err.code === 'insufficient_quota') return new UserError(`${where}: the account has no quota left (insufficient_quota) — check its billing`);
    if (status === 429) return new ProviderError(`rate limited (429)`, { retryable: true, status, rateLimited: true, ...retryAfter(err.headers) });
    if (status === 408 || status === 409 || status >= 500) return new ProviderError(`${where} answered ${status}: ${said}`, { retryable: true, status, ...retryAfter(err.headers) });
    return new ProviderError(`${where} refused the request (${status}: ${said})`, { retryable: false, status });
  }
}

/** The fields of a reply, or what is wrong with it: cut off, refused, not JSON, not the template's keys. */
export function readCompletion(template: Template, data: ChatCompletion): { fields: Record<string, string>; text: string } | { problem: string; text: string } {
  const choice = data.choices?.[0];
  const text = choice?.message?.content ?? '';
  if (!choice) return { problem: 'the reply had no choices', text };
  if (choice.finish_reason === 'length') return { problem: 'the reply was cut off (finish_reason: length) before the JSON object was complete', text };
  if (choice.message.refusal) return { problem: `the model refused: ${choice.message.refusal}`, text };
  const parsed = parseReply(template, text);
  return 'fields' in parsed ? { fields: parsed.fields, text } : { problem: parsed.error, text };
}

const firstMessages = (req: LlmRequest): ChatCompletionMessageParam[] => [
  { role: 'system', content: req.system },
  { role: 'user', content: req.prompt },
];

function apiMessage(err: APIError): string {
  const e = err.error as { message?: unknown } | undefined;
  return typeof e?.message === 'string' ? e.message : err.message;
}

/** Retry-After in seconds, or the retry-after-ms OpenAI also sends; absent: the pool's own backoff. */
function retryAfter(h: Headers | undefined): { retryAfterMs?: number } {
  const ms = Number(h?.get('retry-after-ms'));
  if (h?.get('retry-after-ms') && Number.isFinite(ms) && ms >= 0) return { retryAfterMs: ms };
  const raw = h?.get('retry-after');
  if (!raw) return {};
  const secs = Number(raw);
  if (Number.isFinite(secs)) return { retryAfterMs: secs * 1000 };
  const date = Date.parse(raw);
  return Number.isFinite(date) ? { retryAfterMs: Math.max(0, date - Date.now()) } : {};
}

/** "1s", "6m0s", "120ms", "0.5s" → milliseconds. */
export function durationMs(text: string | null | undefined): number | undefined {
  if (!text) return undefined;
  let ms = 0;
  let matched = false;
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) {
    matched = true;
    ms += Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms' | 's' | 'm' | 'h'];
  }
  return matched ? Math.ceil(ms) : undefined;
}

function rateHint(h: Headers): RateHint {
  const num = (name: string) => {
    const v = h.get(name);
    return v === null || v === '' || !Number.isFinite(Number(v)) ? undefined : Number(v);
  };
  const hint: RateHint = {
    limitRequests: num('x-ratelimit-limit-requests'),
    remainingRequests: num('x-ratelimit-remaining-requests'),
    resetRequestsMs: durationMs(h.get('x-ratelimit-reset-requests')),
    remainingTokens: num('x-ratelimit-remaining-tokens'),
    resetTokensMs: durationMs(h.get('x-ratelimit-reset-tokens')),
  };
  return Object.fromEntries(Object.entries(hint).filter(([, v]) => v !== undefined)) as RateHint;
}
