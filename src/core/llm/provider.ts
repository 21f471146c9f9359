import type { Product } from '../formats/types.js';
import type { Template } from '../templates/schema.js';
import type { StoreConfig } from '../config.js';

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

export interface LlmProvider {
  /** "offline", "openai:gpt-4o-mini"; logged with every call. */
  readonly id: string;
  complete(req: LlmRequest): Promise<LlmResponse>;
}
