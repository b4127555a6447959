import type { PaymentCancel } from '@app/payments';
import { cancelReason, clawbackLedgerKey, findRefundCancel, gatewayIdempotencyKey, refundJobId } from './refund-keys';
import { assertTransition, canTransition } from './refund-state';

const ID = '7b0c6f7e-3a55-4c55-9f0e-2f4f5d1c9a10';
const cancel = (over: Partial<PaymentCancel>): PaymentCancel => ({
  transactionKey: 'tx-1',
  cancelAmount: 6600,
  cancelReason: cancelReason(ID, 'no longer needed'),
  taxFreeAmount: 0,
  refundableAmount: 3300,
  canceledAt: '2025-01-01T00:00:00+09:00',
  cancelStatus: 'DONE',
  ...over,
});

describe('refund keys', () => {
  it('the first attempt uses refund:<id>, a support retry a new key per attempt', () => {
    expect(gatewayIdempotencyKey(ID, 1)).toBe(`refund:${ID}`);
    expect(gatewayIdempotencyKey(ID, 2)).toBe(`refund:${ID}:attempt-2`);
    expect(gatewayIdempotencyKey(ID, 2).length).toBeLessThanOrEqual(300);
  });

  it('job ids follow the attempt and contain no colon (BullMQ forbids it)', () => {
    expect(refundJobId(ID, 1)).toBe(ID);
    expect(refundJobId(ID, 3)).toBe(`${ID}-attempt-3`);
    expect(refundJobId(ID, 3)).not.toContain(':');
  });

  it('one clawback key per refund', () => {
    expect(clawbackLedgerKey(ID)).toBe(`refund_clawback:${ID}`);
  });

  it('the cancel reason carries the marker and fits Toss’s 200 characters', () => {
    const reason = cancelReason(ID, 'x'.repeat(500));
    expect(reason.length).toBeLessThanOrEqual(200);
    expect(reason).toContain(ID);
  });
});

describe('findRefundCancel', () => {
  it('finds a DONE cancel with the marker and amount', () => {
    expect(findRefundCancel({ cancels: [cancel({})] }, { id: ID, refundAmount: 6600 })?.transactionKey).toBe('tx-1');
  });

  it('ignores a cancel of another refund, a different amount, one not DONE, or one already recorded', () => {
    const other = cancel({ cancelReason: cancelReason('00000000-0000-4000-8000-000000000000', 'x') });
    expect(findRefundCancel({ cancels: [other] }, { id: ID, refundAmount: 6600 })).toBeNull();
    expect(findRefundCancel({ cancels: [cancel({ cancelAmount: 100 })] }, { id: ID, refundAmount: 6600 })).toBeNull();
    expect(findRefundCancel({ cancels: [cancel({ cancelStatus: 'IN_PROGRESS' })] }, { id: ID, refundAmount: 6600 })).toBeNull();
    expect(findRefundCancel({ cancels: [cancel({})] }, { id: ID, refundAmount: 6600 }, ['tx-1'])).toBeNull();
    expect(findRefundCancel({ cancels: [] }, { id: ID, refundAmount: 6600 })).toBeNull();
  });
});

describe('refund state machine', () => {
  it.each([
    ['approve', 'held', true],
    ['approve', 'pending', false],
    ['approve', 'failed', false],
    ['reject', 'held', true],
    ['reject', 'pending', true],
    ['reject', 'processing', false],
    ['reject', 'approved', false],
    ['retry', 'failed', true],
    ['retry', 'approved', false],
    ['retry', 'rejected', false],
  ] as const)('%s from %s: %s', (action, from, allowed) => {
    expect(canTransition(action, from)).toBe(allowed);
  });

  it('an invalid transition is a 409 INVALID_REFUND_TRANSITION', () => {
    expect(() => assertTransition('approve', 'approved')).toThrow(expect.objectContaining({ code: 'INVALID_REFUND_TRANSITION' }));
  });
});
