import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError, toFile } from 'openai';
import type { ChatCompletion, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { UserError } from '../errors.js';
import { DEFAULT_OUTPUT, outputBudget } from './cost.js';
import { parseReply } from './reply.js';
import type { BatchAnswer, BatchApi, BatchState } from './batch.js';
import { memoryOutputMode, OUTPUT_MODES, type OutputMode, type OutputModeMemory } from './output-modes.js';
import { ProviderError, type CallOptions, type LlmCapabilities, type LlmProvider, type LlmRequest, type LlmResponse, type OutputSchema, type RateHint } from './provider.js';

export const OPENAI_URL = 'https://api.openai.com/v1';

export interface OpenAiSettings {
  /** From OPENAI_API_KEY only; never stored, logged or printed. */
  apiKey: string;
  baseURL: string;
  model: string;
  timeoutMs: number;
  maxOutputTokens?: number | undefined;
  temperature?: number | undefined;
  /** Where the structured-output mode that works for this server and model is remembered. */
  outputModes?: OutputModeMemory | undefined;
}

/**
 * The official SDK with its own retries off: the pool retries (with AIMD and the rate-limit
 * headers). One reply that is invalid JSON, misses a field or was cut off is asked for again once,
 * with the problem named; a second bad one fails the product — nothing half-parsed is stored.
 *
 * Structured output is probed once per server and model, by the first real call: json_schema,
 * else json_object, else the schema in the prompt (see OUTPUT_MODES). A 400 about response_format
 * moves to the next mode and sends the same request again; the first answer decides, and is
 * remembered. A refusal moves every later call on too, so a refusing server refuses a few calls
 * (those already in flight), not every product.
 */
export class OpenAiProvider implements LlmProvider, BatchApi {
  readonly id: string;
  readonly model: string;
  readonly settingsKey: string;
  readonly capabilities: LlmCapabilities = { readsPrompt: true, structuredOutput: true, batch: true, costs: true };
  private readonly client: OpenAI;
  private readonly modes: OutputModeMemory;
  /** The mode answers came back in; undefined until the memory is read or the probe decides. */
  private mode: Promise<OutputMode | undefined> | undefined;
  /** The mode to try next while undecided. */
  private candidate: OutputMode = 'json_schema';

  constructor(private readonly s: OpenAiSettings) {
    this.id = `openai:${s.model}`;
    this.model = s.model;
    this.settingsKey = JSON.stringify([s.baseURL, s.temperature ?? null, s.maxOutputTokens ?? null]);
    this.client = new OpenAI({ apiKey: s.apiKey, baseURL: s.baseURL, timeout: s.timeoutMs, maxRetries: 0 });
    this.modes = s.outputModes ?? memoryOutputMode();
  }

  async complete(req: LlmRequest, opts: CallOptions = {}): Promise<LlmResponse> {
    if (!req.output) return this.converse(req, undefined, 'json_schema', opts);
    this.mode ??= this.modes.get();
    return this.converse(req, req.output, (await this.mode) ?? this.candidate, opts);
  }

  /** One request and, for a reply that cannot be used, one more with the problem named. */
  private async converse(req: LlmRequest, output: OutputSchema | undefined, first: OutputMode, opts: CallOptions): Promise<LlmResponse> {
    let mode = first;
    let messages = firstMessages(req, output && mode);
    const usage = { inputTokens: 0, outputTokens: 0 };
    for (let attempt = 0; ; attempt++) {
      let data: ChatCompletion;
      try {
        data = await this.send(this.requestBody(req, messages, output && mode), opts);
      } catch (err) {
        const next = OUTPUT_MODES[Math.max(OUTPUT_MODES.indexOf(mode) + 1, OUTPUT_MODES.indexOf(this.candidate))];
        if (!output || !next || !refusesFormat(err)) throw this.classify(err, opts);
        // The server refuses this way of asking for JSON: the same request, the next way; the next answer decides.
        [mode, messages, attempt] = [next, firstMessages(req, next), -1];
        this.candidate = next;
        this.mode = Promise.resolve(undefined);
        continue;
      }
      usage.inputTokens += data.usage?.prompt_tokens ?? 0;
      usage.outputTokens += data.usage?.completion_tokens ?? 0;
      const read = readCompletion(output, data);
      // An answer decides the mode; a fenced reply to a schema says the server ignores schemas.
      if (output) await this.decide('fenced' in read && read.fenced ? 'prompt' : mode);
      const text = read.text;
      if ('fields' in read) return { fields: read.fields, raw: text, model: data.model || this.model, usage };
      const problem = read.problem;
      if (attempt > 0 || !output) throw new ProviderError(`${problem}${output ? ' (asked twice)' : ''}`, { retryable: false, usage, raw: text });
      messages.push(
        { role: 'assistant', content: text },
        { role: 'user', content: `That reply cannot be used: ${problem}. Reply again with ${output.retryHint}.` },
      );
    }
  }

  private async decide(mode: OutputMode): Promise<void> {
    if ((await this.mode) === mode) return;
    this.mode = Promise.resolve(mode);
    await this.modes.set(mode);
  }

  /** The chat completion request, as sent live or (json_schema) written into a batch file. */
  requestBody(req: LlmRequest, messages: ChatCompletionMessageParam[] = firstMessages(req, req.output && 'json_schema'), mode: OutputMode | undefined = req.output && 'json_schema') {
    const cap = outputBudget(req.expectedOutputTokens ?? DEFAULT_OUTPUT, this.s.maxOutputTokens).cap;
    // OpenAI wants max_completion_tokens (the o-series refuse max_tokens); compatible servers know max_tokens.
    const limit = this.s.baseURL === OPENAI_URL ? { max_completion_tokens: cap } : { max_tokens: cap };
    return {
      model: this.model,
      messages,
      ...(req.output && mode ? responseFormat(req.output, mode) : {}),
      ...limit,
      ...(this.s.temperature !== undefined ? { temperature: this.s.temperature } : {}),
    };
  }

  private async send(body: ReturnType<OpenAiProvider['requestBody']>, opts: CallOptions): Promise<ChatCompletion> {
    // The SDK never removes its listener from the signal it is given: give it one per request.
    const own = new AbortController();
    const relay = () => own.abort();
    opts.signal?.addEventListener('abort', relay, { once: true });
    try {
      const { data, response } = await this.client.chat.completions.create(body, { signal: own.signal }).withResponse();
      opts.onRateHint?.(rateHint(response.headers));
      return data;
    } finally {
      opts.signal?.removeEventListener('abort', relay);
    }
  }

  /** One line of a batch's output file, read like a live reply (json_schema mode). */
  readBatchLine(line: unknown, output: OutputSchema | undefined): BatchAnswer {
    const l = line as { custom_id: string; response?: { status_code: number; body: unknown }; error?: { message?: string } | null };
    const body = l.response?.status_code === 200 ? (l.response.body as ChatCompletion) : undefined;
    const usage = { inputTokens: body?.usage?.prompt_tokens ?? 0, outputTokens: body?.usage?.completion_tokens ?? 0 };
    if (!body) return { customId: l.custom_id, usage, raw: '', error: l.error?.message ?? `the batch answered ${l.response?.status_code ?? 'nothing'}` };
    const read = readCompletion(output, body);
    if ('fields' in read) return { customId: l.custom_id, usage, raw: read.text, response: { fields: read.fields, raw: read.text, model: body.model || this.model, usage } };
    return { customId: l.custom_id, usage, raw: read.text, error: read.problem };
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

/** The fields of a reply, or what is wrong with it: cut off, refused, not JSON, not the schema's keys. */
function readCompletion(
  output: OutputSchema | undefined,
  data: ChatCompletion,
): { fields: Record<string, string>; text: string; fenced?: boolean } | { problem: string; text: string } {
  const choice = data.choices?.[0];
  const text = choice?.message?.content ?? '';
  if (!choice) return { problem: 'the reply had no choices', text };
  if (choice.finish_reason === 'length') return { problem: 'the reply was cut off (finish_reason: length) before the JSON object was complete', text };
  if (choice.message.refusal) return { problem: `the model refused: ${choice.message.refusal}`, text };
  if (!output) return { fields: {}, text };
  const parsed = parseReply(output, text);
  return 'fields' in parsed ? { fields: parsed.fields, text, fenced: parsed.fenced } : { problem: parsed.error, text };
}

/** How JSON is asked for in each mode: OpenAI's strict schema, JSON mode, or nothing (the prompt says it). */
function responseFormat(output: OutputSchema, mode: OutputMode) {
  if (mode === 'json_object') return { response_format: { type: 'json_object' as const } };
  if (mode === 'prompt') return {};
  return { response_format: { type: 'json_schema' as const, json_schema: { name: output.name, strict: true, schema: output.jsonSchema } } };
}

/** Outside json_schema mode the schema travels in the system message. */
function firstMessages(req: LlmRequest, mode: OutputMode | undefined): ChatCompletionMessageParam[] {
  const schema = JSON.stringify(req.output?.jsonSchema);
  const system =
    mode === 'json_object'
      ? `${req.system}\n\nThe reply must be one JSON object matching this JSON schema: ${schema}`
      : mode === 'prompt'
        ? `${req.system}\n\nReply with one JSON object in a fenced \`\`\`json block, matching this JSON schema: ${schema}`
        : req.system;
  return [
    { role: 'system', content: system },
    { role: 'user', content: req.prompt },
  ];
}

/** A 400 that is about how JSON was asked for (LM Studio: "'response_format.type' must be ..."). */
function refusesFormat(err: unknown): boolean {
  if (!(err instanceof APIError) || err.status !== 400) return false;
  return /response_format|json_schema|json_object|structured output/i.test(`${apiMessage(err)} ${err.param ?? ''}`);
}

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
