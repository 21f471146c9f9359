/**
 * The offline render language, parsed and checked: a small, logic-less, deterministic subset of Mustache.
 * See templates/README.md for the user-facing description.
 *
 *   {{name}} {{name|lower}}   a value (escaped in HTML fields); a list prints as "a, b and c"
 *   {{#name}}…{{/name}}       rendered when the value is non-empty
 *   {{^name}}…{{/name}}       rendered when the value is empty
 *   {{*name}}…{{/name}}       once per item of a list; {{.}} is the item, or its keys ({{label}})
 *   {{#pick}}A{{|}}B{{/pick}} one alternative, chosen from a hash of the product's handle
 *   {{! comment }}
 */
export type Item = Record<string, string>;
export type VarValue = string | string[] | Item[];
export type Vars = Record<string, VarValue>;

/** text: a string; list: strings; items: records with the given keys (only usable with {{*…}}). */
export interface VarSpec {
  kind: 'text' | 'list' | 'items';
  keys?: string[];
}

const text: VarSpec = { kind: 'text' };
/** Every variable a template may use. The offline provider fills them all (empty when unknown). */
const TEXT_VARS = [
  'title', 'vendor', 'maker', 'type', 'category', 'category_path', 'product_kind', 'options_sentence', 'price',
  'weight', 'lead', 'keywords', 'store', 'store_url', 'return_days', 'shipping_time', 'free_shipping_over', 'warranty',
];
export const VARIABLES: Record<string, VarSpec> = {
  ...Object.fromEntries(TEXT_VARS.map((n) => [n, text])),
  materials: { kind: 'list' },
  tags: { kind: 'list' },
  facts: { kind: 'items', keys: ['label', 'value'] },
  options: { kind: 'items', keys: ['name', 'plural', 'values', 'count'] },
};

export const FILTERS: Record<string, (s: string) => string> = {
  /** Lower-cases Capitalised words only: "Organic Cotton" → "organic cotton", "USB" and "iPhone" stay. */
  lower: (s) => s.replace(/\p{L}[\p{L}']*/gu, (w) => (/^\p{Lu}[\p{Ll}']*$/u.test(w) ? w.toLowerCase() : w)),
  /** Upper-cases the first letter. */
  cap: (s) => s.charAt(0).toUpperCase() + s.slice(1),
};

interface Tok {
  raw: string;
  pos: number;
}
export type Node =
  | { t: 'text'; s: string }
  | { t: 'var'; name: string; filters: string[]; tok: Tok }
  | { t: 'if'; neg: boolean; name: string; body: Node[]; tok: Tok }
  | { t: 'each'; name: string; body: Node[]; tok: Tok }
  | { t: 'pick'; alts: Node[][]; tok: Tok };

/** A problem in a render spec; `raw` is the offending tag as written, `pos` its offset in the spec. */
export class SpecError extends Error {
  constructor(
    message: string,
    readonly raw: string,
    readonly pos: number,
  ) {
    super(message);
    this.name = 'SpecError';
  }
}

const NAME = /^(?:[a-z_][a-z0-9_]*|\.)$/;

