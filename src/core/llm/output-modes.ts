import type { Db } from '../db/open.js';

/**
 * How a server is asked for JSON, best first: OpenAI's strict schema; plain JSON mode (LM Studio
 * refuses it, some servers refuse json_schema); the schema in the prompt with the reply's JSON
 * taken from a fenced ```json block (a server that ignores both).
 */
export const OUTPUT_MODES = ['json_schema', 'json_object', 'prompt'] as const;
export type OutputMode = (typeof OUTPUT_MODES)[number];

/** Remembers the mode that works for one (base URL, model). */
export interface OutputModeMemory {
  get(): Promise<OutputMode | undefined>;
  set(mode: OutputMode): Promise<void>;
}

/** Kept in the store's database (migration 014), opened only when a real call needs it. */
export function storedOutputMode(openDb: () => Promise<Db>, baseUrl: string, model: string, now: () => Date): OutputModeMemory {
  return {
    async get() {
      const db = await openDb();
      const mode = db.prepare('select mode from llm_output_modes where base_url = ? and model = ?').pluck().get(baseUrl, model) as string | undefined;
      return (OUTPUT_MODES as readonly string[]).includes(mode ?? '') ? (mode as OutputMode) : undefined;
    },
    async set(mode) {
      const db = await openDb();
      db.prepare(
        `insert into llm_output_modes (base_url, model, mode, decided_at) values (?, ?, ?, ?)
         on conflict (base_url, model) do update set mode = excluded.mode, decided_at = excluded.decided_at`,
      ).run(baseUrl, model, mode, now().toISOString());
    },
  };
}

/** For a provider used without a store: decided again by each process. */
export function memoryOutputMode(): OutputModeMemory {
  let mode: OutputMode | undefined;
  return {
    get: async () => mode,
    set: async (m) => {
      mode = m;
    },
  };
}

/** A mode set in shopflow.yaml (provider.structured_output): nothing is probed or remembered, unless the server refuses it. */
export function fixedOutputMode(mode: OutputMode): OutputModeMemory {
  return { get: async () => mode, set: async () => undefined };
}
