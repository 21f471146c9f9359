// The llm layer's face: the task-neutral seam, its providers, the logging wrapper, the bulk runner.
export type { CallOptions, LlmCapabilities, LlmProvider, LlmRequest, LlmResponse, LlmUsage, OutputSchema, RateHint } from './provider.js';
export { ProviderError } from './provider.js';
export { OfflineProvider, offlineResponse, registerOfflineTask, type OfflineTask } from './offline.js';
export { linkCalls, logged, recordCall, type CallRecord, type LoggedProvider, type LogWrites } from './logged.js';
export { estimateCalls, runCalls, type BulkReport, type Spend } from './bulk.js';
export { costUsd, outputBudget, priceFor } from './cost.js';
export { batchOutput, batchRequests, hasBatchApi, markCollected, refreshBatches, submitBatch, waitingInBatch } from './batch.js';
export type { BatchAnswer, BatchApi, BatchRow } from './batch.js';
export { OUTPUT_MODES, type OutputMode } from './output-modes.js';
