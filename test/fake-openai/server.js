// A faithful fake of the OpenAI HTTP API for tests and benchmarks: chat completions with JSON
// schema output, request and token rate limits answered with 429 + Retry-After and the
// x-ratelimit-* headers, injected 5xx, timeouts, malformed and truncated replies; and the ways
// local servers differ on structured output: refusing json_schema or json_object with a 400
// (LM Studio, some vLLM builds), or ignoring the schema and answering prose around a fenced
// ```json block (Ollama with some models).
// Plain JavaScript (with server.d.ts) so that vitest tests and the node scripts in bench/ share it.
import { createServer } from 'node:http';

/** @param {number} seed */
function prng(seed) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    return s / 0x100000000;
  };
}

/** A bucket that refills continuously: `limit` per minute, at most `burstSeconds`' worth at once. */
function bucket(perMinute, now, burstSeconds = 1) {
  const rate = perMinute / 60_000;
  const capacity = Math.max(1, (perMinute / 60) * burstSeconds);
  let level = capacity;
  let at = now();
  const refill = () => {
    const t = now();
    level = Math.min(capacity, level + (t - at) * rate);
    at = t;
  };
  return {
    limit: perMinute,
    take(n) { refill(); if (level < n) return false; level -= n; return true; },
    remaining() { refill(); return Math.floor(level); },
    /** Milliseconds until `n` are available. */
    waitFor(n) { refill(); return level >= n ? 0 : Math.ceil((n - level) / rate); },
    resetMs() { refill(); return Math.ceil((capacity - level) / rate); },
  };
}

const estimateTokens = (text) => Math.max(1, Math.ceil(text.length / 4));
const DEFAULTS = { batchPolls: 1, latencyMs: 0, rpm: 0, tpm: 0, errorRate: 0, timeoutRate: 0, malformedRate: 0, truncatedRate: 0, seed: 1, apiKey: undefined, failAll: false, faults: [], refuseFormats: [], prose: false };

/**
 * Starts the fake on 127.0.0.1, port 0.
 * @param {Partial<typeof DEFAULTS>} options
 */
