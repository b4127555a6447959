import { systemClock, type Clock } from '../clock';
import type { Payment } from '../payment.types';
import type { SimResponse, TossStore, TossWrites, TryLockResult } from './toss-store';

/** Single-process store for the fake Toss server and unit tests. */
export class InMemoryTossStore implements TossStore {
  private readonly payments = new Map<string, Payment>();
  private readonly orders = new Map<string, string>();
  private readonly idempotency = new Map<string, { response: SimResponse; expiresAt: number }>();
  private readonly lastCancels = new Map<string, number>();
  private readonly locks = new Map<string, Promise<void>>();

  constructor(private readonly clock: Clock = systemClock) {}

  async getPayment(paymentKey: string): Promise<Payment | undefined> {
    const payment = this.payments.get(paymentKey);
    return payment && structuredClone(payment);
  }

  async getPaymentKeyByOrderId(orderId: string): Promise<string | undefined> {
    return this.orders.get(orderId);
  }

  async getIdempotentResponse(scope: string): Promise<SimResponse | undefined> {
    const record = this.idempotency.get(scope);
    if (!record) return undefined;
    if (record.expiresAt <= this.clock.now()) {
      this.idempotency.delete(scope);
      return undefined;
    }
    return structuredClone(record.response);
  }

  async getLastCancelAt(paymentKey: string): Promise<number | undefined> {
    return this.lastCancels.get(paymentKey);
  }

  async commit(writes: TossWrites): Promise<void> {
    if (writes.payment) this.payments.set(writes.payment.paymentKey, structuredClone(writes.payment));
    if (writes.orderIndex) this.orders.set(writes.orderIndex.orderId, writes.orderIndex.paymentKey);
    if (writes.idempotency) {
      const { scope, response, ttlMs } = writes.idempotency;
      this.idempotency.set(scope, {
        response: structuredClone(response),
        expiresAt: this.clock.now() + ttlMs,
      });
    }
    if (writes.lastCancelAt) this.lastCancels.set(writes.lastCancelAt.paymentKey, writes.lastCancelAt.at);
  }

  async withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
    // Re-check after every wake-up: the first waiter to resume takes the lock synchronously.
    for (let held = this.locks.get(name); held; held = this.locks.get(name)) await held;
    return this.runLocked(name, fn);
  }

  async tryWithLock<T>(name: string, fn: () => Promise<T>): Promise<TryLockResult<T>> {
    if (this.locks.has(name)) return { acquired: false };
    return { acquired: true, value: await this.runLocked(name, fn) };
  }

  private async runLocked<T>(name: string, fn: () => Promise<T>): Promise<T> {
    let release!: () => void;
    this.locks.set(name, new Promise<void>((resolve) => (release = resolve)));
    try {
      return await fn();
    } finally {
      this.locks.delete(name);
      release();
    }
  }
}
