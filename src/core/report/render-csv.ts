import { stringify } from 'csv-stringify/sync';
import { neutralise } from '../csv/safe.js';
import { DEFINITIONS } from './definitions.js';
import { KPI_NAMES, type Report } from './types.js';

const num = (v: number | null | undefined): string => (v === null || v === undefined ? '' : String(Math.round(v * 1e6) / 1e6));

/**
 * One row per KPI, for spreadsheets: raw numbers (rates as fractions, money in the store
 * currency), an empty cell for n/a, the period on every row so weekly files can be stacked.
 */
export function renderCsv(report: Report): string {
  const rows = KPI_NAMES.map((k) => [
    report.period.since,
    report.period.until,
    k,
    DEFINITIONS[k].label,
    DEFINITIONS[k].unit === 'money' ? report.store.currency : DEFINITIONS[k].unit,
    num(report.kpis[k]),
    num(report.compare.kpis?.[k]),
    num(report.compare.change?.[k]),
    neutralise(report.definitions[k]),
  ]);
  return stringify([['since', 'until', 'kpi', 'label', 'unit', 'value', 'previous', 'change', 'definition'], ...rows]);
}
