import { z } from 'zod';
import type { Template } from '../templates/schema.js';
import { outputBudget, type OutputSchema } from '../llm/index.js';

/** The template's fields as a zod object: every field a non-empty string, nothing else. */
export function replySchema(template: Template): z.ZodType<Record<string, string>> {
  const shape: Record<string, z.ZodString> = {};
  for (const f of template.fields) shape[f.name] = z.string().trim().min(1, 'is empty');
  return z.object(shape).strict();
}

/**
 * The same as a strict JSON schema (every key required, no others). Length limits stay out of it —
 * OpenAI's strict mode ignores most of them — and are checked on the draft instead, where the
 * owner sees them.
 */
function jsonSchema(template: Template): Record<string, unknown> {
  const properties: Record<string, { type: 'string'; description: string }> = {};
  for (const f of template.fields) {
    const limit = f.max_length ? `, at most ${f.max_length} characters` : '';
    properties[f.name] = { type: 'string', description: `${f.label} (${f.format === 'html' ? 'HTML' : 'plain text'}${limit})` };
  }
  return { type: 'object', properties, required: template.fields.map((f) => f.name), additionalProperties: false };
}

const outputs = new WeakMap<Template, OutputSchema>();

/** What a model must answer for a template: its fields as one JSON object (built once per template). */
export function copyOutput(template: Template): OutputSchema {
  let out = outputs.get(template);
  if (out) return out;
  const schema = replySchema(template);
  const keys = template.fields.map((f) => `"${f.name}"`).join(', ');
  out = {
    name: template.name.replace(/[^a-zA-Z0-9_-]/g, '_'),
    jsonSchema: jsonSchema(template),
    retryHint: `one complete JSON object with exactly the keys ${keys}, and keep within the length limits`,
    parse(json) {
      const r = schema.safeParse(json);
      if (r.success) return { fields: r.data };
      const issues = r.error.issues.map((i) => {
        if (i.code === 'unrecognized_keys') return `unexpected key${i.keys.length > 1 ? 's' : ''} ${i.keys.map((k) => `"${k}"`).join(', ')}`;
        const key = i.path.map(String).join('.');
        return key ? `"${key}" ${i.code === 'invalid_type' ? 'is missing or not a string' : i.message}` : i.message;
      });
      return { error: `the reply did not match the fields: ${issues.join('; ')}` };
    },
  };
  outputs.set(template, out);
  return out;
}

/** Output tokens a reply needs: each field's length limit at about four characters a token. */
export function expectedTokens(template: Template): number {
  let expected = 8;
  for (const f of template.fields) expected += Math.ceil((f.max_length ?? (f.format === 'html' ? 1500 : 400)) / 4) + 8;
  return expected;
}

/** `expected` for estimates, `cap` the max tokens asked for (see outputBudget). */
export const outputTokens = (template: Template, configured?: number): { expected: number; cap: number } =>
  outputBudget(expectedTokens(template), configured);
