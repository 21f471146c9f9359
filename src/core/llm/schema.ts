import { z } from 'zod';
import type { Template } from '../templates/schema.js';

/** The template's fields as a zod object: every field a non-empty string, nothing else. */
export function replySchema(template: Template): z.ZodType<Record<string, string>> {
  const shape: Record<string, z.ZodString> = {};
  for (const f of template.fields) shape[f.name] = z.string().trim().min(1, 'is empty');
  return z.object(shape).strict();
}

/**
 * The same as a JSON schema for OpenAI's structured output (strict mode: every key required, no
 * others). Length limits stay out of it — strict mode ignores most of them — and are checked on
 * the draft instead, where the owner sees them.
 */
export function responseFormat(template: Template) {
  const properties: Record<string, { type: 'string'; description: string }> = {};
  for (const f of template.fields) {
    const limit = f.max_length ? `, at most ${f.max_length} characters` : '';
    properties[f.name] = { type: 'string', description: `${f.label} (${f.format === 'html' ? 'HTML' : 'plain text'}${limit})` };
  }
  return {
    type: 'json_schema' as const,
    json_schema: {
      name: template.name.replace(/[^a-zA-Z0-9_-]/g, '_'),
      strict: true,
      schema: { type: 'object', properties, required: template.fields.map((f) => f.name), additionalProperties: false },
    },
  };
}

/** Parses and validates a reply; the message names what is wrong, to be shown to the model on the retry. */
export function parseReply(template: Template, text: string): { fields: Record<string, string> } | { error: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { error: 'the reply was not a JSON object' };
  }
  const r = replySchema(template).safeParse(json);
  if (r.success) return { fields: r.data };
  const issues = r.error.issues.map((i) => {
    if (i.code === 'unrecognized_keys') return `unexpected key${i.keys.length > 1 ? 's' : ''} ${i.keys.map((k) => `"${k}"`).join(', ')}`;
    const key = i.path.map(String).join('.');
    return key ? `"${key}" ${i.code === 'invalid_type' ? 'is missing or not a string' : i.message}` : i.message;
  });
  return { error: `the reply did not match the fields: ${issues.join('; ')}` };
}
