/** `shopflow log`: every call of every provider, and the spend by day and model. */
export { callLog, callDetail, sinceTime, LogOptions, type CallDetail, type CallRow, type LogResult, type Totals } from './call-log.js';
