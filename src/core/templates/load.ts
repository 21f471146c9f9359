import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { UserError } from '../errors.js';
import { sha256 } from '../lib/hash.js';
import { parseYamlStrict } from '../lib/yaml-file.js';
import { checkSpec } from './render.js';
import { Template } from './schema.js';

export interface TemplateOptions {
  /** The store's template overrides (StoreLocation.templatesDir); absent without a store folder. */
  templatesDir?: string | undefined;
  /** Where a relative template path is read from and named against (the user's folder). */
  cwd?: string | undefined;
}

export type LoadedTemplate = Template & {
  /** The absolute path of the file it was read from. */
  source: string;
  /** sha256 of the file's content, first 12 hex digits: drafts made from another hash are stale. */
  hash: string;
};

/** The package root: the folder above this file (src/ or dist/) that holds package.json. */
function packageRoot(): string {
  for (let d = dirname(fileURLToPath(import.meta.url)); ; d = dirname(d)) {
    if (existsSync(join(d, 'package.json'))) return d;
    if (dirname(d) === d) throw new Error('shopflow: cannot find the package root (no package.json above the code)');
  }
}

/** The templates shipped with the tool. */
export const shippedTemplatesDir = (): string => join(packageRoot(), 'templates');

const NAME = /^[a-z][a-z0-9-]*$/;

function namesIn(dir: string | undefined): string[] {
  if (!dir || !existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -'.yaml'.length))
    .filter((n) => NAME.test(n));
}

/** Every template name available: the shipped ones and the store's own, sorted. */
export function listTemplates(opts: TemplateOptions = {}): string[] {
  return [...new Set([...namesIn(opts.templatesDir), ...namesIn(shippedTemplatesDir())])].sort();
}

/**
 * Loads a template by name (the store's override in <store>/templates first, then the shipped
 * one) or by a path ending in .yaml/.yml, validated strictly: every problem names file and line.
 */
export function loadTemplate(name: string, opts: TemplateOptions = {}): LoadedTemplate {
  let path: string;
  const byPath = /\.ya?ml$/i.test(name);
  if (byPath) {
    path = resolve(opts.cwd ?? '.', name);
    if (!existsSync(path)) throw new UserError(`template file ${name} does not exist`);
  } else {
    const candidates = NAME.test(name)
      ? [opts.templatesDir && join(opts.templatesDir, `${name}.yaml`), join(shippedTemplatesDir(), `${name}.yaml`)]
      : [];
    const found = candidates.find((c): c is string => !!c && existsSync(c));
    if (!found) {
      throw new UserError(`unknown template "${name}"; available: ${listTemplates(opts).join(', ')} (or a path to a .yaml file)`);
    }
    path = found;
  }
  const shown = displayPath(path, opts.cwd);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new UserError(`${shown}: cannot read the file (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  const body = text.replace(/^\uFEFF/, '');
  const template = parseYamlStrict(body, shown, Template);
  const problems = semanticProblems(template, body, shown, byPath ? undefined : name);
  if (problems.length > 0) throw new UserError(problems.join('\n'));
  return { ...template, source: path, hash: sha256(text).slice(0, 12) };
}

function displayPath(path: string, cwd: string | undefined): string {
  if (!cwd) return path;
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

/** What the schema cannot see: the name matches the file, unique fields, offline specs that render. */
function semanticProblems(t: Template, text: string, file: string, expectedName: string | undefined): string[] {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc });
  /** Where a key is; for a tag in an offline spec (its nth occurrence there), the tag's own line. */
  const at = (path: (string | number)[], token?: string, nth = 0): string => {
    const node = doc.getIn(path, true) as YamlNode | undefined;
    let pos = node?.range?.[0];
    if (pos !== undefined && token) {
      let found = text.indexOf(token, pos);
      for (let i = 0; i < nth && found >= 0; i++) found = text.indexOf(token, found + 1);
      if (found >= 0 && found <= (node?.range?.[2] ?? found)) pos = found;
    }
    if (pos === undefined) return file;
    const { line, col } = lc.linePos(pos);
    return `${file} line ${line}, column ${col}`;
  };
  const out: string[] = [];
  if (expectedName && t.name !== expectedName) {
    out.push(`${at(['name'])}: name is "${t.name}" but the file is ${expectedName}.yaml; they must match`);
  }
  const names = t.fields.map((f) => f.name);
  names.forEach((n, i) => {
    if (names.indexOf(n) !== i) out.push(`${at(['fields', i, 'name'])}: field "${n}" is declared twice`);
  });
  for (const [field, spec] of Object.entries(t.offline)) {
    if (!names.includes(field)) {
      out.push(`${at(['offline', field])}: offline.${field}: there is no field named "${field}" (fields: ${names.join(', ')})`);
      continue;
    }
    for (const e of checkSpec(spec)) {
      const nth = e.raw ? spec.slice(0, e.pos).split(e.raw).length - 1 : 0;
      out.push(`${at(['offline', field], e.raw, nth)}: offline.${field}: ${e.message}`);
    }
  }
  return out;
}
