import type { OutputSchema } from './provider.js';

/** The ```json block of a prose reply (a server that ignores the schema), or undefined. */
export function fencedJson(text: string): string | undefined {
  return /```(?:json)?[ \t]*\r?\n([\s\S]*?)\r?\n?```/i.exec(text)?.[1];
}

/**
 * Parses a reply and validates it with the output schema. A reply that is no JSON but holds a
 * fenced ```json block is read from that block, and says so (`fenced`): the server ignored the
 * schema it was sent. The error names what is wrong, to be shown to the model on the retry.
 */
export function parseReply(output: OutputSchema, text: string): { fields: Record<string, string>; fenced: boolean } | { error: string } {
  let json: unknown;
  let fenced = false;
  try {
    json = JSON.parse(text);
  } catch {
    const block = fencedJson(text);
    try {
      if (block === undefined) throw new Error('no block');
      json = JSON.parse(block);
      fenced = true;
    } catch {
      return { error: 'the reply was not a JSON object' };
    }
  }
  const r = output.parse(json);
  return 'fields' in r ? { fields: r.fields, fenced } : r;
}
