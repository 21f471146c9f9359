import type { Command } from 'commander';
import type { ChalkInstance } from 'chalk';
import type { Ctx } from '../deps.js';
import type { AuditResult } from '../../core/audit/audit.js';
import { UserError } from '../../core/errors.js';

const PLATFORMS = ['shopify', 'woocommerce', 'etsy', 'generic'] as const;

export function auditCommand(program: Command, ctx: Ctx): void {
  program
    .command('audit')
    .description("Check the copy already on the store: claims in each description that the product's own data does not support")
    .argument('<products.csv>', 'the product export, as the platform wrote it')
    .option('--platform <name>', 'skip detection: shopify, woocommerce, etsy or generic')
    .option('--json', 'print every product with its claims as JSON on stdout')
    .addHelpText('after', '\nExamples:\n  $ shopflow audit products_export_1.csv\n  $ shopflow audit products.csv --json')
    .action(async (file: string, raw: { platform?: string; json?: boolean }) => {
      if (raw.platform && !(PLATFORMS as readonly string[]).includes(raw.platform)) {
        throw new UserError(`--platform: "${raw.platform}" is not one of ${PLATFORMS.join(', ')}`, 2);
      }
      const { audit } = await import('../../core/audit/audit.js');
      const result = audit({ file, platform: raw.platform as AuditResult['platform'] | undefined }, { cwd: ctx.deps.cwd, store: await ctx.store() });
      for (const w of result.warnings) ctx.out.warn(w);
      ctx.out.result(result, renderAudit);
    });
}

export function renderAudit(r: AuditResult, c: ChalkInstance): string {
  const lines = [
    `${r.file}: ${r.layout}, ${r.products} product${r.products === 1 ? '' : 's'}, ${r.claims} claim${r.claims === 1 ? '' : 's'} checked`,
  ];
  if (r.risky === 0) {
    lines.push(c.green("No risky claims: every claim in the descriptions is in the products' own data."));
    return lines.join('\n');
  }
  lines.push(c.red(`${r.risky} product${r.risky === 1 ? '' : 's'} with risky claims (${r.flagged} claim${r.flagged === 1 ? '' : 's'}):`));
  for (const p of r.items.filter((i) => i.flagged > 0)) {
    lines.push('', c.bold(`${p.title}`) + c.dim(`  (${p.handle}, line ${p.line})`));
    for (const cl of p.claims.filter((x) => x.verdict !== 'supported')) {
      const why = cl.verdict === 'contradicted' ? `contradicts ${cl.conflict?.column}: ${cl.conflict?.value}` : "not in the product's data";
      lines.push(`  ${cl.verdict === 'contradicted' ? c.red('✗') : c.yellow('?')} "${cl.text}" ${why}`);
      lines.push(c.dim(`      in: ${cl.sentence}`));
    }
  }
  return lines.join('\n');
}
