/**
 * The self-service refund policy, as a pure function of what the database says at the moment of
 * asking. Money and credits are integers; the refund is proportional to the purchased credits
 * that are still unused, rounded down to the won.
 */

export const REFUND_WINDOW_DAYS = 14;
export const YEARLY_LIMIT_DAYS = 365;
const DAY_MS = 24 * 60 * 60 * 1000;

export const REFUSAL_CODES = [
  'ALREADY_REFUNDED',
  'NOT_REFUNDABLE_STATUS',
  'REFUND_IN_PROGRESS',
  'OUTSIDE_WINDOW',
  'YEARLY_LIMIT',
  'CREDITS_USED',
  'AMOUNT_TOO_SMALL',
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

export interface LocalizedMessage {
  ko: string;
  en: string;
}

export const REFUSAL_MESSAGES: Record<RefusalCode, LocalizedMessage> = {
  ALREADY_REFUNDED: { ko: '이미 환불된 결제입니다.', en: 'This payment has already been refunded.' },
  NOT_REFUNDABLE_STATUS: { ko: '환불할 수 없는 상태의 결제입니다.', en: 'This payment is not in a refundable state.' },
  REFUND_IN_PROGRESS: { ko: '이미 처리 중인 환불 요청이 있습니다.', en: 'A refund request is already in progress.' },
  OUTSIDE_WINDOW: {
    ko: `결제 후 ${REFUND_WINDOW_DAYS}일이 지나 환불할 수 없습니다.`,
    en: `Refunds are possible only within ${REFUND_WINDOW_DAYS} days of payment.`,
  },
  YEARLY_LIMIT: { ko: '환불은 1년에 한 번만 가능합니다.', en: 'Only one refund is possible per year.' },
  CREDITS_USED: { ko: '이 결제로 받은 크레딧을 모두 사용하여 환불할 수 없습니다.', en: 'The credits of this purchase have all been used.' },
  AMOUNT_TOO_SMALL: { ko: '환불 가능한 금액이 없습니다.', en: 'The refundable amount rounds down to nothing.' },
};

export const ELIGIBLE_MESSAGE: LocalizedMessage = { ko: '환불을 요청할 수 있습니다.', en: 'This payment can be refunded.' };
export const HELD_MESSAGE: LocalizedMessage = {
  ko: '환불을 요청할 수 있습니다. 금액이 커서 담당자 검토 후 처리됩니다.',
  en: 'This payment can be refunded; because of the amount, support reviews the request first.',
};

export interface PolicyPayment {
  status: string;
  totalAmount: number;
  balanceAmount: number;
  approvedAt: Date | null;
  creditsGranted: number;
}

export interface RefundPolicyInput {
  payment: PolicyPayment;
  now: Date;
  /** The user's credit balance now. */
  creditBalance: number;
  /** An approved refund of this payment exists. */
  paymentRefunded: boolean;
  /** A pending, processing or held refund exists for this payment (or, see below, for the user). */
  refundOpen: boolean;
  /** When the user's latest approved refund was approved, if any. */
  lastApprovedRefundAt: Date | null;
  reviewThresholdWon: number;
}

export interface RefundDecision {
  eligible: boolean;
  reason?: RefusalCode;
  message: LocalizedMessage;
  /** Integer won; 0 when not eligible. */
  refundAmount: number;
  /** Credits to take back; 0 when not eligible. */
  refundableCredits: number;
  /** Above the review threshold: the request is held for support instead of processed. */
  heldForReview: boolean;
}

/** The unused credits of the purchase and their share of the price, rounded down. */
export function proportionalRefund(payment: Pick<PolicyPayment, 'totalAmount' | 'balanceAmount' | 'creditsGranted'>, creditBalance: number): { refundableCredits: number; refundAmount: number } {
  if (payment.creditsGranted <= 0) return { refundableCredits: 0, refundAmount: 0 };
  const refundableCredits = Math.max(0, Math.min(payment.creditsGranted, creditBalance));
  // Integers below 2^53: total ≤ 2^31 and credits ≤ 2^31, so the product is exact.
  const amount = Math.floor((payment.totalAmount * refundableCredits) / payment.creditsGranted);
  return { refundableCredits, refundAmount: Math.min(amount, payment.balanceAmount) };
}

const refuse = (reason: RefusalCode): RefundDecision => ({
  eligible: false,
  reason,
  message: REFUSAL_MESSAGES[reason],
  refundAmount: 0,
  refundableCredits: 0,
  heldForReview: false,
});

export function decideRefund(input: RefundPolicyInput): RefundDecision {
  const { payment, now } = input;
  if (input.paymentRefunded || payment.status === 'CANCELED' || payment.status === 'PARTIAL_CANCELED') return refuse('ALREADY_REFUNDED');
  if (payment.status !== 'DONE' || payment.approvedAt === null || payment.creditsGranted <= 0) return refuse('NOT_REFUNDABLE_STATUS');
  if (input.refundOpen) return refuse('REFUND_IN_PROGRESS');
  if (now.getTime() - payment.approvedAt.getTime() > REFUND_WINDOW_DAYS * DAY_MS) return refuse('OUTSIDE_WINDOW');
  if (input.lastApprovedRefundAt && now.getTime() - input.lastApprovedRefundAt.getTime() < YEARLY_LIMIT_DAYS * DAY_MS) return refuse('YEARLY_LIMIT');

  const { refundableCredits, refundAmount } = proportionalRefund(payment, input.creditBalance);
  if (refundableCredits === 0) return refuse('CREDITS_USED');
  if (refundAmount === 0) return refuse('AMOUNT_TOO_SMALL');
  const heldForReview = refundAmount > input.reviewThresholdWon;
  return { eligible: true, message: heldForReview ? HELD_MESSAGE : ELIGIBLE_MESSAGE, refundAmount, refundableCredits, heldForReview };
}

export interface OverrideInput {
  payment: Pick<PolicyPayment, 'status' | 'totalAmount' | 'balanceAmount' | 'creditsGranted'>;
  creditBalance: number;
  /** Credits already taken back by earlier refunds of this payment. */
  alreadyClawedBack: number;
  /** Won; default: everything still cancellable. */
  amount?: number;
}

export type OverrideDecision =
  | { ok: true; refundAmount: number; refundableCredits: number }
  | { ok: false; code: 'NOT_REFUNDABLE_STATUS' | 'INVALID_REFUND_AMOUNT'; message: string };

/**
 * A goodwill refund outside the policy: any amount up to what is still cancellable. The credits
 * taken back are the purchase's share of that amount (rounded up, so a refund never leaves paid-for
 * credits behind), limited to what the purchase granted minus earlier clawbacks and to the balance.
 */
export function decideOverride(input: OverrideInput): OverrideDecision {
  const { payment } = input;
  if ((payment.status !== 'DONE' && payment.status !== 'PARTIAL_CANCELED') || payment.balanceAmount <= 0) {
    return { ok: false, code: 'NOT_REFUNDABLE_STATUS', message: 'Nothing of this payment can be cancelled any more' };
  }
  const refundAmount = input.amount ?? payment.balanceAmount;
  if (!Number.isSafeInteger(refundAmount) || refundAmount <= 0 || refundAmount > payment.balanceAmount) {
    return { ok: false, code: 'INVALID_REFUND_AMOUNT', message: `amount must be 1-${payment.balanceAmount} won (what is still cancellable)` };
  }
  const share = payment.totalAmount > 0 ? Math.ceil((payment.creditsGranted * refundAmount) / payment.totalAmount) : 0;
  const remaining = Math.max(0, payment.creditsGranted - input.alreadyClawedBack);
  const refundableCredits = Math.max(0, Math.min(share, remaining, input.creditBalance));
  return { ok: true, refundAmount, refundableCredits };
}