export async function start(options = {}) {
  const opts = { ...DEFAULTS, ...options, faults: [...(options.faults ?? [])] };
  const now = () => performance.now();
  let random = prng(opts.seed);
  let requests = opts.rpm > 0 ? bucket(opts.rpm, now) : undefined;
  let tokens = opts.tpm > 0 ? bucket(opts.tpm, now, 10) : undefined;
  const stats = { uploads: 0, batches: 0, requests: 0, ok: 0, rateLimited: 0, serverErrors: 0, timeouts: 0, malformed: 0, truncated: 0, invalid: 0, rejected: 0, refused: 0, formats: {}, titles: {}, bodies: [] };
  const held = new Set();

  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      stats.requests++;
      handle(req, res, body).catch((err) => send(res, 500, { error: { message: String(err), type: 'server_error' } }));
    });
  });

  function send(res, status, json, headers = {}) {
    if (res.destroyed) return;
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(typeof json === 'string' ? json : JSON.stringify(json));
  }

  function rateHeaders(extra = {}) {
    const h = { ...extra };
    if (requests) {
      h['x-ratelimit-limit-requests'] = String(requests.limit);
      h['x-ratelimit-remaining-requests'] = String(requests.remaining());
      h['x-ratelimit-reset-requests'] = `${requests.resetMs()}ms`;
    }
    if (tokens) {
      h['x-ratelimit-limit-tokens'] = String(tokens.limit);
      h['x-ratelimit-remaining-tokens'] = String(tokens.remaining());
      h['x-ratelimit-reset-tokens'] = `${tokens.resetMs()}ms`;
    }
    return h;
  }

  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

  async function handle(req, res, raw) {
    if (opts.failAll) return send(res, 500, { error: { message: 'this server fails on any request', type: 'server_error' } });
    if (opts.apiKey !== undefined && req.headers.authorization !== `Bearer ${opts.apiKey}`) {
      stats.rejected++;
      return send(res, 401, { error: { message: 'Incorrect API key provided.', type: 'invalid_request_error', code: 'invalid_api_key' } });
    }
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (req.method === 'POST' && path.endsWith('/chat/completions')) return chat(res, JSON.parse(raw));
    if (req.method === 'POST' && path.endsWith('/files')) return uploadFile(res, req, raw);
    const content = /\/files\/([^/]+)\/content$/.exec(path);
    if (req.method === 'GET' && content) return files.has(content[1]) ? send(res, 200, files.get(content[1]), { 'content-type': 'application/octet-stream' }) : send(res, 404, { error: { message: 'no such file' } });
    if (req.method === 'POST' && path.endsWith('/batches')) return createBatch(res, JSON.parse(raw));
    const batch = /\/batches\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && batch) return getBatch(res, batch[1]);
    return send(res, 404, { error: { message: `no route ${req.method} ${path}`, type: 'invalid_request_error' } });
  }

  function pickFault() {
    if (opts.faults.length > 0) return opts.faults.shift() ?? null;
    const r = random();
    let edge = 0;
    for (const [fault, rate] of [['500', opts.errorRate], ['timeout', opts.timeoutRate], ['malformed', opts.malformedRate], ['truncated', opts.truncatedRate]]) {
      edge += rate;
      if (r < edge) return fault;
    }
    return null;
  }

  async function chat(res, body) {
    const format = body.response_format?.type ?? 'none';
    stats.formats[format] = (stats.formats[format] ?? 0) + 1;
    if (opts.refuseFormats.includes(format)) {
      stats.refused++;
      return send(res, 400, { error: { message: `'response_format.type' ${format} is not supported by this server`, type: 'invalid_request_error', param: 'response_format', code: null } });
    }
    const promptText = body.messages.map((m) => m.content).join('\n');
    const promptTokens = estimateTokens(promptText);
    if (requests && !requests.take(1)) return limited(res, requests.waitFor(1), 'requests');
    if (tokens && !tokens.take(promptTokens)) return limited(res, tokens.waitFor(promptTokens), 'tokens');
    stats.bodies.push(body);
    const fault = pickFault();
    if (fault === 'timeout') {
      stats.timeouts++;
      held.add(res);
      return;
    }
    if (opts.latencyMs > 0) await sleep(opts.latencyMs);
    if (fault === '500' || fault === '503' || fault === '502') {
      stats.serverErrors++;
      return send(res, Number(fault), { error: { message: 'The server had an error while processing your request.', type: 'server_error' } }, rateHeaders());
    }
    if (fault === '429') return limited(res, 50, 'requests');
    send(res, 200, completion(body, fault), rateHeaders());
  }

  /** A chat completion for `body`: the schema's keys filled from the product title, or the fault. */
  function completion(body, fault) {
    const promptText = body.messages.map((m) => m.content).join('\n');
    // Without json_schema the schema travels in the system message, as the last thing it says.
    const inPrompt = /JSON schema: (\{.*\})$/m.exec(body.messages[0]?.content ?? '')?.[1];
    const schema = body.response_format?.json_schema?.schema ?? (inPrompt ? JSON.parse(inPrompt) : undefined);
    const title = /"title": "((?:[^"\\]|\\.)*)"/.exec(promptText)?.[1] ?? 'the product';
    const fields = Object.fromEntries(Object.keys(schema?.properties ?? { text: {} }).map((k) => [k, `Fake ${k} for ${title}.`]));
    let content = JSON.stringify(fields);
    let finish = 'stop';
    if (fault === 'malformed') { stats.malformed++; content = `Sure! Here is the JSON: ${content.slice(0, -1)}`; }
    else if (fault === 'invalid') { stats.invalid++; content = JSON.stringify({ wrong_key: 'x' }); }
    else if (fault === 'truncated') { stats.truncated++; content = content.slice(0, Math.floor(content.length / 2)); finish = 'length'; }
    else { stats.ok++; stats.titles[title] = (stats.titles[title] ?? 0) + 1; }
    if (opts.prose && !fault) content = `Here is the copy you asked for:\n\n\`\`\`json\n${JSON.stringify(fields, null, 2)}\n\`\`\`\n\nI hope it helps!`;
    const promptTokens = estimateTokens(promptText);
    const completionTokens = estimateTokens(content);
    return {
      id: `chatcmpl-${stats.requests}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: body.model,
      choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, finish_reason: finish, logprobs: null }],
      usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
    };
  }

  // The Batch API: files (multipart upload, content download) and batches that finish after
  // `batchPolls` status checks, each line answered like a chat completion (with the fault rates).
  const files = new Map();
  const batches = new Map();
  function uploadFile(res, req, raw) {
    const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(req.headers['content-type'] ?? '');
    if (!boundary) return send(res, 400, { error: { message: 'expected multipart/form-data', type: 'invalid_request_error' } });
    const parts = {};
    for (const part of raw.split(`--${boundary[1] ?? boundary[2]}`)) {
      const name = /name="([^"]+)"/.exec(part)?.[1];
      const at = part.indexOf('\r\n\r\n');
      if (name && at >= 0) parts[name] = part.slice(at + 4).replace(/\r\n$/, '');
    }
    const id = `file-${files.size + 1}`;
    files.set(id, parts.file ?? '');
    stats.uploads++;
    send(res, 200, { id, object: 'file', bytes: (parts.file ?? '').length, created_at: Math.floor(Date.now() / 1000), filename: 'input.jsonl', purpose: parts.purpose ?? 'batch', status: 'processed' });
  }
  function createBatch(res, body) {
    const input = files.get(body.input_file_id);
    if (input === undefined) return send(res, 404, { error: { message: `no file ${body.input_file_id}`, type: 'invalid_request_error' } });
    const lines = input.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
    const output = lines.map((l) => JSON.stringify({ id: `batch_req_${l.custom_id}`, custom_id: l.custom_id, response: { status_code: 200, request_id: 'r', body: completion(l.body, pickFault()) }, error: null }));
    const outputId = `file-${files.size + 1}`;
    files.set(outputId, `${output.join('\n')}\n`);
    const id = `batch_${batches.size + 1}`;
    batches.set(id, { polls: 0, batch: { id, object: 'batch', endpoint: body.endpoint, input_file_id: body.input_file_id, completion_window: body.completion_window, status: 'in_progress', output_file_id: null, error_file_id: null, created_at: Math.floor(Date.now() / 1000), request_counts: { total: lines.length, completed: 0, failed: 0 } }, outputId, total: lines.length });
    stats.batches++;
    send(res, 200, batches.get(id).batch);
  }
  function getBatch(res, id) {
    const b = batches.get(id);
    if (!b) return send(res, 404, { error: { message: `no batch ${id}`, type: 'invalid_request_error' } });
    if (++b.polls > opts.batchPolls) Object.assign(b.batch, { status: 'completed', output_file_id: b.outputId, request_counts: { total: b.total, completed: b.total, failed: 0 } });
    send(res, 200, b.batch);
  }

  function limited(res, waitMs, kind) {
    stats.rateLimited++;
    send(res, 429, { error: { message: `Rate limit reached for ${kind}. Please try again in ${waitMs}ms.`, type: kind, code: 'rate_limit_exceeded' } },
      rateHeaders({ 'retry-after': String(Math.max(1, Math.ceil(waitMs / 1000))), 'retry-after-ms': String(waitMs) }));
  }

  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${port}/v1`,
    stats,
    /** Changes the behaviour from now on (rates, faults, latency). */
    set(change) {
      Object.assign(opts, change);
      if (change.faults) opts.faults = [...change.faults];
      if (change.seed !== undefined) random = prng(change.seed);
      if (change.rpm !== undefined) requests = change.rpm > 0 ? bucket(change.rpm, now) : undefined;
      if (change.tpm !== undefined) tokens = change.tpm > 0 ? bucket(change.tpm, now, 10) : undefined;
    },
    close() {
      for (const res of held) res.destroy();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve(undefined)));
    },
  };
}
