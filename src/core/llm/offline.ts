import type { LlmCapabilities, LlmProvider, LlmRequest, LlmResponse } from './provider.js';

/** A task's drafting without a model: deterministic, from the request's `offline` data alone. */
export type OfflineTask = (req: LlmRequest) => LlmResponse;

// The tasks register here, where their requests are built (draft/task.ts for product_copy), so
// that whoever can ask for a task has registered it — as simonw/llm registers its fake model
// through the same hook as the real ones.
const tasks = new Map<string, OfflineTask>();

export function registerOfflineTask(task: string, draft: OfflineTask): void {
  tasks.set(task, draft);
}

/** Drafting without a model: each task's own offline implementation; no network, no cost. */
export class OfflineProvider implements LlmProvider {
  readonly id = 'offline';
  readonly capabilities: LlmCapabilities = { readsPrompt: false, structuredOutput: false, batch: false, costs: false };

  async complete(req: LlmRequest): Promise<LlmResponse> {
    const draft = tasks.get(req.task);
    if (!draft) throw new Error(`the offline provider has no implementation of the task "${req.task}"`);
    return draft(req);
  }
}

/** An offline answer: the fields, their JSON as the raw text, no model and no tokens. */
export const offlineResponse = (fields: Record<string, string>): LlmResponse => ({
  fields,
  raw: JSON.stringify(fields),
  model: 'offline',
  usage: { inputTokens: 0, outputTokens: 0 },
});
