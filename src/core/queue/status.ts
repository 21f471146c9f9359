/** The review states of an item; in a module of its own so that `--help` loads nothing else. */
export type ItemStatus = 'pending' | 'approved' | 'rejected' | 'superseded';
export const ITEM_STATUSES: readonly ItemStatus[] = ['pending', 'approved', 'rejected', 'superseded'];
