import type { CreditReason } from './credit-reasons';

/** The effect of one balance change: a signed ledger amount and the resulting balance. */
export interface BalanceChange {
  amount: number;
  balanceAfter: number;
}

export type ChangeRule =
  /** Add `amount` credits. */
  | { kind: 'credit'; amount: number }
  /** Take exactly `amount` credits, or refuse. */
  | { kind: 'debit'; amount: number }
  /** Take `amount` credits, or whatever is left when `allowPartial` (never below zero). */
  | { kind: 'clawback'; amount: number; allowPartial: boolean };

export type ChangeOutcome = { ok: true; change: BalanceChange | null } | { ok: false; balance: number; required: number };

/** Pure: what a change does to `balance`. `change: null` means nothing to record (a clawback of 0). */
export function applyChange(balance: number, rule: ChangeRule): ChangeOutcome {
  if (!Number.isSafeInteger(rule.amount) || rule.amount <= 0) throw new RangeError(`amount must be a positive integer, got ${rule.amount}`);
  if (rule.kind === 'credit') return { ok: true, change: { amount: rule.amount, balanceAfter: balance + rule.amount } };
  if (rule.amount <= balance) return { ok: true, change: { amount: -rule.amount, balanceAfter: balance - rule.amount } };
  if (rule.kind === 'clawback' && rule.allowPartial) {
    return { ok: true, change: balance === 0 ? null : { amount: -balance, balanceAfter: 0 } };
  }
  return { ok: false, balance, required: rule.amount };
}

export const GRANT_REASONS: readonly CreditReason[] = ['signup_bonus', 'purchase', 'backtest_refund', 'admin_adjustment'];
export const SPEND_REASONS: readonly CreditReason[] = ['backtest_charge', 'admin_adjustment'];