export function parseSpec(spec: string): Node[] {
  const root: Node[] = [];
  interface Frame {
    name: string;
    out: Node[];
    node?: Extract<Node, { t: 'pick' }>;
    tok: Tok;
  }
  const stack: Frame[] = [{ name: '', out: root, tok: { raw: '', pos: 0 } }];
  let last = 0;
  const pushText = (s: string, at: number): void => {
    const open = s.indexOf('{{');
    if (open >= 0) throw new SpecError('"{{" is never closed with "}}"', s.slice(open, open + 20), at + open);
    if (s) stack[stack.length - 1]!.out.push({ t: 'text', s });
  };
  for (const m of spec.matchAll(/\{\{([\s\S]*?)\}\}/g)) {
    const tok: Tok = { raw: m[0], pos: m.index };
    const inner = (m[1] ?? '').trim();
    // A block tag alone on its line takes the whole line with it (as in Mustache).
    const lineStart = spec.lastIndexOf('\n', m.index - 1) + 1;
    const nl = spec.indexOf('\n', m.index + m[0].length);
    const lineEnd = nl < 0 ? spec.length : nl + 1;
    const standalone =
      /^[#^*/!|]/.test(inner) &&
      lineStart >= last &&
      spec.slice(lineStart, m.index).trim() === '' &&
      spec.slice(m.index + m[0].length, lineEnd).trim() === '';
    pushText(spec.slice(last, standalone ? lineStart : m.index), last);
    last = standalone ? lineEnd : m.index + m[0].length;
    const top = stack[stack.length - 1]!;
    if (inner.startsWith('!')) continue;
    if (inner === '|') {
      if (!top.node) throw new SpecError('{{|}} separates alternatives and is only valid inside {{#pick}}…{{/pick}}', tok.raw, tok.pos);
      const alt: Node[] = [];
      top.node.alts.push(alt);
      top.out = alt;
      continue;
    }
    const op = /^[#^*/]/.test(inner) ? inner[0]! : '';
    const body = op ? inner.slice(1).trim() : inner;
    const [name = '', ...filters] = body.split('|').map((p) => p.trim());
    if (!NAME.test(name)) throw new SpecError(`"${tok.raw}" is not a valid tag`, tok.raw, tok.pos);
    if (op === '/') {
      if (stack.length === 1) throw new SpecError(`${tok.raw} closes nothing`, tok.raw, tok.pos);
      if (top.name !== name) throw new SpecError(`${tok.raw} does not close ${top.tok.raw}`, tok.raw, tok.pos);
      stack.pop();
      continue;
    }
    if (op && filters.length > 0) throw new SpecError(`${tok.raw}: filters only apply to {{value|filter}}`, tok.raw, tok.pos);
    if (op === '#' && name === 'pick') {
      const node: Extract<Node, { t: 'pick' }> = { t: 'pick', alts: [[]], tok };
      top.out.push(node);
      stack.push({ name, out: node.alts[0]!, node, tok });
    } else if (op === '#' || op === '^' || op === '*') {
      const node: Node =
        op === '*' ? { t: 'each', name, body: [], tok } : { t: 'if', neg: op === '^', name, body: [], tok };
      top.out.push(node);
      stack.push({ name, out: node.body, tok });
    } else {
      top.out.push({ t: 'var', name, filters, tok });
    }
  }
  pushText(spec.slice(last), last);
  if (stack.length > 1) {
    const open = stack[stack.length - 1]!.tok;
    throw new SpecError(`${open.raw} is never closed (expected {{/${stack[stack.length - 1]!.name}}})`, open.raw, open.pos);
  }
  return root;
}

/** Every problem in a spec: syntax, unknown variables and filters, lists used as text. */
export function checkSpec(spec: string): SpecError[] {
  let nodes: Node[];
  try {
    nodes = parseSpec(spec);
  } catch (err) {
    if (err instanceof SpecError) return [err];
    throw err;
  }
  const errors: SpecError[] = [];
  const known = Object.keys(VARIABLES).join(', ');
  const resolve = (name: string, scopes: VarSpec[], tok: Tok): VarSpec | undefined => {
    const inner = scopes[scopes.length - 1];
    if (name === '.') {
      if (inner?.kind === 'list') return text;
      errors.push(new SpecError('{{.}} is only valid inside {{*materials}}…{{/materials}} or {{*tags}}…{{/tags}}', tok.raw, tok.pos));
      return undefined;
    }
    for (let i = scopes.length - 1; i >= 0; i--) if (scopes[i]!.keys?.includes(name)) return text;
    const spec = VARIABLES[name];
    if (!spec) errors.push(new SpecError(`unknown variable "${name}" in ${tok.raw}; known: ${known}`, tok.raw, tok.pos));
    return spec;
  };
  const walk = (ns: Node[], scopes: VarSpec[]): void => {
    for (const n of ns) {
      if (n.t === 'text') continue;
      if (n.t === 'pick') {
        for (const alt of n.alts) walk(alt, scopes);
        continue;
      }
      const spec = resolve(n.name, scopes, n.tok);
      if (n.t === 'var') {
        if (spec?.kind === 'items') {
          errors.push(new SpecError(`${n.tok.raw}: "${n.name}" is a list of items; use {{*${n.name}}}…{{/${n.name}}}`, n.tok.raw, n.tok.pos));
        }
        for (const f of n.filters) {
          if (!(f in FILTERS)) errors.push(new SpecError(`unknown filter "${f}" in ${n.tok.raw}; known: ${Object.keys(FILTERS).join(', ')}`, n.tok.raw, n.tok.pos));
        }
      } else if (n.t === 'if') {
        walk(n.body, scopes);
      } else {
        if (spec && spec.kind === 'text') {
          errors.push(new SpecError(`${n.tok.raw}: "${n.name}" is not a list; use {{#${n.name}}}…{{/${n.name}}}`, n.tok.raw, n.tok.pos));
        }
        walk(n.body, spec && spec.kind !== 'text' ? [...scopes, spec] : scopes);
      }
    }
  };
  walk(nodes, []);
  return errors;
}
