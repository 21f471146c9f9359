import type { ChalkInstance } from 'chalk';
import type { ItemDetail } from '../core/review/review.js';
import { PRODUCT_COPY_KINDS, isProductCopy, type Item, type ItemKind, type ItemSummary, type ProductCopyItem } from '../core/queue/index.js';
import { wordDiff } from '../core/lib/diff.js';
import { plainText } from '../core/lib/text.js';
import { supportText, type Claim } from '../core/claims/types.js';

export function renderList(items: ItemSummary[], c: ChalkInstance): string {
  if (items.length === 0) return 'No items.';
  const rows = items.map((i) => {
    const flags = [
      i.errors ? c.red(`${i.errors} failing check${i.errors === 1 ? '' : 's'}`) : i.warnings ? c.yellow(`${i.warnings} warning${i.warnings === 1 ? '' : 's'}`) : '',
      i.flags ? c.red(`${i.flags} flagged claim${i.flags === 1 ? '' : 's'}`) : '',
    ].filter(Boolean).join(', ');
    return `${String(i.id).padStart(5)}  ${statusText(i.status, c).padEnd(10 + (c.level > 0 ? 10 : 0))}  ${i.template.padEnd(20)}  ${clip(i.handle, 32).padEnd(32)}  ${flags}`;
  });
  const subject = items.every(isProductCopy) ? 'product' : 'subject';
  return [`${'id'.padStart(5)}  ${'status'.padEnd(10)}  ${'template'.padEnd(20)}  ${subject.padEnd(32)}  checks`, ...rows].join('\n');
}

function statusText(s: string, c: ChalkInstance): string {
  const color = s === 'approved' ? c.green : s === 'rejected' ? c.red : s === 'pending' ? c.cyan : c.dim;
  return color(s);
}

type SourceLines<I extends Item> = (item: I, c: ChalkInstance) => string[];

/** The product's facts at a glance, under the item's title. */
const productLines: SourceLines<ProductCopyItem> = ({ source: p }, c) => {
  const facts = [p.vendor && `vendor ${p.vendor}`, p.type && `type ${p.type}`, priceRange(p.variants.map((v) => v.price), p.currency),
    p.variants.length > 1 ? `${p.variants.length} variants` : '', p.options.map((o) => `${o.name}: ${o.values.join(', ')}`).join('; ')]
    .filter(Boolean);
  return facts.length ? [c.dim(facts.join(' · '))] : [];
};

/** What each kind shows of its source under the title; the fields, checks and history are shown alike for all. */
const SOURCE_LINES: { [K in ItemKind]: SourceLines<Extract<Item, { kind: K }>> } = {
  ...(Object.fromEntries(PRODUCT_COPY_KINDS.map((k) => [k, productLines])) as Record<ProductCopyItem['kind'], SourceLines<ProductCopyItem>>),
  note: ({ source }, c) => [c.dim(`about ${source.about}`)],
};

/** One item as the owner reviews it: its source, each field against today's copy, its checks. */
export function renderItem(d: ItemDetail, c: ChalkInstance, opts: { history?: boolean } = {}): string {
  const { item } = d;
  const lines: string[] = [];
  lines.push(c.bold(`#${item.id} ${item.title}`) + c.dim(`  (${item.handle} · ${item.template} · ${item.status})`));
  const sourceLines = SOURCE_LINES[item.kind] as SourceLines<Item> | undefined; // undefined: a kind from a newer shopflow
  lines.push(...(sourceLines?.(item, c) ?? []));
  for (const [name, value] of Object.entries(item.fields)) {
    const shown = readable(value);
    const limit = item.checks.filter((k) => k.field === name);
    lines.push('', c.bold(`${name}`) + c.dim(` · ${shown.length} characters`));
    const before = d.current[name] === undefined ? undefined : readable(d.current[name]);
    if (before && similarity(before, shown) >= 0.5) {
      lines.push(c.dim('changes against the copy on the store (') + c.red(c.level > 0 ? 'removed' : '[-removed-]') + c.dim(', ') + c.green(c.level > 0 ? 'added' : '{+added+}') + c.dim('):'));
      lines.push(highlight(renderDiff(before, shown, c), item.claims, name, c));
    } else if (before) {
      // A rewrite interleaved word by word is unreadable: show the two texts one after the other.
      lines.push(c.dim('on the store now:'), c.dim(truncate(before, 600)), c.dim('draft:'), highlight(shown, item.claims, name, c));
    } else {
      if (before === '') lines.push(c.dim('(the store has no copy here yet)'));
      lines.push(highlight(shown, item.claims, name, c));
    }
    for (const k of limit) lines.push(k.level === 'error' ? c.red(`  ✗ ${k.message}`) : c.yellow(`  ! ${k.message}`));
    lines.push(...renderClaims(item.claims, name, c));
  }
  if (item.checks.length === 0) lines.push('', c.green('✓ all checks pass'));
  if (item.flags > 0) lines.push(c.red(`✗ ${item.flags} claim${item.flags === 1 ? '' : 's'} not supported by the product's data: approving needs --override "why"`));
  if (item.reason) lines.push('', `reason: ${item.reason}`);
  if (opts.history) {
    lines.push('', c.bold('history'));
    for (const e of d.events) lines.push(`  ${e.at}  ${e.action}${e.detail ? c.dim(`  ${JSON.stringify(e.detail)}`) : ''}`);
  }
  return lines.join('\n');
}

