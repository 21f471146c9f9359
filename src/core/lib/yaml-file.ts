import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
import type { Node } from 'yaml';
import type { z } from 'zod';
import { UserError } from '../errors.js';

let loaded: typeof Yaml | undefined;
/** The yaml package, loaded on first use: a command in a folder without shopflow.yaml never pays for it. */
const yaml = (): typeof Yaml => (loaded ??= createRequire(import.meta.url)('yaml') as typeof Yaml);

/**
 * Parses YAML text and validates it with a (strict) zod schema. Every problem is reported with
 * the file, line and column of the offending key or value, all of them at once.
 */
export function parseYamlStrict<S extends z.ZodType>(text: string, file: string, schema: S): z.infer<S> {
  const { LineCounter, parseDocument } = yaml();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const msgs = doc.errors.map((e) => {
      const pos = lineCounter.linePos(e.pos[0]);
      return `${file} line ${pos.line}, column ${pos.col}: ${firstLine(e.message)}`;
    });
    throw new UserError(msgs.join('\n'));
  }
  const data: unknown = doc.toJS() ?? {};
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const msgs = result.error.issues.map((issue) => {
    const path = issue.path as (string | number)[];
    let node = doc.getIn(path, true) as Node | undefined;
    let keyNode: Node | undefined;
    const unknownKeys = issue.code === 'unrecognized_keys' ? (issue as { keys: string[] }).keys : [];
    if (unknownKeys.length > 0) {
      keyNode = findKeyNode(doc.getIn(path, true) as Node | undefined ?? doc.contents, unknownKeys[0]!);
    }
    // A missing key has no node: point at its parent.
    for (let p = path.slice(0, -1); !node && p.length >= 0; p = p.slice(0, -1)) {
      node = (p.length === 0 ? doc.contents : doc.getIn(p, true)) as Node | undefined;
      if (p.length === 0) break;
    }
    const at = keyNode ?? node;
    const where = at?.range ? lineCounter.linePos(at.range[0]) : undefined;
    const dotted = path.length ? path.join('.') : '(top level)';
    const what =
      unknownKeys.length > 0
        ? `unknown key ${unknownKeys.map((k) => `"${k}"`).join(', ')}${path.length ? ` in ${dotted}` : ''}`
        : `${dotted}: ${issue.message}`;
    return where ? `${file} line ${where.line}, column ${where.col}: ${what}` : `${file}: ${what}`;
  });
  throw new UserError(msgs.join('\n'));
}

export function readYamlStrict<S extends z.ZodType>(path: string, schema: S, displayName = path): z.infer<S> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new UserError(`${displayName}: cannot read the file (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  return parseYamlStrict(text.replace(/^\uFEFF/, ''), displayName, schema);
}

function findKeyNode(parent: Node | null | undefined, key: string): Node | undefined {
  const { isMap, isPair, isScalar } = yaml();
  if (!parent || !isMap(parent)) return undefined;
  for (const item of parent.items) {
    if (isPair(item) && isScalar(item.key) && String(item.key.value) === key) return item.key as Node;
  }
  return undefined;
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? s;
}

