import type { Payment, TossErrorBody } from '../payment.types';

/** An HTTP-like answer of the simulator: what Toss would send back. */
export interface SimResponse {
  status: number;
  body: Payment | TossErrorBody;
}

/** Writes applied all together or not at all. */
export interface TossWrites {
  payment?: Payment;
  orderIndex?: { orderId: string; paymentKey: string };
  idempotency?: { scope: string; response: SimResponse; ttlMs: number };
  lastCancelAt?: { paymentKey: string; at: number };
}

export type TryLockResult<T> = { acquired: true; value: T } | { acquired: false };

export class LockTimeoutError extends Error {
  constructor(lockName: string) {
    super(`Timed out waiting for lock ${lockName}`);
    this.name = 'LockTimeoutError';
  }
}

/** Storage of the Toss simulator. Values returned are copies: mutating them changes nothing. */
export interface TossStore {
  getPayment(paymentKey: string): Promise<Payment | undefined>;
  getPaymentKeyByOrderId(orderId: string): Promise<string | undefined>;
  getIdempotentResponse(scope: string): Promise<SimResponse | undefined>;
  /** Epoch ms (simulator clock) of the last applied cancel. */
  getLastCancelAt(paymentKey: string): Promise<number | undefined>;
  commit(writes: TossWrites): Promise<void>;
  /** Runs `fn` holding an exclusive lock; callers with the same name wait. Throws LockTimeoutError. */
  withLock<T>(name: string, fn: () => Promise<T>): Promise<T>;
  /** Like withLock but gives up at once when the lock is held. */
  tryWithLock<T>(name: string, fn: () => Promise<T>): Promise<TryLockResult<T>>;
}
