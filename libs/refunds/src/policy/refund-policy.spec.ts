import { REFUSAL_CODES, REFUSAL_MESSAGES, decideOverride, decideRefund, proportionalRefund, type RefundPolicyInput } from './refund-policy';

const DAY = 24 * 60 * 60 * 1000;
const NOW = new Date('2025-06-15T12:00:00Z');
const daysAgo = (d: number) => new Date(NOW.getTime() - d * DAY);

/** A 30-credit purchase for 9 900 won, approved yesterday, all credits unused, nothing else going on. */
function freshPurchase(overrides: Partial<RefundPolicyInput> = {}, payment: Partial<RefundPolicyInput['payment']> = {}): RefundPolicyInput {
  return {
    payment: { status: 'DONE', totalAmount: 9900, balanceAmount: 9900, approvedAt: daysAgo(1), creditsGranted: 30, ...payment },
    now: NOW,
    creditBalance: 30,
    paymentRefunded: false,
    refundOpen: false,
    lastApprovedRefundAt: null,
    reviewThresholdWon: 100_000,
    ...overrides,
  };
}

describe('decideRefund', () => {
  it('an untouched purchase of yesterday is refunded in full', () => {
    expect(decideRefund(freshPurchase())).toEqual({
      eligible: true,
      message: expect.objectContaining({ ko: expect.any(String), en: expect.any(String) }),
      refundAmount: 9900,
      refundableCredits: 30,
      heldForReview: false,
    });
  });

  it('a buyer who used 10 of 30 credits gets 20/30 of the price back, rounded down', () => {
    const d = decideRefund(freshPurchase({ creditBalance: 20 }));
    expect(d).toMatchObject({ eligible: true, refundableCredits: 20, refundAmount: 6600 });
  });

  it('rounds down to the won: 100 credits for 29 000 won with 33 left gives 9 570', () => {
    const d = decideRefund(freshPurchase({ creditBalance: 33 }, { totalAmount: 29000, balanceAmount: 29000, creditsGranted: 100 }));
    expect(d).toMatchObject({ eligible: true, refundableCredits: 33, refundAmount: 9570 });
  });

  it('a balance larger than the purchase (other credits) refunds only this purchase', () => {
    expect(decideRefund(freshPurchase({ creditBalance: 500 }))).toMatchObject({ refundableCredits: 30, refundAmount: 9900 });
  });

  it('a buyer who spent every credit is refused with CREDITS_USED', () => {
    expect(decideRefund(freshPurchase({ creditBalance: 0 }))).toMatchObject({ eligible: false, reason: 'CREDITS_USED', refundAmount: 0, refundableCredits: 0 });
  });

  it('one credit left of a cheap package that rounds to 0 won is refused with AMOUNT_TOO_SMALL', () => {
    const d = decideRefund(freshPurchase({ creditBalance: 1 }, { totalAmount: 50, balanceAmount: 50, creditsGranted: 100 }));
    expect(d).toMatchObject({ eligible: false, reason: 'AMOUNT_TOO_SMALL' });
  });

  it('exactly 14 days after approval is still inside the window', () => {
    expect(decideRefund(freshPurchase({}, { approvedAt: daysAgo(14) })).eligible).toBe(true);
  });

  it('14 days and one second after approval is OUTSIDE_WINDOW', () => {
    const approvedAt = new Date(daysAgo(14).getTime() - 1000);
    expect(decideRefund(freshPurchase({}, { approvedAt }))).toMatchObject({ eligible: false, reason: 'OUTSIDE_WINDOW' });
  });

  it('a refund approved 200 days ago blocks another with YEARLY_LIMIT', () => {
    expect(decideRefund(freshPurchase({ lastApprovedRefundAt: daysAgo(200) }))).toMatchObject({ eligible: false, reason: 'YEARLY_LIMIT' });
  });

  it('a refund approved 366 days ago no longer counts', () => {
    expect(decideRefund(freshPurchase({ lastApprovedRefundAt: daysAgo(366) })).eligible).toBe(true);
  });

  it('a payment with an approved refund is ALREADY_REFUNDED', () => {
    expect(decideRefund(freshPurchase({ paymentRefunded: true }))).toMatchObject({ eligible: false, reason: 'ALREADY_REFUNDED' });
  });

  it.each(['CANCELED', 'PARTIAL_CANCELED'])('a %s payment is ALREADY_REFUNDED', (status) => {
    expect(decideRefund(freshPurchase({}, { status }))).toMatchObject({ eligible: false, reason: 'ALREADY_REFUNDED' });
  });

  it.each(['READY', 'IN_PROGRESS', 'WAITING_FOR_DEPOSIT', 'ABORTED', 'EXPIRED'])('a %s payment is NOT_REFUNDABLE_STATUS', (status) => {
    expect(decideRefund(freshPurchase({}, { status }))).toMatchObject({ eligible: false, reason: 'NOT_REFUNDABLE_STATUS' });
  });

  it('a payment that granted no credits is NOT_REFUNDABLE_STATUS', () => {
    expect(decideRefund(freshPurchase({}, { creditsGranted: 0 }))).toMatchObject({ eligible: false, reason: 'NOT_REFUNDABLE_STATUS' });
  });

  it('a payment without an approval time is NOT_REFUNDABLE_STATUS', () => {
    expect(decideRefund(freshPurchase({}, { approvedAt: null }))).toMatchObject({ eligible: false, reason: 'NOT_REFUNDABLE_STATUS' });
  });

  it('an open request is REFUND_IN_PROGRESS, before the window is even looked at', () => {
    expect(decideRefund(freshPurchase({ refundOpen: true }, { approvedAt: daysAgo(40) }))).toMatchObject({ eligible: false, reason: 'REFUND_IN_PROGRESS' });
  });

  it('a refund above the review threshold is eligible but held for review', () => {
    const d = decideRefund(freshPurchase({ creditBalance: 350 }, { totalAmount: 99000, balanceAmount: 99000, creditsGranted: 350 }));
    expect(d).toMatchObject({ eligible: true, heldForReview: false });
    const held = decideRefund(freshPurchase({ creditBalance: 350, reviewThresholdWon: 50_000 }, { totalAmount: 99000, balanceAmount: 99000, creditsGranted: 350 }));
    expect(held).toMatchObject({ eligible: true, heldForReview: true, refundAmount: 99000 });
    expect(held.message.en).toMatch(/review/);
  });

  it('a refund exactly at the threshold is not held', () => {
    expect(decideRefund(freshPurchase({ reviewThresholdWon: 9900 })).heldForReview).toBe(false);
  });

  it('every refusal code has a Korean and an English message', () => {
    for (const code of REFUSAL_CODES) {
      expect(REFUSAL_MESSAGES[code].ko).toMatch(/[가-힣]/);
      expect(REFUSAL_MESSAGES[code].en.length).toBeGreaterThan(5);
    }
  });
});

