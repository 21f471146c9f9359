/** `shopflow report`: the weekly KPI report from the store history, as data and in four renderings. */
export { report, renderReport, ReportOptions, type ReportRunDeps } from './run.js';
export type { Report } from './types.js';