const VERDICT_MARK = { supported: '✓', unsupported: '?', contradicted: '✗' } as const;

/** The claims of one field, numbered across the item as `review remove-claim` counts them. */
function renderClaims(claims: Claim[], field: string, c: ChalkInstance): string[] {
  const mine = claims.map((cl, i) => ({ cl, n: i + 1 })).filter(({ cl }) => cl.field === field);
  if (mine.length === 0) return [];
  return [
    c.dim('  claims:'),
    ...mine.map(({ cl, n }) => {
      const head = `  ${VERDICT_MARK[cl.verdict]} ${n}. "${cl.text}" ${cl.verdict}`;
      if (cl.verdict === 'supported') return c.green(head) + c.dim(` — ${supportText(cl)}`);
      const why = cl.verdict === 'contradicted' ? ` — the data says ${cl.conflict?.column}: ${cl.conflict?.value}` : " — not in the product's data";
      return `${(cl.verdict === 'contradicted' ? c.red(head) : c.yellow(head)) + c.dim(why)}\n      ${c.dim('in:')} ${highlight(cl.sentence, [cl], field, c)}`;
    }),
  ];
}

/** Flagged claims stand out in the text: in colour on a TTY, as >>like this<< without. */
function highlight(text: string, claims: Claim[], field: string, c: ChalkInstance): string {
  let out = text;
  for (const cl of claims) {
    if (cl.field !== field || cl.verdict === 'supported') continue;
    const at = out.indexOf(cl.text);
    if (at < 0) continue;
    const mark = c.level > 0 ? c.bgRed.white(cl.text) : `>>${cl.text}<<`;
    out = out.slice(0, at) + mark + out.slice(at + cl.text.length);
  }
  return out;
}

/** Colours on a TTY; without colour, removed and added text are marked [-like this-] and {+like this+}. */
export function renderDiff(before: string, after: string, c: ChalkInstance): string {
  return wordDiff(before, after)
    .map((p) => {
      if (p.op === 'same') return p.text;
      if (c.level > 0) return p.op === 'add' ? c.green(p.text) : c.red.strikethrough(p.text);
      return p.op === 'add' ? `{+${p.text}+}` : `[-${p.text}-]`;
    })
    .join('');
}

/** HTML as a shopper reads it, list items kept as bullets. */
function readable(html: string): string {
  return plainText(html.replace(/<li\b[^>]*>/gi, '\n• '));
}

/** Share of the longer text that the diff keeps unchanged. */
function similarity(a: string, b: string): number {
  const same = wordDiff(a, b).reduce((n, p) => n + (p.op === 'same' ? p.text.trim().length : 0), 0);
  return same / Math.max(1, Math.max(a.replace(/\s/g, '').length, b.replace(/\s/g, '').length));
}

function priceRange(prices: (string | undefined)[], currency: string | undefined): string {
  const nums = prices.filter((x): x is string => Boolean(x)).map(Number).filter(Number.isFinite);
  if (nums.length === 0) return '';
  const lo = Math.min(...nums);
  const hi = Math.max(...nums);
  const cur = currency ? ` ${currency}` : '';
  return lo === hi ? `price ${lo.toFixed(2)}${cur}` : `price ${lo.toFixed(2)}–${hi.toFixed(2)}${cur}`;
}

function truncate(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, n - 1)}… (${s.length - n + 1} more characters)`;
}

function clip(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, n - 1)}…`;
}
