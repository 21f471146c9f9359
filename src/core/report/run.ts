import { z } from 'zod';
import type { Db } from '../db/open.js';
import type { StoreConfig } from '../config/config.js';
import { UserError } from '../errors.js';
import type { FileImport, ImportDeps } from '../sync/index.js';
import { computeReport } from './compute.js';
import { isDate, localToday, PERIODS, resolvePeriod } from './period.js';
import type { Report } from './types.js';

const Day = z.string().refine(isDate, 'a date as YYYY-MM-DD, e.g. 2026-11-16');

export const ReportOptions = z
  .object({
    period: z.enum(PERIODS).optional(),
    since: Day.optional(),
    until: Day.optional(),
    compare: z.enum(['previous', 'last-year', 'none']).default('previous'),
    format: z.enum(['text', 'markdown', 'html', 'json', 'csv']).default('text'),
    out: z.string().min(1).optional(),
    orders: z.string().min(1).optional(),
    emails: z.string().min(1).optional(),
    sessions: z.string().min(1).optional(),
    reviews: z.string().min(1).optional(),
  })
  .strict();
export type ReportOptions = z.output<typeof ReportOptions>;

export interface ReportRunDeps {
  cwd: string;
  config: StoreConfig;
  openDb: () => Promise<Db>;
  /** false when the store has no database yet (then a report needs files to import). */
  hasDb: boolean;
  now: () => Date;
  onImport?: (f: FileImport) => void;
}

/** The import options of `report` and the kind each file must be. */
const FILES = [
  ['orders', 'orders'],
  ['emails', undefined],
  ['sessions', 'traffic'],
  ['reviews', 'reviews'],
] as const;

/**
 * `shopflow report`: imports the given files first (incrementally, as `sync import` does), then
 * computes the report over the period. Returns data; rendering is the caller's.
 */
export async function report(opts: ReportOptions, deps: ReportRunDeps): Promise<Report> {
  const today = localToday(deps.now(), deps.config.store.timezone);
  const { period, notes } = resolvePeriod(opts, today);
  const files = FILES.filter(([o]) => opts[o] !== undefined);
  if (!deps.hasDb && files.length === 0) {
    throw new UserError('no store history yet: import your exports first (shopflow sync import FILE…) or pass --orders FILE');
  }
  if (files.length > 0) {
    const { syncImport } = await import('../sync/index.js');
    const importDeps: ImportDeps = {
      cwd: deps.cwd,
      openDb: deps.openDb,
      now: deps.now,
      settings: { currency: deps.config.store.currency, decimalComma: deps.config.store.decimal_comma },
    };
    for (const [option, kind] of files) {
      const file = opts[option]!;
      if (option === 'emails') {
        // Campaigns or flows: detected; anything else is refused before it is imported.
        const { openDb } = await import('../db/open.js');
        const probe = await syncImport({ files: [file], dryRun: true }, { ...importDeps, openDb: async () => openDb(':memory:') });
        const f = probe.files[0]!;
        if (!f.kind.startsWith('email')) throw new UserError(`--emails ${file}: this is a ${f.layout}, not an email campaigns or flows export`);
      }
      const r = await syncImport({ files: [file], kind }, importDeps);
      for (const f of r.files) deps.onImport?.(f);
    }
  }
  return computeReport({ period, compare: opts.compare, notes }, { db: await deps.openDb(), config: deps.config, now: deps.now() });
}

/** Renders the report in the chosen format (text without colour; the CLI colours the terminal). */
export async function renderReport(r: Report, format: ReportOptions['format']): Promise<string> {
  switch (format) {
    case 'json':
      return `${JSON.stringify(r, null, 2)}\n`;
    case 'csv':
      return (await import('./render-csv.js')).renderCsv(r);
    case 'markdown':
      return (await import('./render-markdown.js')).renderMarkdown(r);
    case 'html':
      return (await import('./render-html.js')).renderHtml(r);
    case 'text':
      return (await import('./render-text.js')).renderText(r);
  }
}
