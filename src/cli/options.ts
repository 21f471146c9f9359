import type { z } from 'zod';
import { UserError } from '../core/errors.js';

/** Validates parsed CLI options; a problem is a bad invocation (exit 2) that names the option. */
export function parseOptions<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const r = schema.safeParse(raw);
  if (r.success) return r.data;
  const msgs = r.error.issues.map((i) => {
    const key = i.path.map(String).join('.');
    const flag = key ? `--${key.replace(/[A-Z]/g, (m) => `-${m.toLowerCase()}`)}` : 'options';
    return `${flag}: ${i.message}`;
  });
  throw new UserError(msgs.join('\n'), 2);
}

/** "title=Product Name,description=Long text" → { title: 'Product Name', description: 'Long text' } */
export function parseColumnMap(text: string | undefined): Record<string, string> | undefined {
  if (text === undefined) return undefined;
  const map: Record<string, string> = {};
  for (const pair of text.split(',')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UserError(`--columns: "${pair}" is not field=Column (e.g. --columns "title=Product Name")`, 2);
    map[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
  }
  return map;
}

/** A whole number above 0, or a bad invocation with `message`. */
export function positiveInt(v: string, message: string): number {
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || !Number.isSafeInteger(n) || n <= 0) throw new UserError(message, 2);
  return n;
}

export const intArg = (name: string) => (v: string): number => positiveInt(v, `${name}: "${v}" is not a whole number above 0`);
