import type { StoreConfig } from '../config/config.js';
import type { Product } from '../formats/types.js';
import type { Template } from '../templates/schema.js';
import { registerOfflineTask, type LlmRequest } from '../llm/index.js';
import { offlineCopy, type ProductCopyData } from './offline-copy.js';
import { copyOutput, expectedTokens } from './output.js';

/** The task of this capability: copy for one product, written from a template. */
export const PRODUCT_COPY = 'product_copy';

// Registered where its requests are built: whoever can ask for product copy can get it offline.
registerOfflineTask(PRODUCT_COPY, offlineCopy);

/** The request for one product's copy: the model's text, its output schema, the offline data. */
export function productCopyRequest(template: Template, product: Product, store: StoreConfig, text: { system: string; prompt: string }): LlmRequest {
  const offline: ProductCopyData = { template, product, store };
  return {
    task: PRODUCT_COPY,
    template: template.name,
    system: text.system,
    prompt: text.prompt,
    output: copyOutput(template),
    expectedOutputTokens: expectedTokens(template),
    offline,
  };
}

/** The product a product-copy request was made for. */
export const requestProduct = (req: LlmRequest): Product => (req.offline as ProductCopyData).product;
