import type { StoreConfig } from '../config/config.js';
import type { Db } from '../db/open.js';
import { UserError } from '../errors.js';
import type { LlmProvider } from './provider.js';
import { OfflineProvider } from './offline.js';

/** Picks the provider: the flag, else shopflow.yaml, else offline. */
export async function resolveProvider(opts: {
  config: StoreConfig;
  env: NodeJS.ProcessEnv;
  provider?: string | undefined;
  model?: string | undefined;
  /** A dry run calls nothing: it needs no key. */
  needKey?: boolean;
  /** The store's database, where the structured-output mode that works for a server is remembered. */
  db?: () => Promise<Db>;
  now?: () => Date;
}): Promise<LlmProvider> {
  const name = opts.provider ?? opts.config.provider.name;
  if (name === 'offline') return new OfflineProvider();
  if (name === 'openai') {
    const [{ OpenAiProvider, OPENAI_URL }, { fixedOutputMode, storedOutputMode }] = await Promise.all([import('./openai.js'), import('./output-modes.js')]);
    const p = opts.config.provider;
    const baseURL = (p.base_url ?? (opts.env.OPENAI_BASE_URL || OPENAI_URL)).replace(/\/+$/, '');
    let apiKey = opts.env.OPENAI_API_KEY ?? '';
    if (!apiKey) {
      // Local servers (Ollama, LM Studio, vLLM) take any key; OpenAI itself needs one.
      if (baseURL === OPENAI_URL && opts.needKey !== false) {
        throw new UserError('OPENAI_API_KEY is not set: export it in your shell (it is never stored), or use --provider offline');
      }
      apiKey = 'no-key';
    }
    const model = opts.model ?? p.model;
    return new OpenAiProvider({
      apiKey,
      baseURL,
      model,
      timeoutMs: p.timeout_seconds * 1000,
      maxOutputTokens: p.max_output_tokens,
      temperature: p.temperature,
      outputModes:
        p.structured_output !== 'auto'
          ? fixedOutputMode(p.structured_output)
          : opts.db
            ? storedOutputMode(opts.db, baseURL, model, opts.now ?? (() => new Date()))
            : undefined,
    });
  }
  throw new UserError(`--provider: "${name}" is not a provider; use offline or openai`, 2);
}
