import type { StoreConfig } from '../config.js';
import { UserError } from '../errors.js';
import type { LlmProvider } from './provider.js';
import { OfflineProvider } from './offline.js';

/** Picks the provider: the flag, else shopflow.yaml, else offline. */
export function resolveProvider(opts: {
  config: StoreConfig;
  env: NodeJS.ProcessEnv;
  provider?: string | undefined;
  model?: string | undefined;
}): LlmProvider {
  const name = opts.provider ?? opts.config.provider.name;
  if (name === 'offline') return new OfflineProvider();
  if (name === 'openai') {
    throw new UserError(
      'the openai provider is not available in this version yet; use --provider offline (it needs no key and sends nothing)',
    );
  }
  throw new UserError(`--provider: "${name}" is not a provider; use offline or openai`, 2);
}
