import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { LockTimeoutError, RedisTossStore, type Payment } from '../../libs/payments/src/gateway';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const keyPrefix = `test:payments-gateway:store:${randomUUID()}:`;

const payment = (paymentKey: string): Payment => ({
  paymentKey,
  orderId: `order-${paymentKey}`,
  orderName: null,
  status: 'DONE',
  method: '카드',
  currency: 'KRW',
  totalAmount: 1_000,
  balanceAmount: 1_000,
  taxFreeAmount: 0,
  isPartialCancelable: true,
  requestedAt: '2024-06-01T09:00:00+09:00',
  approvedAt: '2024-06-01T09:00:05+09:00',
  lastTransactionKey: 'TX1',
  cancels: [],
});

describe('RedisTossStore', () => {
  let redis: Redis;
  let store: RedisTossStore;

  beforeAll(() => {
    redis = new Redis(REDIS_URL);
    store = new RedisTossStore(redis, { keyPrefix, lockWaitMs: 500 });
  });

  afterAll(async () => {
    await store.clear();
    await redis.quit();
  });

  it('commits payment, order index, idempotency record and last cancel together', async () => {
    const p = payment('pk-commit');
    await store.commit({
      payment: p,
      orderIndex: { orderId: p.orderId, paymentKey: p.paymentKey },
      idempotency: { scope: 'POST /x k'.padEnd(400, 'k'), response: { status: 200, body: p }, ttlMs: 60_000 },
      lastCancelAt: { paymentKey: p.paymentKey, at: 1234 },
    });
    expect(await store.getPayment('pk-commit')).toEqual(p);
    expect(await store.getPaymentKeyByOrderId(p.orderId)).toBe('pk-commit');
    expect(await store.getIdempotentResponse('POST /x k'.padEnd(400, 'k'))).toEqual({ status: 200, body: p });
    expect(await store.getLastCancelAt('pk-commit')).toBe(1234);
    expect(await store.getPayment('missing')).toBeUndefined();
    expect(await store.getIdempotentResponse('missing')).toBeUndefined();
    expect(await store.getLastCancelAt('missing')).toBeUndefined();
    const idemKeys = await redis.keys(`${keyPrefix}idem:*`);
    expect(idemKeys).toHaveLength(1);
    expect(idemKeys[0].length).toBeLessThan(keyPrefix.length + 80);
    expect(await redis.pttl(idemKeys[0])).toBeGreaterThan(0);
  });

  it('serialises withLock holders across connections', async () => {
    const other = new Redis(REDIS_URL);
    const stores = [store, new RedisTossStore(other, { keyPrefix, lockWaitMs: 5_000 })];
    let inside = 0;
    let maxInside = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        stores[i % 2].withLock('payment:shared', async () => {
          inside += 1;
          maxInside = Math.max(maxInside, inside);
          await new Promise((r) => setTimeout(r, 5));
          order.push(i);
          inside -= 1;
        }),
      ),
    );
    expect(maxInside).toBe(1);
    expect(order).toHaveLength(10);
    await other.quit();
  });

  it('tryWithLock gives up at once while the lock is held, and locks are released after errors', async () => {
    let release!: () => void;
    const holder = store.withLock('payment:try', () => new Promise<void>((r) => (release = r)));
    await new Promise((r) => setTimeout(r, 20));
    expect(await store.tryWithLock('payment:try', async () => 'x')).toEqual({ acquired: false });
    await expect(store.withLock('payment:try', async () => 'late')).rejects.toBeInstanceOf(LockTimeoutError);
    release();
    await holder;
    await expect(
      store.withLock('payment:try', async () => Promise.reject(new Error('boom'))),
    ).rejects.toThrow('boom');
    expect(await store.tryWithLock('payment:try', async () => 'free')).toEqual({
      acquired: true,
      value: 'free',
    });
  });

  it('an expired lock cannot be released by its former holder', async () => {
    const shortLived = new RedisTossStore(redis, { keyPrefix, lockTtlMs: 50 });
    let releaseSecond!: () => void;
    let second!: Promise<void>;
    await shortLived.withLock('payment:ttl', async () => {
      await new Promise((r) => setTimeout(r, 120));
      // The first lock has expired: a second holder gets it while the first is still running.
      await new Promise<void>((acquired) => {
        second = store.withLock('payment:ttl', () => {
          acquired();
          return new Promise<void>((r) => (releaseSecond = r));
        });
      });
    });
    // The first holder's release must not have removed the second holder's lock.
    expect(await store.tryWithLock('payment:ttl', async () => 'x')).toEqual({ acquired: false });
    releaseSecond();
    await second;
    expect(await store.tryWithLock('payment:ttl', async () => 'x')).toEqual({ acquired: true, value: 'x' });
  });

  it('clear deletes only keys under its prefix', async () => {
    const neighbour = `${keyPrefix.slice(0, -1)}-neighbour:keep`;
    await redis.set(neighbour, '1');
    const scoped = new RedisTossStore(redis, { keyPrefix: `${keyPrefix}scoped:` });
    await scoped.commit({ payment: payment('pk-scoped') });
    expect(await scoped.clear()).toBe(1);
    expect(await scoped.getPayment('pk-scoped')).toBeUndefined();
    expect(await store.getPayment('pk-commit')).toBeDefined();
    expect(await redis.get(neighbour)).toBe('1');
    await redis.del(neighbour);
  });
});
