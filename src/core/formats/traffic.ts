/**
 * Traffic imports (kind `traffic`): sessions per day or per breakdown, for conversion = orders ÷ sessions.
 *
 * Layouts:
 *   - GA4 report download (platform ga4): `#` comment preamble with the period (`# Start date:
 *     20230322` / `# End date: …`, or `# 20230515-20230521` in Explorations), then one or several
 *     tables separated by blank lines and comment blocks. Read with input.text(); each table is parsed
 *     here. Tables without a `Sessions` column (events, revenue cards) and empty tables give nothing;
 *     an Exploration's `Grand total` row is skipped and only checked against the rows' sum (a warning
 *     when they differ). Columns and precedence: see the GA4 section below.
 *   - Shopify sessions report (platform shopify) — headers from third-party code only, UNVERIFIED:
 *       Day (required), Sessions (required), Sessions that completed checkout (→ conversions),
 *       Conversion rate / Sessions converted (%) (→ conversions when the checkout count is absent),
 *       Online store visitors (→ users); breakdown columns Landing page path, Landing page type,
 *       UTM campaign/source/medium, Referrer source/name, Device type, Country.
 *   - Generic traffic sheet (platform generic), documented here:
 *
 * Generic traffic columns (names case-insensitive; spaces, `_` and `-` are interchangeable):
 *   date         required  the day: 2025-06-01, 20250601, Jun 1, 2025, 06/01/2025 (month first)
 *   sessions     required  sessions that day
 *   users        optional  users (visitors) that day
 *   conversions  optional  orders, or the conversions you count, that day
 *   revenue      optional  revenue that day (store currency)
 * One row per day; a day listed twice, or a day without sessions, is a row problem (the row is
 * skipped). A file that starts with `#` comment lines is a GA4 download, not this form.
 *
 * Keys (all three layouts): `${date ?? periodStart + '..' + periodEnd}|${dimension}|${dimensionValue}`;
 * dimension and dimensionValue are '' when the table has no breakdown.
 *
 * The adapters: ga4.ts (GA4), traffic-sheets.ts (Shopify sessions report, generic traffic sheet).
 */
import type { ImportAdapter } from './records.js';
import { ga4Traffic } from './ga4/reports.js';
import { genericTraffic, shopifySessions } from './traffic-sheets.js';

export { ga4Traffic, genericTraffic, shopifySessions };

export const trafficAdapters: ImportAdapter[] = [ga4Traffic, shopifySessions, genericTraffic];
