import type { Payment, TossErrorBody } from '../payment.types';
import { InMemoryTossStore } from './in-memory-toss.store';
import { TossSimulator, type SimResult } from './toss-simulator';
import { LockTimeoutError, type TossStore } from './toss-store';

const START = Date.parse('2024-06-01T00:00:00Z');
const DAY = 24 * 60 * 60 * 1000;

function setup() {
  let now = START;
  let seq = 0;
  const clock = { now: () => now };
  const store = new InMemoryTossStore(clock);
  const sim = new TossSimulator(store, {
    clock,
    ids: { paymentKey: () => `pk_${++seq}`, transactionKey: () => `TX${++seq}` },
  });
  const advance = (ms: number) => {
    now += ms;
  };

  async function authorized(amount = 10_000, options: { isPartialCancelable?: boolean } = {}) {
    const orderId = `order_${++seq}`;
    const result = await sim.authorize({ orderId, amount, ...options });
    return { orderId, paymentKey: (result.body as Payment).paymentKey, amount };
  }

  async function done(amount = 10_000, options: { isPartialCancelable?: boolean } = {}) {
    const a = await authorized(amount, options);
    const result = await sim.confirm(a, `confirm-${a.paymentKey}`);
    expect(result.status).toBe(200);
    return a.paymentKey;
  }

  return { sim, store, clock, advance, authorized, done };
}

const payment = (r: SimResult) => r.body as Payment;
const error = (r: SimResult) => ({ status: r.status, code: (r.body as TossErrorBody).code });

