import type { ChalkInstance } from 'chalk';
import type { EditPair, TemplateExample } from '../core/templates/examples.js';
import { plainText } from '../core/lib/text.js';

export function renderEditPairs(pairs: EditPair[], c: ChalkInstance): string {
  if (pairs.length === 0) return 'No edits yet: edits made in shopflow review show up here.';
  const out = pairs.map((p) =>
    [
      c.bold(`edit ${p.edit}`) + c.dim(`  item #${p.item} ${p.handle} · ${p.template}/${p.field} · ${p.at}`) +
        (p.example ? c.green(`  promoted as example #${p.example}`) : ''),
      c.dim('draft:'),
      c.dim(plainText(p.before)),
      c.dim("owner's version:"),
      plainText(p.after),
    ].join('\n'),
  );
  return [...out, c.dim('Promote good ones: shopflow review examples promote <edit...>')].join('\n\n');
}

export function renderExamples(examples: TemplateExample[], c: ChalkInstance): string {
  if (examples.length === 0) return 'No promoted examples.';
  return examples
    .map((e) => `${c.bold(`example ${e.id}`)}${c.dim(`  ${e.template}/${e.field} · from item #${e.item} · ${e.createdAt}`)}\n${plainText(e.after)}`)
    .join('\n\n');
}
