import type { Payment } from '../payment.types';
import { InMemoryTossStore } from './in-memory-toss.store';

const payment = { paymentKey: 'pk', orderId: 'order-1', cancels: [] } as unknown as Payment;

describe('InMemoryTossStore', () => {
  it('hands out copies', async () => {
    const store = new InMemoryTossStore();
    await store.commit({ payment });
    const read = await store.getPayment('pk');
    read!.cancels.push({} as never);
    expect((await store.getPayment('pk'))!.cancels).toEqual([]);
  });

  it('runs withLock holders one at a time, in arrival order', async () => {
    const store = new InMemoryTossStore();
    const log: string[] = [];
    await Promise.all(
      [1, 2, 3].map((i) =>
        store.withLock('l', async () => {
          log.push(`in ${i}`);
          await new Promise((r) => setTimeout(r, 5));
          log.push(`out ${i}`);
        }),
      ),
    );
    expect(log).toEqual(['in 1', 'out 1', 'in 2', 'out 2', 'in 3', 'out 3']);
  });

  it('tryWithLock does not wait, and a throwing holder releases the lock', async () => {
    const store = new InMemoryTossStore();
    let release!: () => void;
    const held = store.withLock('l', () => new Promise<void>((r) => (release = r)));
    expect(await store.tryWithLock('l', async () => 1)).toEqual({ acquired: false });
    release();
    await held;
    await expect(store.withLock('l', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await store.tryWithLock('l', async () => 1)).toEqual({ acquired: true, value: 1 });
  });

  it('expires idempotency records by its clock', async () => {
    let now = 0;
    const store = new InMemoryTossStore({ now: () => now });
    await store.commit({ idempotency: { scope: 's', response: { status: 200, body: payment }, ttlMs: 10 } });
    now = 9;
    expect(await store.getIdempotentResponse('s')).toBeDefined();
    now = 10;
    expect(await store.getIdempotentResponse('s')).toBeUndefined();
  });
});
