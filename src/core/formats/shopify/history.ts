/**
 * The Shopify exports `sync import` reads (README §2–§5): orders, abandoned checkouts, customers
 * and inventory. Shopify products are read by the product adapters (adapters/products.ts).
 * Each adapter says 0 for the others' files; orders and checkouts share a layout and are told
 * apart by their header and first row (see shopify-orders.ts).
 */
import type { ImportAdapter } from '../records.js';
import { shopifyCustomers } from './customers.js';
import { shopifyInventory } from './inventory.js';
import { shopifyCheckouts, shopifyOrders } from './orders.js';

export { shopifyCheckouts, shopifyCustomers, shopifyInventory, shopifyOrders };

export const shopifyAdapters: ImportAdapter[] = [shopifyOrders, shopifyCheckouts, shopifyCustomers, shopifyInventory];
