// The draft capability's face: what the CLI and the other capabilities use.
export { draft, type DraftDeps } from './draft.js';
export { DraftOptions } from './options.js';
export type { DraftItem, DraftOutcome, DraftResult } from './result.js';
export { batchCollect, type BatchCollectResult, type BatchReport } from './batch.js';
export { PRODUCT_COPY, productCopyRequest, requestProduct } from './task.js';
export type { ProductCopyData } from './offline-copy.js';
export { buildPrompt, DATA_END, DATA_START } from './prompt.js';
export { outputTokens } from './output.js';
