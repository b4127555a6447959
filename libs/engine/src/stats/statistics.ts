import type { TradeLog } from '../simulate';
import type { BacktestMetrics, DisplaySeries, OhlcvSeries } from '../types';
import { scratch, SCRATCH_PERIOD_RETURNS } from '../scratch';
import { calendarOf, type Calendar } from './calendar';
import { equityPass } from './drawdown';
import { betaOf, marketReturns } from './log-returns';
import { exposureBars, squaredDeviations, tradeStats } from './trade-stats';

export { logRatio } from './log-returns';

export interface StatisticsInput {
  series: OhlcvSeries;
  /** Equity at each bar's Close. */
  equity: Float64Array;
  /** Closed trades only (open trades count in equity, not in trade statistics). */
  trades: TradeLog;
  /** First bar on which every indicator is defined: the buy & hold reference bar. */
  warmupBar: number;
  /**
   * When set, also returns equity and drawdown downsampled to at most this many points (same
   * buckets as `downsampleEquityAndDrawdown`), computed in the same pass over the equity curve.
   */
  displayPoints?: number;
}

export interface StatisticsOutput {
  metrics: BacktestMetrics;
  periodsPerYear: number;
  display?: { equity: DisplaySeries; drawdown: DisplaySeries };
}

/** null for NaN and ±Infinity; -0 becomes 0 so that JSON output is stable. */
export function finiteOrNull(x: number): number | null {
  if (!Number.isFinite(x)) return null;
  return x === 0 ? 0 : x;
}

/**
 * All statistics of backtesting.py 0.6.6 (`compute_stats`) without Date objects: calendar periods
 * come from `calendarOf(time)` (cached per time axis). Each pass is its own small function so the
 * JIT optimises them independently.
 */
export function computeStatistics(input: StatisticsInput): StatisticsOutput {
  const { series, equity, trades, warmupBar, displayPoints } = input;
  const { time, close } = series;
  const n = equity.length;
  const calendar = calendarOf(time);
  const N = calendar.periodsPerYear;
  const eq0 = equity[0];
  const eqLast = equity[n - 1];

  const dd = equityPass(equity, time, calendar, displayPoints ?? 0);
  const beta = betaOf(equity, marketReturns(close));
  const periods = periodReturnStats(equity, calendar);
  const g = periods.geometricMean;
  const annReturn = Math.pow(1 + g, N) - 1;
  const volatility =
    Math.sqrt(Math.pow(periods.variance + Math.pow(1 + g, 2), N) - Math.pow(1 + g, 2 * N)) * 100;
  const returnAnnPct = annReturn * 100;

  // pandas Timedelta: whole days + seconds / 86400 (sub-second part ignored).
  const totalSeconds = Math.floor((time[n - 1] - time[0]) / 1000);
  const days = Math.floor(totalSeconds / 86_400);
  const years = (days + (totalSeconds - days * 86_400) / 86_400) / 365.25;
  const cagr = years ? (Math.pow(eqLast / eq0, 1 / years) - 1) * 100 : NaN;

  const returnPct = ((eqLast - eq0) / eq0) * 100;
  const buyHoldReturnPct = ((close[n - 1] - close[warmupBar]) / close[warmupBar]) * 100;
  const t = tradeStats(trades);
  const exposure = exposureBars(trades, n) / n;

  const metrics: BacktestMetrics = {
    equityFinal: finiteOrNull(eqLast),
    equityPeak: finiteOrNull(dd.equityPeak),
    returnPct: finiteOrNull(returnPct),
    buyHoldReturnPct: finiteOrNull(buyHoldReturnPct),
    returnAnnPct: finiteOrNull(returnAnnPct),
    volatilityAnnPct: finiteOrNull(volatility),
    cagrPct: finiteOrNull(cagr),
    sharpe: finiteOrNull(returnAnnPct / (volatility || NaN)),
    sortino: finiteOrNull(annReturn / (Math.sqrt(periods.downsideMeanSquare) * Math.sqrt(N))),
    calmar: finiteOrNull(annReturn / (dd.maxDrawdown || NaN)),
    maxDrawdownPct: finiteOrNull(-dd.maxDrawdown * 100),
    avgDrawdownPct: finiteOrNull(-dd.avgDrawdown * 100),
    maxDrawdownDurationDays: finiteOrNull(dd.maxDurationDays),
    trades: t.count,
    winRatePct: finiteOrNull(t.winRate * 100),
    bestTradePct: finiteOrNull(t.best * 100),
    worstTradePct: finiteOrNull(t.worst * 100),
    avgTradePct: finiteOrNull(t.geometricMean * 100),
    profitFactor: finiteOrNull(t.profitFactor),
    expectancyPct: finiteOrNull(t.meanReturn * 100),
    sqn: finiteOrNull(t.sqn),
    kelly: finiteOrNull(t.kelly),
    exposurePct: finiteOrNull(exposure * 100),
    alphaPct: finiteOrNull(returnPct - beta * buyHoldReturnPct),
    beta: finiteOrNull(beta),
  };
  const out: StatisticsOutput = { metrics, periodsPerYear: N };
  if (dd.display !== null) out.display = dd.display;
  return out;
}

interface PeriodReturnStats {
  /** exp(mean(log(1 + r))) − 1; 0 if any 1 + r ≤ 0; NaN without returns. */
  geometricMean: number;
  /** var(r, ddof = 1); NaN with fewer than two returns. */
  variance: number;
  /** mean(min(r, 0)²) over all returns. */
  downsideMeanSquare: number;
}

/** Returns of the last equity of each calendar period; undefined changes (0 → 0) are dropped. */
function periodReturnStats(equity: Float64Array, calendar: Calendar): PeriodReturnStats {
  const lastBars = calendar.periodLastBar;
  const periods = lastBars.length;
  const returns = scratch(SCRATCH_PERIOD_RETURNS, periods);
  let m = 0;
  let sum = 0;
  let downside = 0;
  let nonPositive = false;
  const first = equity[lastBars[0]];
  let prev = first;
  for (let k = 1; k < periods; k++) {
    const v = equity[lastBars[k]];
    const r = v / prev - 1;
    prev = v;
    if (r !== r) continue;
    returns[m++] = r;
    sum += r;
    // (r − |r|) / 2 is r when negative, else 0: exact, and no branch that daily returns mispredict.
    const loss = (r - Math.abs(r)) * 0.5;
    downside += loss * loss;
    if (r <= -1) nonPositive = true;
  }
  const ss = squaredDeviations(returns, m, sum / m);
  // Σ log(1 + r) telescopes to log(last / first) while every value is positive; a return of
  // −100 % makes the geometric mean 0 anyway (backtesting.py's rule).
  return {
    geometricMean: nonPositive ? 0 : m > 0 ? Math.exp(Math.log(prev / first) / m) - 1 : NaN,
    variance: m > 1 ? ss / (m - 1) : NaN,
    downsideMeanSquare: m > 0 ? downside / m : NaN,
  };
}
