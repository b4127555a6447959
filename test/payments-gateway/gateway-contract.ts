import { randomUUID } from 'node:crypto';
import {
  PaymentGatewayError,
  isDefiniteRefusal,
  type Payment,
  type PaymentGateway,
} from '../../libs/payments/src/gateway';
import type { ManualClock } from '../support/fake-toss';

export interface GatewayHarness {
  gateway: PaymentGateway;
  clock: ManualClock;
  /** The customer's authorisation; returns the paymentKey. */
  authorize(orderId: string, amount: number, options?: { isPartialCancelable?: boolean }): Promise<string>;
}

export const newOrderId = (): string => `order-${randomUUID()}`;
export const newKey = (): string => `idem-${randomUUID()}`;

export async function caught(promise: Promise<unknown>): Promise<PaymentGatewayError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(PaymentGatewayError);
    return err as PaymentGatewayError;
  }
  throw new Error('expected the call to fail');
}

/**
 * Behaviour every PaymentGateway must show, run against the real HTTP client + fake Toss server
 * and against the sandbox, so the two stay interchangeable.
 */
export function describeGatewayContract(harness: () => GatewayHarness): void {
  const h = () => harness();

  async function paid(amount: number, options?: { isPartialCancelable?: boolean }): Promise<Payment> {
    const orderId = newOrderId();
    const paymentKey = await h().authorize(orderId, amount, options);
    return h().gateway.confirm({ paymentKey, orderId, amount }, newKey());
  }

  describe('confirm', () => {
    it('moves an authorised payment to DONE', async () => {
      const orderId = newOrderId();
      const paymentKey = await h().authorize(orderId, 15_000);
      const payment = await h().gateway.confirm({ paymentKey, orderId, amount: 15_000 }, newKey());
      expect(payment).toMatchObject({
        paymentKey,
        orderId,
        status: 'DONE',
        totalAmount: 15_000,
        balanceAmount: 15_000,
        isPartialCancelable: true,
        cancels: [],
      });
      expect(payment.approvedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+09:00$/);
      expect(payment.lastTransactionKey).toBeTruthy();
    });

    it('refuses an amount other than the authorised one and leaves the payment confirmable', async () => {
      const orderId = newOrderId();
      const paymentKey = await h().authorize(orderId, 10_000);
      const err = await caught(h().gateway.confirm({ paymentKey, orderId, amount: 100 }, newKey()));
      expect(err).toMatchObject({ outcome: 'refused', code: 'INVALID_REQUEST', httpStatus: 400 });
      expect(isDefiniteRefusal(err)).toBe(true);
      expect((await h().gateway.getPayment(paymentKey)).status).toBe('IN_PROGRESS');
      const ok = await h().gateway.confirm({ paymentKey, orderId, amount: 10_000 }, newKey());
      expect(ok.status).toBe('DONE');
    });

    it('replays the first answer for the same key and refuses a new key with ALREADY_PROCESSED_PAYMENT', async () => {
      const orderId = newOrderId();
      const paymentKey = await h().authorize(orderId, 5_000);
      const key = newKey();
      const first = await h().gateway.confirm({ paymentKey, orderId, amount: 5_000 }, key);
      const again = await h().gateway.confirm({ paymentKey, orderId, amount: 5_000 }, key);
      expect(again).toEqual(first);
      const err = await caught(h().gateway.confirm({ paymentKey, orderId, amount: 5_000 }, newKey()));
      expect(err).toMatchObject({ outcome: 'refused', code: 'ALREADY_PROCESSED_PAYMENT' });
    });

    it('refuses an unknown paymentKey with NOT_FOUND_PAYMENT_SESSION', async () => {
      const err = await caught(
        h().gateway.confirm(
          { paymentKey: 'no-such-payment', orderId: newOrderId(), amount: 1_000 },
          newKey(),
        ),
      );
      expect(err).toMatchObject({ outcome: 'refused', code: 'NOT_FOUND_PAYMENT_SESSION', httpStatus: 404 });
    });

    it('refuses an idempotency key longer than 300 characters', async () => {
      const orderId = newOrderId();
      const paymentKey = await h().authorize(orderId, 1_000);
      const err = await caught(h().gateway.confirm({ paymentKey, orderId, amount: 1_000 }, 'k'.repeat(301)));
      expect(err).toMatchObject({ outcome: 'refused', code: 'INVALID_IDEMPOTENCY_KEY' });
      expect((await h().gateway.getPayment(paymentKey)).status).toBe('IN_PROGRESS');
    });
  });

  describe('cancel', () => {
    it('cancels in full when cancelAmount is omitted', async () => {
      const { paymentKey } = await paid(20_000);
      const canceled = await h().gateway.cancel(paymentKey, { cancelReason: 'customer request' }, newKey());
      expect(canceled).toMatchObject({ status: 'CANCELED', totalAmount: 20_000, balanceAmount: 0 });
      expect(canceled.cancels).toHaveLength(1);
      expect(canceled.cancels[0]).toMatchObject({
        cancelAmount: 20_000,
        cancelReason: 'customer request',
        cancelStatus: 'DONE',
        refundableAmount: 0,
      });
      expect(canceled.cancels[0].transactionKey.length).toBeGreaterThan(0);
      expect(canceled.cancels[0].transactionKey.length).toBeLessThanOrEqual(64);
      expect(canceled.cancels[0].canceledAt).toMatch(/\+09:00$/);
    });

    it('cancels partially, lowering balanceAmount, then the rest', async () => {
      const { paymentKey } = await paid(30_000);
      const first = await h().gateway.cancel(
        paymentKey,
        { cancelReason: 'part 1', cancelAmount: 10_000 },
        newKey(),
      );
      expect(first).toMatchObject({ status: 'PARTIAL_CANCELED', balanceAmount: 20_000 });
      h().clock.advance(1_000);
      const second = await h().gateway.cancel(
        paymentKey,
        { cancelReason: 'part 2', cancelAmount: 5_000 },
        newKey(),
      );
      expect(second).toMatchObject({ status: 'PARTIAL_CANCELED', balanceAmount: 15_000 });
      h().clock.advance(1_000);
      const rest = await h().gateway.cancel(paymentKey, { cancelReason: 'rest' }, newKey());
      expect(rest).toMatchObject({ status: 'CANCELED', balanceAmount: 0 });
      expect(rest.cancels.map((c) => c.cancelAmount)).toEqual([10_000, 5_000, 15_000]);
      expect(new Set(rest.cancels.map((c) => c.transactionKey)).size).toBe(3);
    });

    it('replays the first answer for the same key: one cancel applied', async () => {
      const { paymentKey } = await paid(10_000);
      const key = newKey();
      const first = await h().gateway.cancel(paymentKey, { cancelReason: 'dup', cancelAmount: 4_000 }, key);
      const again = await h().gateway.cancel(paymentKey, { cancelReason: 'dup', cancelAmount: 4_000 }, key);
      expect(again).toEqual(first);
      h().clock.advance(5_000);
      const later = await h().gateway.cancel(paymentKey, { cancelReason: 'dup', cancelAmount: 4_000 }, key);
      expect(later).toEqual(first);
      const payment = await h().gateway.getPayment(paymentKey);
      expect(payment.cancels).toHaveLength(1);
      expect(payment.balanceAmount).toBe(6_000);
    });

    it('refuses when refundableAmount is not the current balance', async () => {
      const { paymentKey } = await paid(10_000);
      const err = await caught(
        h().gateway.cancel(
          paymentKey,
          { cancelReason: 'x', cancelAmount: 1_000, refundableAmount: 9_000 },
          newKey(),
        ),
      );
      expect(err).toMatchObject({
        outcome: 'refused',
        code: 'NOT_MATCHES_REFUNDABLE_AMOUNT',
        httpStatus: 400,
      });
      const ok = await h().gateway.cancel(
        paymentKey,
        { cancelReason: 'x', cancelAmount: 1_000, refundableAmount: 10_000 },
        newKey(),
      );
      expect(ok.balanceAmount).toBe(9_000);
    });

    it('refuses a cancelAmount above the balance with NOT_CANCELABLE_AMOUNT', async () => {
      const { paymentKey } = await paid(10_000);
      const err = await caught(
        h().gateway.cancel(paymentKey, { cancelReason: 'x', cancelAmount: 10_001 }, newKey()),
      );
      expect(err).toMatchObject({ outcome: 'refused', code: 'NOT_CANCELABLE_AMOUNT', httpStatus: 403 });
    });

    it('refuses to cancel a fully canceled payment with ALREADY_CANCELED_PAYMENT', async () => {
      const { paymentKey } = await paid(10_000);
      await h().gateway.cancel(paymentKey, { cancelReason: 'x' }, newKey());
      h().clock.advance(2_000);
      const err = await caught(h().gateway.cancel(paymentKey, { cancelReason: 'x' }, newKey()));
      expect(err).toMatchObject({ outcome: 'refused', code: 'ALREADY_CANCELED_PAYMENT', httpStatus: 400 });
    });

    it('refuses a second cancel within 1 s under another key, and allows it after', async () => {
      const { paymentKey } = await paid(10_000);
      await h().gateway.cancel(paymentKey, { cancelReason: 'a', cancelAmount: 1_000 }, newKey());
      h().clock.advance(999);
      const key = newKey();
      const err = await caught(
        h().gateway.cancel(paymentKey, { cancelReason: 'b', cancelAmount: 1_000 }, key),
      );
      expect(err).toMatchObject({
        outcome: 'refused',
        code: 'FORBIDDEN_CONSECUTIVE_REQUEST',
        httpStatus: 403,
      });
      h().clock.advance(1);
      // The refusal was not stored against the key, so the same key may be retried.
      const ok = await h().gateway.cancel(paymentKey, { cancelReason: 'b', cancelAmount: 1_000 }, key);
      expect(ok.balanceAmount).toBe(8_000);
    });

    it('refuses to cancel a payment that was never confirmed', async () => {
      const paymentKey = await h().authorize(newOrderId(), 10_000);
      const err = await caught(h().gateway.cancel(paymentKey, { cancelReason: 'x' }, newKey()));
      expect(err).toMatchObject({ outcome: 'refused', code: 'NOT_CANCELABLE_PAYMENT', httpStatus: 403 });
    });

    it('refuses a partial cancel of a payment that does not allow it', async () => {
      const { paymentKey } = await paid(10_000, { isPartialCancelable: false });
      const err = await caught(
        h().gateway.cancel(paymentKey, { cancelReason: 'x', cancelAmount: 1_000 }, newKey()),
      );
      expect(err).toMatchObject({ outcome: 'refused', code: 'NOT_ALLOWED_PARTIAL_REFUND' });
      expect((await h().gateway.cancel(paymentKey, { cancelReason: 'x' }, newKey())).status).toBe('CANCELED');
    });

    it('refuses an unknown paymentKey with NOT_FOUND_PAYMENT', async () => {
      const err = await caught(h().gateway.cancel('no-such-payment', { cancelReason: 'x' }, newKey()));
      expect(err).toMatchObject({ outcome: 'refused', code: 'NOT_FOUND_PAYMENT', httpStatus: 404 });
    });

    it('applies exactly one of several concurrent cancels under different keys', async () => {
      const { paymentKey } = await paid(50_000);
      const results = await Promise.allSettled(
        Array.from({ length: 6 }, (_, i) =>
          h().gateway.cancel(paymentKey, { cancelReason: `c${i}`, cancelAmount: 1_000 }, newKey()),
        ),
      );
      const ok = results.filter((r) => r.status === 'fulfilled');
      const failed = results.flatMap((r) =>
        r.status === 'rejected' ? [r.reason as PaymentGatewayError] : [],
      );
      expect(ok).toHaveLength(1);
      for (const err of failed)
        expect(err).toMatchObject({ outcome: 'refused', code: 'FORBIDDEN_CONSECUTIVE_REQUEST' });
      const payment = await h().gateway.getPayment(paymentKey);
      expect(payment.cancels).toHaveLength(1);
      expect(payment.balanceAmount).toBe(49_000);
    });

    it('applies once when the same key is sent concurrently (replay or 409 for the others)', async () => {
      const { paymentKey } = await paid(50_000);
      const key = newKey();
      const results = await Promise.allSettled(
        Array.from({ length: 6 }, () =>
          h().gateway.cancel(paymentKey, { cancelReason: 'same', cancelAmount: 2_000 }, key),
        ),
      );
      for (const r of results) {
        if (r.status === 'fulfilled') expect(r.value.balanceAmount).toBe(48_000);
        else
          expect(r.reason).toMatchObject({
            outcome: 'unknown',
            code: 'IDEMPOTENT_REQUEST_PROCESSING',
            httpStatus: 409,
          });
      }
      expect(results.some((r) => r.status === 'fulfilled')).toBe(true);
      const payment = await h().gateway.getPayment(paymentKey);
      expect(payment.cancels).toHaveLength(1);
    });
  });

  describe('getPayment', () => {
    it('reads a payment back', async () => {
      const confirmed = await paid(7_000);
      expect(await h().gateway.getPayment(confirmed.paymentKey)).toEqual(confirmed);
    });

    it('refuses an unknown paymentKey with NOT_FOUND_PAYMENT', async () => {
      const err = await caught(h().gateway.getPayment('no-such-payment'));
      expect(err).toMatchObject({ outcome: 'refused', code: 'NOT_FOUND_PAYMENT', httpStatus: 404 });
    });
  });
}
