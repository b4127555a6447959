export const CREDIT_REASONS = [
  'signup_bonus',
  'purchase',
  'backtest_charge',
  'backtest_refund',
  'refund_clawback',
  'admin_adjustment',
] as const;
export type CreditReason = (typeof CREDIT_REASONS)[number];