describe('TossSimulator', () => {
  describe('authorize', () => {
    it('creates an IN_PROGRESS payment stamped in KST', async () => {
      const { sim } = setup();
      const r = await sim.authorize({ orderId: 'order-1', amount: 5_000, orderName: 'Credits' });
      expect(r).toMatchObject({ status: 200, applied: true, replayed: false });
      expect(payment(r)).toEqual({
        paymentKey: 'pk_1',
        orderId: 'order-1',
        orderName: 'Credits',
        status: 'IN_PROGRESS',
        method: '카드',
        currency: 'KRW',
        totalAmount: 5_000,
        balanceAmount: 5_000,
        taxFreeAmount: 0,
        isPartialCancelable: true,
        requestedAt: '2024-06-01T09:00:00+09:00',
        approvedAt: null,
        lastTransactionKey: null,
        cancels: [],
      });
    });

    it.each([
      [{ orderId: 'abc', amount: 1_000 }],
      [{ orderId: 'has space!', amount: 1_000 }],
      [{ orderId: 'x'.repeat(65), amount: 1_000 }],
      [{ orderId: 'order-ok', amount: 0 }],
      [{ orderId: 'order-ok', amount: 10.5 }],
    ])('refuses malformed input %j with INVALID_REQUEST', async (input) => {
      const { sim } = setup();
      expect(error(await sim.authorize(input))).toEqual({ status: 400, code: 'INVALID_REQUEST' });
    });

    it('refuses a reused orderId', async () => {
      const { sim } = setup();
      await sim.authorize({ orderId: 'order-dup', amount: 1_000 });
      expect(error(await sim.authorize({ orderId: 'order-dup', amount: 1_000 }))).toEqual({
        status: 400,
        code: 'DUPLICATED_ORDER_ID',
      });
    });
  });

  describe('confirm', () => {
    it('moves the payment to DONE with approvedAt and a transaction key', async () => {
      const { sim, authorized, advance } = setup();
      const a = await authorized(7_000);
      advance(5_000);
      const r = await sim.confirm(a, 'k1');
      expect(r).toMatchObject({ status: 200, applied: true, replayed: false });
      expect(payment(r)).toMatchObject({
        status: 'DONE',
        approvedAt: '2024-06-01T09:00:05+09:00',
        balanceAmount: 7_000,
        lastTransactionKey: expect.stringMatching(/^TX/),
      });
    });

    it.each([
      ['amount mismatch', { amount: 6_999 }, 400, 'INVALID_REQUEST'],
      ['orderId mismatch', { orderId: 'other-order' }, 400, 'INVALID_REQUEST'],
      ['unknown paymentKey', { paymentKey: 'nope' }, 404, 'NOT_FOUND_PAYMENT_SESSION'],
      ['paymentKey over 200 chars', { paymentKey: 'p'.repeat(201) }, 400, 'INVALID_REQUEST'],
      ['string amount', { amount: '7000' }, 400, 'INVALID_REQUEST'],
      ['negative amount', { amount: -7_000 }, 400, 'INVALID_REQUEST'],
    ])('refuses %s', async (_name, override, status, code) => {
      const { sim, authorized } = setup();
      const a = await authorized(7_000);
      const r = await sim.confirm({ ...a, ...override }, 'k');
      expect(error(r)).toEqual({ status, code });
      expect(r.applied).toBe(false);
    });

    it('replays the stored answer for the same key, refuses a new key or no key', async () => {
      const { sim, authorized } = setup();
      const a = await authorized();
      const first = await sim.confirm(a, 'same');
      const replay = await sim.confirm(a, 'same');
      expect(replay).toEqual({ ...first, applied: false, replayed: true });
      expect(error(await sim.confirm(a, 'other'))).toEqual({
        status: 400,
        code: 'ALREADY_PROCESSED_PAYMENT',
      });
      expect(error(await sim.confirm(a))).toEqual({ status: 400, code: 'ALREADY_PROCESSED_PAYMENT' });
    });

    it('expires the payment when confirmed more than 10 minutes after authorisation', async () => {
      const { sim, authorized, advance } = setup();
      const a = await authorized();
      advance(10 * 60 * 1000);
      const onTime = await authorized();
      advance(1);
      expect(error(await sim.confirm(a, 'late'))).toEqual({ status: 404, code: 'NOT_FOUND_PAYMENT_SESSION' });
      expect(payment(await sim.getPayment(a.paymentKey)).status).toBe('EXPIRED');
      expect(error(await sim.confirm(a, 'later'))).toEqual({
        status: 404,
        code: 'NOT_FOUND_PAYMENT_SESSION',
      });
      expect((await sim.confirm(onTime, 'ok')).status).toBe(200);
    });

    it.each([
      ['empty', '', 400],
      ['301 characters', 'k'.repeat(301), 400],
      ['300 characters', 'k'.repeat(300), 200],
    ])('checks the Idempotency-Key length (%s)', async (_name, key, status) => {
      const { sim, authorized } = setup();
      const r = await sim.confirm(await authorized(), key);
      expect(r.status).toBe(status);
      if (status === 400) expect(error(r).code).toBe('INVALID_IDEMPOTENCY_KEY');
    });
  });

  describe('cancel', () => {
    it('cancels in full and records the cancel', async () => {
      const { sim, done } = setup();
      const paymentKey = await done(9_000);
      const r = await sim.cancel(paymentKey, { cancelReason: 'why', taxFreeAmount: 100 }, 'c1');
      expect(r).toMatchObject({ status: 200, applied: true });
      const p = payment(r);
      expect(p).toMatchObject({ status: 'CANCELED', balanceAmount: 0, totalAmount: 9_000 });
      expect(p.cancels).toEqual([
        {
          transactionKey: p.lastTransactionKey,
          cancelAmount: 9_000,
          cancelReason: 'why',
          taxFreeAmount: 100,
          refundableAmount: 0,
          canceledAt: '2024-06-01T09:00:00+09:00',
          cancelStatus: 'DONE',
        },
      ]);
    });

    it('cancels partially and records the remaining refundable amount', async () => {
      const { sim, done, advance } = setup();
      const paymentKey = await done(9_000);
      const first = payment(
        await sim.cancel(
          paymentKey,
          { cancelReason: 'a', cancelAmount: 2_000, refundableAmount: 9_000 },
          'c1',
        ),
      );
      expect(first).toMatchObject({ status: 'PARTIAL_CANCELED', balanceAmount: 7_000 });
      expect(first.cancels[0].refundableAmount).toBe(7_000);
      advance(1_000);
      const second = payment(
        await sim.cancel(
          paymentKey,
          { cancelReason: 'b', cancelAmount: 7_000, refundableAmount: 7_000 },
          'c2',
        ),
      );
      expect(second).toMatchObject({ status: 'CANCELED', balanceAmount: 0 });
    });

    it('treats null optional fields as omitted', async () => {
      const { sim, done } = setup();
      const paymentKey = await done(9_000);
      const r = await sim.cancel(
        paymentKey,
        { cancelReason: 'a', cancelAmount: null, refundableAmount: null, taxFreeAmount: null },
        'c',
      );
      expect(payment(r).status).toBe('CANCELED');
    });

    it.each([
      ['no cancelReason', {}],
      ['empty cancelReason', { cancelReason: '' }],
      ['cancelReason over 200 chars', { cancelReason: 'r'.repeat(201) }],
      ['zero cancelAmount', { cancelReason: 'r', cancelAmount: 0 }],
      ['negative cancelAmount', { cancelReason: 'r', cancelAmount: -1 }],
      ['fractional cancelAmount', { cancelReason: 'r', cancelAmount: 1.5 }],
      ['taxFreeAmount above cancelAmount', { cancelReason: 'r', cancelAmount: 100, taxFreeAmount: 101 }],
    ])('refuses %s with INVALID_REQUEST', async (_name, body) => {
      const { sim, done } = setup();
      const paymentKey = await done();
      expect(error(await sim.cancel(paymentKey, body, 'c'))).toEqual({
        status: 400,
        code: 'INVALID_REQUEST',
      });
    });

    it('applies the refusal rules in Toss order', async () => {
      const { sim, done, authorized, advance } = setup();
      expect(error(await sim.cancel('missing', { cancelReason: 'r' }, 'c0'))).toEqual({
        status: 404,
        code: 'NOT_FOUND_PAYMENT',
      });
      const pending = await authorized();
      expect(error(await sim.cancel(pending.paymentKey, { cancelReason: 'r' }, 'c1'))).toEqual({
        status: 403,
        code: 'NOT_CANCELABLE_PAYMENT',
      });
      const paymentKey = await done(5_000);
      expect(
        error(await sim.cancel(paymentKey, { cancelReason: 'r', refundableAmount: 4_999 }, 'c2')),
      ).toEqual({
        status: 400,
        code: 'NOT_MATCHES_REFUNDABLE_AMOUNT',
      });
      expect(error(await sim.cancel(paymentKey, { cancelReason: 'r', cancelAmount: 5_001 }, 'c3'))).toEqual({
        status: 403,
        code: 'NOT_CANCELABLE_AMOUNT',
      });
      await sim.cancel(paymentKey, { cancelReason: 'r' }, 'c4');
      expect(error(await sim.cancel(paymentKey, { cancelReason: 'r' }, 'c5'))).toEqual({
        status: 403,
        code: 'FORBIDDEN_CONSECUTIVE_REQUEST',
      });
      advance(1_000);
      expect(error(await sim.cancel(paymentKey, { cancelReason: 'r' }, 'c6'))).toEqual({
        status: 400,
        code: 'ALREADY_CANCELED_PAYMENT',
      });
    });

    it('refuses partial cancels when the payment does not allow them, but not a full one', async () => {
      const { sim, done } = setup();
      const paymentKey = await done(5_000, { isPartialCancelable: false });
      expect(error(await sim.cancel(paymentKey, { cancelReason: 'r', cancelAmount: 1 }, 'c1'))).toEqual({
        status: 403,
        code: 'NOT_ALLOWED_PARTIAL_REFUND',
      });
      expect((await sim.cancel(paymentKey, { cancelReason: 'r', cancelAmount: 5_000 }, 'c2')).status).toBe(
        200,
      );
    });

    it('opens the consecutive-cancel window only on applied cancels, for 1000 ms', async () => {
      const { sim, done, advance } = setup();
      const paymentKey = await done(5_000);
      expect((await sim.cancel(paymentKey, { cancelReason: 'r', cancelAmount: 9_999 }, 'c0')).status).toBe(
        403,
      );
      expect((await sim.cancel(paymentKey, { cancelReason: 'r', cancelAmount: 1_000 }, 'c1')).status).toBe(
        200,
      );
      advance(999);
      expect(error(await sim.cancel(paymentKey, { cancelReason: 'r', cancelAmount: 1_000 }, 'c2')).code).toBe(
        'FORBIDDEN_CONSECUTIVE_REQUEST',
      );
      advance(1);
      expect((await sim.cancel(paymentKey, { cancelReason: 'r', cancelAmount: 1_000 }, 'c2')).status).toBe(
        200,
      );
    });

    it('replays the first answer, not the current state, for the same key', async () => {
      const { sim, done, advance } = setup();
      const paymentKey = await done(5_000);
      const first = await sim.cancel(paymentKey, { cancelReason: 'a', cancelAmount: 1_000 }, 'same');
      advance(1_000);
      await sim.cancel(paymentKey, { cancelReason: 'b', cancelAmount: 1_000 }, 'other');
      const replay = await sim.cancel(paymentKey, { cancelReason: 'a', cancelAmount: 1_000 }, 'same');
      expect(replay).toEqual({ ...first, applied: false, replayed: true });
      expect(payment(replay).balanceAmount).toBe(4_000);
      expect(payment(await sim.getPayment(paymentKey)).balanceAmount).toBe(3_000);
    });

    it('scopes idempotency keys by URL', async () => {
      const { sim, done } = setup();
      const one = await done();
      const two = await done();
      expect((await sim.cancel(one, { cancelReason: 'r' }, 'shared')).applied).toBe(true);
      expect((await sim.cancel(two, { cancelReason: 'r' }, 'shared')).applied).toBe(true);
    });

    it('forgets idempotency keys after 15 days', async () => {
      const { sim, done, advance } = setup();
      const paymentKey = await done(5_000);
      await sim.cancel(paymentKey, { cancelReason: 'r', cancelAmount: 1_000 }, 'old');
      advance(15 * DAY - 1);
      expect((await sim.cancel(paymentKey, { cancelReason: 'r', cancelAmount: 1_000 }, 'old')).replayed).toBe(
        true,
      );
      advance(1);
      expect((await sim.cancel(paymentKey, { cancelReason: 'r', cancelAmount: 1_000 }, 'old')).applied).toBe(
        true,
      );
    });

    it('answers 409 IDEMPOTENT_REQUEST_PROCESSING while the same key is in flight', async () => {
      const { sim, done } = setup();
      const paymentKey = await done(5_000);
      const [first, second] = await Promise.all([
        sim.cancel(paymentKey, { cancelReason: 'r', cancelAmount: 1_000 }, 'k'),
        sim.cancel(paymentKey, { cancelReason: 'r', cancelAmount: 1_000 }, 'k'),
      ]);
      expect(first.applied).toBe(true);
      expect(error(second)).toEqual({ status: 409, code: 'IDEMPOTENT_REQUEST_PROCESSING' });
      expect((await sim.cancel(paymentKey, { cancelReason: 'r', cancelAmount: 1_000 }, 'k')).replayed).toBe(
        true,
      );
    });

    it('serialises concurrent cancels under different keys', async () => {
      const { sim, done } = setup();
      const paymentKey = await done(5_000);
      const results = await Promise.all(
        ['a', 'b', 'c', 'd'].map((k) =>
          sim.cancel(paymentKey, { cancelReason: 'r', cancelAmount: 1_000 }, k),
        ),
      );
      expect(results.filter((r) => r.applied)).toHaveLength(1);
      expect(results.filter((r) => !r.applied).map((r) => error(r).code)).toEqual(
        Array(3).fill('FORBIDDEN_CONSECUTIVE_REQUEST'),
      );
    });
  });

  it('getPayment answers 404 NOT_FOUND_PAYMENT for an unknown key', async () => {
    const { sim } = setup();
    expect(error(await sim.getPayment('nope'))).toEqual({ status: 404, code: 'NOT_FOUND_PAYMENT' });
  });

  it('turns a lock timeout into a 500 that changed nothing', async () => {
    const { store, done } = setup();
    const paymentKey = await done();
    const stuck: TossStore = Object.assign(Object.create(store) as TossStore, {
      withLock: () => Promise.reject(new LockTimeoutError('payment:x')),
    });
    const r = await new TossSimulator(stuck).cancel(paymentKey, { cancelReason: 'r' }, 'k');
    expect(r).toMatchObject({
      status: 500,
      applied: false,
      body: { code: 'FAILED_INTERNAL_SYSTEM_PROCESSING' },
    });
  });
});
