import { z } from 'zod';

export const Price = z
  .object({
    input: z.number().nonnegative().describe('USD per million input tokens'),
    output: z.number().nonnegative().describe('USD per million output tokens'),
  })
  .strict();
export type Price = z.infer<typeof Price>;

/** The `provider:` section of shopflow.yaml. */
export const ProviderSection = z
  .object({
    name: z.enum(['offline', 'openai']).default('offline'),
    model: z.string().default('gpt-4o-mini'),
    base_url: z.string().url().optional().describe('any OpenAI-compatible server; else OPENAI_BASE_URL, else OpenAI'),
    concurrency: z.number().int().min(1).max(64).default(4).describe('requests at once (draft --concurrency)'),
    timeout_seconds: z.number().positive().default(60).describe('a request that takes longer is retried'),
    max_output_tokens: z.number().int().positive().optional().describe('cap per reply; default from the template'),
    temperature: z.number().min(0).max(2).optional(),
    structured_output: z
      .enum(['auto', 'json_schema', 'json_object', 'prompt'])
      .default('auto')
      .describe('how a reply is asked to be JSON; auto: found by the first call to each server and model, then remembered'),
    prices: z.record(z.string(), Price).default({}).describe('USD per million tokens by model; adds to or overrides the shipped table'),
  })
  .strict();
export type ProviderSection = z.infer<typeof ProviderSection>;
