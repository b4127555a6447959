import { randomBytes } from 'node:crypto';

/** Toss accepts 6-64 characters of [A-Za-z0-9_-]. */
export const ORDER_ID_PATTERN = /^[A-Za-z0-9_-]{6,64}$/;

/** `sb_<time>_<random>`: unique, sortable-ish, and within the Toss rules. */
export function newOrderId(now = Date.now()): string {
  return `sb_${now.toString(36)}_${randomBytes(12).toString('base64url')}`;
}

/** Persisted with the order and reused on every confirm retry. */
export const confirmIdempotencyKey = (orderId: string): string => `confirm:${orderId}`;

/** The ledger key that makes a purchase grant happen once per order. */
export const purchaseLedgerKey = (orderId: string): string => `purchase:${orderId}`;
