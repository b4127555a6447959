/** Credits per backtest: a short range (≤ 365 days) costs 3, anything longer 10. */
export const BACKTEST_COST = { short: 3, long: 10 } as const;
export const SHORT_RANGE_DAYS = 365;

const DAY_MS = 86_400_000;

/** Length of [from, to] in days (fractional). */
export function rangeDays(from: Date | number, to: Date | number): number {
  return (Number(to) - Number(from)) / DAY_MS;
}

/** The price of a backtest over [from, to]: pure, so the quote and the charge always agree. */
export function backtestCost(from: Date | number, to: Date | number): number {
  return rangeDays(from, to) <= SHORT_RANGE_DAYS ? BACKTEST_COST.short : BACKTEST_COST.long;
}