describe('proportionalRefund', () => {
  it('never refunds more than the cancellable balance', () => {
    expect(proportionalRefund({ totalAmount: 9900, balanceAmount: 5000, creditsGranted: 30 }, 30)).toEqual({ refundableCredits: 30, refundAmount: 5000 });
  });

  it('a negative balance refunds nothing', () => {
    expect(proportionalRefund({ totalAmount: 9900, balanceAmount: 9900, creditsGranted: 30 }, -5)).toEqual({ refundableCredits: 0, refundAmount: 0 });
  });
});

describe('decideOverride', () => {
  const payment = { status: 'DONE', totalAmount: 9900, balanceAmount: 9900, creditsGranted: 30 };

  it('a goodwill refund of a fully used purchase gives everything back and takes no credits', () => {
    expect(decideOverride({ payment, creditBalance: 0, alreadyClawedBack: 0 })).toEqual({ ok: true, refundAmount: 9900, refundableCredits: 0 });
  });

  it('a partial goodwill amount takes back its share of credits, rounded up', () => {
    expect(decideOverride({ payment, creditBalance: 30, alreadyClawedBack: 0, amount: 1000 })).toEqual({ ok: true, refundAmount: 1000, refundableCredits: 4 });
  });

  it('never takes back more than the purchase granted minus earlier clawbacks', () => {
    const partial = { ...payment, status: 'PARTIAL_CANCELED', balanceAmount: 3300 };
    expect(decideOverride({ payment: partial, creditBalance: 100, alreadyClawedBack: 25 })).toEqual({ ok: true, refundAmount: 3300, refundableCredits: 5 });
  });

  it('an amount above what is still cancellable is INVALID_REFUND_AMOUNT', () => {
    expect(decideOverride({ payment, creditBalance: 30, alreadyClawedBack: 0, amount: 9901 })).toMatchObject({ ok: false, code: 'INVALID_REFUND_AMOUNT' });
  });

  it('a fully cancelled payment is NOT_REFUNDABLE_STATUS', () => {
    expect(decideOverride({ payment: { ...payment, status: 'CANCELED', balanceAmount: 0 }, creditBalance: 30, alreadyClawedBack: 0 })).toMatchObject({
      ok: false,
      code: 'NOT_REFUNDABLE_STATUS',
    });
  });
});
