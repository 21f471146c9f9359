/** `shopflow sync`: platform exports into the store history, approved copy out as import files. */
export { syncImport, problemText, ImportOptions, type FileImport, type ImportDeps, type ImportResult } from './import.js';
export { writeProblemReport } from './problems-file.js';
export { syncExportProducts, ExportOptions, type ExportDeps, type ExportSummary, type HeldBack } from './export.js';
export { syncHistory, type ImportLogEntry } from './history.js';
