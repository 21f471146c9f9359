// The review queue: items of every kind, their decisions and history. Capabilities import it from here.
export {
  addEvent,
  approvedItems,
  currentItem,
  getItem,
  insertItem,
  itemEvents,
  listItems,
  newerPending,
  setFields,
  setStatus,
  supersedePending,
} from './items.js';
export { ITEM_STATUSES, type ItemStatus } from './status.js';
export {
  ITEM_KINDS,
  PRODUCT_COPY_KINDS,
  isProductCopy,
  type Check,
  type Item,
  type ItemEvent,
  type ItemKind,
  type ItemSource,
  type ItemSummary,
  type NewItem,
  type Note,
  type ProductCopyItem,
  type ProductCopyKind,
} from './types.js';
