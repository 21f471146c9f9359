/**
 * `sync export`'s writer: approved copy into a platform's product import CSV, spliced into the
 * owner's own export when given one (import-file.ts says how), else a minimal update file.
 */
import { freshFile, intoSource, type ApprovedCopy, type ExportFormat, type ExportResult, type ExportSource, type PlatformWriter } from './import-file.js';
import { shopifyWriter } from './shopify/import-file.js';
import { wooWriter } from './woocommerce/import-file.js';

export type { ApprovedCopy, CopyField, ExportFormat, ExportResult, ExportSource } from './import-file.js';

const WRITERS: Record<ExportFormat, PlatformWriter> = { shopify: shopifyWriter, woocommerce: wooWriter };

export function exportProducts(opts: { format: ExportFormat; copies: ApprovedCopy[]; source?: ExportSource }): ExportResult {
  const w = WRITERS[opts.format];
  return opts.source ? intoSource(w, opts.copies, opts.source) : freshFile(w, opts.copies);
}
