import { backtestCost, rangeDays } from './backtest-cost';

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe('backtestCost', () => {
  it('charges 3 credits for a range of a few months', () => {
    expect(backtestCost(day('2020-01-01'), day('2020-04-01'))).toBe(3);
  });

  it('charges 3 credits for exactly 365 days', () => {
    expect(rangeDays(day('2021-01-01'), day('2022-01-01'))).toBe(365);
    expect(backtestCost(day('2021-01-01'), day('2022-01-01'))).toBe(3);
  });

  it('charges 10 credits as soon as the range is longer than 365 days', () => {
    expect(backtestCost(day('2020-01-01'), day('2021-01-01'))).toBe(10); // 366 days, leap year
    expect(backtestCost(day('2021-01-01').getTime(), day('2022-01-01').getTime() + 1)).toBe(10);
  });

  it('charges 10 credits for decades of daily bars', () => {
    expect(backtestCost(day('2000-01-03'), day('2024-12-31'))).toBe(10);
  });
});
