import { createHash, randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import type { Payment } from '../payment.types';
import {
  LockTimeoutError,
  type SimResponse,
  type TossStore,
  type TossWrites,
  type TryLockResult,
} from './toss-store';

export interface RedisTossStoreOptions {
  /** Prepended to every key. Default `stratbench:toss-sandbox:`. */
  keyPrefix?: string;
  /** A lock left by a crashed holder expires after this. Default 10 s. */
  lockTtlMs?: number;
  /** How long withLock waits before LockTimeoutError. Default 5 s. */
  lockWaitMs?: number;
  /** Expiry of stored payments; none by default. */
  paymentTtlMs?: number;
}

const RELEASE_LOCK = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;
const LAST_CANCEL_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * Shared store so that every API and worker process sees one sandbox. Locks are
 * `SET NX PX` with a random token, released only by their owner.
 * The Redis client is borrowed: the caller connects and quits it.
 */
export class RedisTossStore implements TossStore {
  readonly keyPrefix: string;
  private readonly lockTtlMs: number;
  private readonly lockWaitMs: number;
  private readonly paymentTtlMs?: number;

  constructor(
    private readonly redis: Redis,
    options: RedisTossStoreOptions = {},
  ) {
    this.keyPrefix = options.keyPrefix ?? 'stratbench:toss-sandbox:';
    this.lockTtlMs = options.lockTtlMs ?? 10_000;
    this.lockWaitMs = options.lockWaitMs ?? 5_000;
    this.paymentTtlMs = options.paymentTtlMs;
  }

  async getPayment(paymentKey: string): Promise<Payment | undefined> {
    return parse<Payment>(await this.redis.get(this.key('payment', paymentKey)));
  }

  async getPaymentKeyByOrderId(orderId: string): Promise<string | undefined> {
    return (await this.redis.get(this.key('order', orderId))) ?? undefined;
  }

  async getIdempotentResponse(scope: string): Promise<SimResponse | undefined> {
    return parse<SimResponse>(await this.redis.get(this.idempotencyKey(scope)));
  }

  async getLastCancelAt(paymentKey: string): Promise<number | undefined> {
    const value = await this.redis.get(this.key('last-cancel', paymentKey));
    return value === null ? undefined : Number(value);
  }

  async commit(writes: TossWrites): Promise<void> {
    const multi = this.redis.multi();
    if (writes.payment) {
      const key = this.key('payment', writes.payment.paymentKey);
      const value = JSON.stringify(writes.payment);
      if (this.paymentTtlMs) multi.set(key, value, 'PX', this.paymentTtlMs);
      else multi.set(key, value);
    }
    if (writes.orderIndex) {
      const key = this.key('order', writes.orderIndex.orderId);
      if (this.paymentTtlMs) multi.set(key, writes.orderIndex.paymentKey, 'PX', this.paymentTtlMs);
      else multi.set(key, writes.orderIndex.paymentKey);
    }
    if (writes.idempotency) {
      const { scope, response, ttlMs } = writes.idempotency;
      multi.set(this.idempotencyKey(scope), JSON.stringify(response), 'PX', ttlMs);
    }
    if (writes.lastCancelAt) {
      const { paymentKey, at } = writes.lastCancelAt;
      multi.set(this.key('last-cancel', paymentKey), String(at), 'PX', LAST_CANCEL_TTL_MS);
    }
    const results = await multi.exec();
    const failure = results?.find(([err]) => err)?.[0];
    if (!results || failure) throw failure ?? new Error('Redis transaction was discarded');
  }

  async withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const key = this.key('lock', name);
    const token = randomUUID();
    const deadline = Date.now() + this.lockWaitMs;
    while (!(await this.acquire(key, token))) {
      if (Date.now() >= deadline) throw new LockTimeoutError(name);
      await sleep(5 + Math.random() * 20);
    }
    return this.runAndRelease(key, token, fn);
  }

  async tryWithLock<T>(name: string, fn: () => Promise<T>): Promise<TryLockResult<T>> {
    const key = this.key('lock', name);
    const token = randomUUID();
    if (!(await this.acquire(key, token))) return { acquired: false };
    return { acquired: true, value: await this.runAndRelease(key, token, fn) };
  }

  /** Deletes every key under the prefix (tests, sandbox reset). Returns how many were deleted. */
  async clear(): Promise<number> {
    let deleted = 0;
    const stream = this.redis.scanStream({ match: `${escapeGlob(this.keyPrefix)}*`, count: 500 });
    for await (const keys of stream as AsyncIterable<string[]>) {
      if (keys.length > 0) deleted += await this.redis.unlink(...keys);
    }
    return deleted;
  }

  private async acquire(key: string, token: string): Promise<boolean> {
    return (await this.redis.set(key, token, 'PX', this.lockTtlMs, 'NX')) === 'OK';
  }

  private async runAndRelease<T>(key: string, token: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } finally {
      await this.redis.eval(RELEASE_LOCK, 1, key, token);
    }
  }

  private key(kind: string, id: string): string {
    return `${this.keyPrefix}${kind}:${id}`;
  }

  // Scopes embed client-chosen keys of up to 300 chars; hashing keeps Redis keys short.
  private idempotencyKey(scope: string): string {
    return this.key('idem', createHash('sha256').update(scope).digest('hex'));
  }
}

function parse<T>(value: string | null): T | undefined {
  return value === null ? undefined : (JSON.parse(value) as T);
}

function escapeGlob(value: string): string {
  return value.replace(/[*?[\]\\]/g, '\\$&');
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
