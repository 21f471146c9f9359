import type { Command } from 'commander';
import type { ChalkInstance } from 'chalk';
import type { Ctx } from '../deps.js';
import type { CallDetail, LogResult } from '../../core/log/call-log.js';
import { intArg, positiveInt } from '../options.js';
import { usd } from '../render-spend.js';

export function logCommand(program: Command, ctx: Ctx): void {
  program
    .command('log')
    .description('Show the calls made to the language model: what was asked, tokens, cost, latency; totals by day and model')
    .argument('[id]', 'one call in full: the system prompt, the prompt and the reply')
    .option('--since <when>', 'only calls since a date (2026-11-01) or a span (7d, 24h)')
    .option('--limit <n>', 'how many of the latest calls to list (default 20)', intArg('--limit'))
    .option('--json', 'print as JSON')
    .addHelpText('after', '\nExamples:\n  $ shopflow log --since 7d\n  $ shopflow log 42\n  $ shopflow log --since 2026-11-01 --json')
    .action(async (id: string | undefined, raw: { since?: string; limit?: number; json?: boolean }) => {
      const { callLog, callDetail } = await import('../../core/log/call-log.js');
      const db = await ctx.dbIfExists();
      if (id !== undefined) {
        const detail = callDetail(db, positiveInt(id, `"${id}" is not a call id (see: shopflow log)`));
        ctx.out.result(detail, renderDetail);
        return;
      }
      ctx.out.result(callLog(db, { since: raw.since, limit: raw.limit }, ctx.deps.now()), renderLog);
    });
}

const num = (n: number): string => n.toLocaleString('en-US');

function renderLog(r: LogResult, c: ChalkInstance): string {
  if (r.total.calls === 0) return r.since ? `No calls since ${r.since}.` : 'No calls yet.';
  const lines = [c.bold(`Calls${r.since ? ` since ${r.since}` : ''}, newest first:`)];
  for (const x of r.calls) {
    const outcome = x.status === 'ok' ? c.green('ok') : c.red(`error: ${x.error ?? ''}`);
    lines.push(
      `  #${x.id} ${x.at.slice(0, 19).replace('T', ' ')} ${x.template} · ${x.model} · ${num(x.inputTokens)} in + ${num(x.outputTokens)} out · ` +
        `${usd(x.costUsd)} · ${num(x.latencyMs)} ms${x.retries ? ` · ${x.retries} retr${x.retries === 1 ? 'y' : 'ies'}` : ''} · ${outcome}`,
    );
  }
  lines.push('', c.bold('By day (UTC) and model:'));
  for (const d of r.byDay) {
    lines.push(`  ${d.day}  ${d.model.padEnd(16)} ${String(d.calls).padStart(6)} call${d.calls === 1 ? ' ' : 's'}${d.errors ? ` (${d.errors} failed)` : ''}  ${num(d.inputTokens)} in + ${num(d.outputTokens)} out  ${usd(d.costUsd)}`);
  }
  const t = r.total;
  lines.push(`Total: ${num(t.calls)} calls${t.errors ? ` (${t.errors} failed)` : ''}, ${num(t.inputTokens)} input + ${num(t.outputTokens)} output tokens, ${usd(t.costUsd)}`);
  return lines.join('\n');
}

function renderDetail(d: CallDetail, c: ChalkInstance): string {
  return [
    c.bold(`Call #${d.id}, ${d.at}: ${d.template} · ${d.provider} (${d.model}) · ${d.status}${d.error ? `: ${d.error}` : ''}`),
    `${num(d.inputTokens)} input + ${num(d.outputTokens)} output tokens · ${usd(d.costUsd)} · ${num(d.latencyMs)} ms · ${d.retries} retries${d.itemId ? ` · item ${d.itemId}` : ''}`,
    '', c.bold('System:'), d.system, '', c.bold('Prompt:'), d.prompt, '', c.bold('Reply:'), d.response ?? '(none)',
  ].join('\n');
}
