import type { TradeLog } from '../simulate';
import { emitPair } from '../downsample';
import type { BacktestMetrics, DisplaySeries, OhlcvSeries } from '../types';
import { ArrayCache, scratch, SCRATCH_PERIOD_RETURNS } from '../scratch';
import { calendarOf, type Calendar } from './calendar';

const DAY_MS = 86_400_000;

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

interface EquityPassStats {
  display: { equity: DisplaySeries; drawdown: DisplaySeries } | null;
  equityPeak: number;
  /** Deepest drawdown as a fraction (0.48 = 48 %). */
  maxDrawdown: number;
  /** Mean of the deepest point of each episode, as a fraction; NaN without drawdown. */
  avgDrawdown: number;
  maxDurationDays: number;
}

/**
 * One pass over the equity curve for drawdown = 1 − equity / running peak and its episodes, and the
 * display series. Episodes run between bars at zero drawdown (backtesting.py pairs consecutive
 * zero-drawdown bars plus the last bar, keeping pairs more than one bar apart), so an episode still
 * open at the end counts; durations are rounded up to the data's resolution. (Beta has a loop of its
 * own: V8 compiles the two simpler loops to faster code than one loop doing both.)
 */
function equityPass(
  equity: Float64Array,
  time: Float64Array,
  calendar: Calendar,
  displayPoints: number,
): EquityPassStats {
  const n = equity.length;
  const display =
    displayPoints > 0
      ? {
          equity: { t: [] as number[], v: [] as number[] },
          drawdown: { t: [] as number[], v: [] as number[] },
        }
      : null;
  if (display === null) {
    scanDrawdown(equity, time);
    // The episode under way at the last bar, if any: its deepest point.
    scanEpisodeMax = scanLow < Infinity ? 1 - scanLow / scanPeak : 0;
    if (scanEpisodeMax > scanMaxDd) scanMaxDd = scanEpisodeMax;
  } else scanEquity(equity, time, displayPoints, display);
  const peak = scanPeak;
  const lastZero = scanLastZero;
  let episodes = scanEpisodes;
  let episodePeakSum = scanEpisodePeakSum;
  let maxDurationMs = scanMaxDurationMs;
  let avgDd = NaN;
  const lastDd = n > 0 ? 1 - equity[n - 1] / peak : 0;
  if (lastDd !== 0 && lastZero >= 0) {
    if (n - 1 > lastZero + 1) {
      episodes++;
      episodePeakSum += scanEpisodeMax;
      const duration = time[n - 1] - time[lastZero];
      if (duration > maxDurationMs) maxDurationMs = duration;
    } else if (episodes === 0) {
      // pandas averages the drawdown values themselves when there is no episode: only this bar.
      avgDd = lastDd;
      maxDurationMs = time[n - 1] - time[lastZero];
    }
  }
  if (episodes > 0) avgDd = episodePeakSum / episodes;
  const res = calendar.resolutionMs;
  return {
    equityPeak: peak,
    maxDrawdown: scanMaxDd,
    avgDrawdown: avgDd,
    maxDurationDays: maxDurationMs >= 0 ? (Math.ceil(maxDurationMs / res) * res) / DAY_MS : NaN,
    display,
  };
}

/**
 * What the last `scanEquity` found. Module variables on purpose: V8 compiles a million-bar loop
 * while it runs (on-stack replacement), before the code after the loop has run, and that code then
 * throws the compiled loop away whenever it needs type feedback it lacks — a named or keyed store,
 * a call, even arithmetic — and a process can end up doing so on every run. Storing to module
 * variables needs none. Hot loops here end with such stores (or return one local).
 */
let scanPeak = 0;
let scanMaxDd = 0;
let scanLow = Infinity;
let scanLastZero = -1;
let scanEpisodeMax = 0;
let scanEpisodes = 0;
let scanEpisodePeakSum = 0;
let scanMaxDurationMs = 0;

/**
 * scanEquity without display points, with one division per drawdown episode instead of one per bar:
 * within an episode the peak is constant and the drawdown falls as equity rises, so its deepest
 * point is 1 − (its lowest equity) / peak, the same number the per-bar maximum gives.
 */
function scanDrawdown(equity: Float64Array, time: Float64Array): void {
  const n = equity.length;
  let peak = -Infinity;
  let maxDd = 0;
  let lastZero = -1;
  let episodes = 0;
  let episodePeakSum = 0;
  let maxDurationMs = -Infinity;
  /** Lowest equity since the last bar at the peak, or Infinity if there was none below it. */
  let low = Infinity;
  for (let i = 0; i < n; i++) {
    const e = equity[i];
    if (e < peak) {
      if (e < low) low = e;
    } else {
      if (low < Infinity) {
        const deepest = 1 - low / peak;
        if (deepest > maxDd) maxDd = deepest;
        episodes++;
        episodePeakSum += deepest;
        const duration = time[i] - time[lastZero];
        if (duration > maxDurationMs) maxDurationMs = duration;
        low = Infinity;
      }
      peak = e;
      lastZero = i;
    }
  }
  scanPeak = peak;
  scanMaxDd = maxDd;
  scanLow = low;
  scanLastZero = lastZero;
  scanEpisodes = episodes;
  scanEpisodePeakSum = episodePeakSum;
  scanMaxDurationMs = maxDurationMs;
}

/** The bar loop of equityPass: drawdown episodes, and the display points into `display`. */
function scanEquity(
  equity: Float64Array,
  time: Float64Array,
  displayPoints: number,
  display: { equity: DisplaySeries; drawdown: DisplaySeries } | null,
): void {
  const n = equity.length;
  let peak = -Infinity;
  let maxDd = 0;
  let lastZero = -1;
  let episodeMax = 0;
  let episodes = 0;
  let episodePeakSum = 0;
  let maxDurationMs = -Infinity;

  // Display: min/max buckets as in downsampleMinMax, tracked in locals (this loop is the hot one).
  const keepAll = display !== null && n <= displayPoints;
  const buckets =
    display !== null && !keepAll && displayPoints >= 4 ? Math.floor((displayPoints - 2) / 2) : 0;
  const inner = n - 2;
  let bucket = 0;
  let bucketEnd = buckets > 0 ? 1 + Math.floor(inner / buckets) : -1;
  let eMin = Infinity;
  let eMax = -Infinity;
  let dMin = Infinity;
  let dMax = -Infinity;
  let eMinI = -1;
  let eMaxI = -1;
  let dMinI = -1;
  let dMaxI = -1;

  // Segments: the whole curve without display; otherwise single bars that are kept (the first, the
  // last, or all of a short curve) and the min/max buckets between them.
  let i = 0;
  while (i < n) {
    let end = n;
    let track = false;
    let keep = false;
    if (display !== null) {
      if (keepAll || i === 0 || i === n - 1) {
        end = i + 1;
        keep = true;
      } else if (buckets > 0) {
        end = bucketEnd;
        track = true;
      } else end = n - 1;
    }
    for (; i < end; i++) {
      const e = equity[i];
      if (e > peak) peak = e;
      const dd = 1 - e / peak;
      if (dd === 0) {
        if (lastZero >= 0 && i > lastZero + 1) {
          episodes++;
          episodePeakSum += episodeMax;
          const duration = time[i] - time[lastZero];
          if (duration > maxDurationMs) maxDurationMs = duration;
        }
        lastZero = i;
        episodeMax = 0;
      } else {
        if (dd > episodeMax) episodeMax = dd;
        if (dd > maxDd) maxDd = dd;
      }
      if (track) {
        const d = dd === 0 ? 0 : -dd * 100;
        if (e < eMin) {
          eMin = e;
          eMinI = i;
        }
        if (e > eMax) {
          eMax = e;
          eMaxI = i;
        }
        if (d < dMin) {
          dMin = d;
          dMinI = i;
        }
        if (d > dMax) {
          dMax = d;
          dMaxI = i;
        }
      }
    }
    if (display === null) continue;
    if (keep) {
      const e = equity[i - 1];
      const dd = 1 - e / peak;
      pushPoint(display.equity, time[i - 1], e);
      pushPoint(display.drawdown, time[i - 1], dd === 0 ? 0 : -dd * 100);
    } else if (track) {
      emitPair(display.equity, time, eMinI, eMin, eMaxI, eMax);
      emitPair(display.drawdown, time, dMinI, dMin, dMaxI, dMax);
      eMin = dMin = Infinity;
      eMax = dMax = -Infinity;
      bucket++;
      bucketEnd = 1 + Math.floor(((bucket + 1) * inner) / buckets);
    }
  }
  scanPeak = peak;
  scanMaxDd = maxDd;
  scanLastZero = lastZero;
  scanEpisodeMax = episodeMax;
  scanEpisodes = episodes;
  scanEpisodePeakSum = episodePeakSum;
  scanMaxDurationMs = maxDurationMs;
}

function pushPoint(s: DisplaySeries, t: number, v: number): void {
  s.t.push(t);
  s.v.push(v);
}

/**
 * cov(log equity returns, log close returns) / var(log close returns), ddof 1 as numpy.cov. With
 * the market returns already centred (yc), Σ(x − x̄)(y − ȳ) = Σ x·yc − x̄·Σ yc. NaN once equity is not
 * positive (log(0) = −Infinity makes numpy's covariance NaN).
 */
function betaOf(equity: Float64Array, market: MarketReturns): number {
  const m = equity.length - 1;
  if (m < 2) return NaN;
  const sums = logReturnSums(equity, market);
  if (sums === null) return NaN;
  return (sums.xy - (sums.x / m) * market.sum) / market.sumSquares;
}

/** Σ x and Σ x·y over x = log(equity[i] / equity[i − 1]), y = yc[i − 1]; null if equity is ever ≤ 0. */
function logReturnSums(equity: Float64Array, market: MarketReturns): { x: number; xy: number } | null {
  // Intraday curves move little from bar to bar: try the cheaper loop first when the market did.
  const near1 = !market.largeMoves && logReturnSumsNear1(equity, market.centered);
  if (!near1) logReturnSumsWide(equity, market.centered);
  return sumsPositive ? { x: sumsX, xy: sumsXY } : null;
}

/** Results of the last logReturnSums loop (module variables: see `scanPeak`). */
let sumsPositive = false;
let sumsX = 0;
let sumsXY = 0;

const C3 = 1 / 3;
const C5 = 1 / 5;
const C7 = 1 / 7;
const C9 = 1 / 9;
const C11 = 1 / 11;
const C13 = 1 / 13;
const C15 = 1 / 15;

/**
 * The loop of `logReturnSums` for curves whose bar-to-bar changes are all below about 2 %
 * (|u| < 0.01, see logRatio): four terms of the series, multiplications only, no branch that
 * depends on the data. False (and nothing stored) if a change was larger.
 */
function logReturnSumsNear1(equity: Float64Array, yc: Float64Array): boolean {
  const n = equity.length;
  let prev = equity[0];
  let positive = prev > 0;
  let large = false;
  let sumX = 0;
  let sumXY = 0;
  for (let i = 1; i < n; i++) {
    const e = equity[i];
    if (!(e > 0)) positive = false;
    const u = (e - prev) / (e + prev);
    const u2 = u * u;
    if (u2 >= 1e-4) large = true;
    const x = 2 * u * (1 + u2 * (C3 + u2 * (C5 + u2 * C7)));
    sumX += x;
    sumXY += x * yc[i - 1];
    prev = e;
  }
  sumsPositive = positive;
  sumsX = sumX;
  sumsXY = sumXY;
  return !large;
}

/**
 * The same for any curve: eight terms below |u| = 0.1 (a change of about 22 %, truncation under
 * u¹⁶/17 < 6e-18 relative), so that daily curves rarely branch to Math.log.
 */
function logReturnSumsWide(equity: Float64Array, yc: Float64Array): void {
  const n = equity.length;
  let prev = equity[0];
  let positive = prev > 0;
  let sumX = 0;
  let sumXY = 0;
  for (let i = 1; i < n; i++) {
    const e = equity[i];
    if (!(e > 0)) positive = false;
    const u = (e - prev) / (e + prev);
    const u2 = u * u;
    const x =
      u2 < 1e-2
        ? 2 * u * (1 + u2 * (C3 + u2 * (C5 + u2 * (C7 + u2 * (C9 + u2 * (C11 + u2 * (C13 + u2 * C15)))))))
        : Math.log(e / prev);
    sumX += x;
    sumXY += x * yc[i - 1];
    prev = e;
  }
  sumsPositive = positive;
  sumsX = sumX;
  sumsXY = sumXY;
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
    if (r <= -1) nonPositive = true;
  }
  const mean = sum / m;
  let ss = 0;
  let downside = 0;
  for (let k = 0; k < m; k++) {
    const r = returns[k];
    const d = r - mean;
    ss += d * d;
    // (r − |r|) / 2 is r when negative, else 0: exact, and no branch that daily returns mispredict.
    const loss = (r - Math.abs(r)) * 0.5;
    downside += loss * loss;
  }
  // Σ log(1 + r) telescopes to log(last / first) while every value is positive; a return of
  // −100 % makes the geometric mean 0 anyway (backtesting.py's rule).
  return {
    geometricMean: nonPositive ? 0 : m > 0 ? Math.exp(Math.log(prev / first) / m) - 1 : NaN,
    variance: m > 1 ? ss / (m - 1) : NaN,
    downsideMeanSquare: m > 0 ? downside / m : NaN,
  };
}

interface TradeStats {
  count: number;
  winRate: number;
  best: number;
  worst: number;
  geometricMean: number;
  meanReturn: number;
  profitFactor: number;
  sqn: number;
  kelly: number;
}

function tradeStats(trades: TradeLog): TradeStats {
  const count = trades.count;
  sumTrades(trades.pnl, trades.returnPct, count);
  const pnlMean = tPnlSum / count;
  const ss = squaredDeviations(trades.pnl, count, pnlMean);
  const pnlStd = count > 1 ? Math.sqrt(ss / (count - 1)) : NaN;
  const winRate = count > 0 ? tWins / count : NaN;
  const avgWin = tWins > 0 ? tWinSum / tWins : NaN;
  const avgLoss = tLosses > 0 ? tLossSum / tLosses : NaN;
  return {
    count,
    winRate,
    best: count > 0 ? tBest : NaN,
    worst: count > 0 ? tWorst : NaN,
    geometricMean: tNonPositive ? 0 : count > 0 ? Math.exp(tLogSum / count) - 1 : NaN,
    meanReturn: tRetSum / count,
    profitFactor: tPosRet / (Math.abs(tNegRet) || NaN),
    sqn: (Math.sqrt(count) * pnlMean) / (pnlStd || NaN),
    kelly: winRate - (1 - winRate) / (avgWin / -avgLoss),
  };
}

/** Results of the last sumTrades (module variables: see `scanPeak`). */
let tWins = 0;
let tWinSum = 0;
let tLosses = 0;
let tLossSum = 0;
let tPnlSum = 0;
let tRetSum = 0;
let tPosRet = 0;
let tNegRet = 0;
let tBest = 0;
let tWorst = 0;
let tLogSum = 0;
let tNonPositive = false;

function sumTrades(pnl: Float64Array, returns: Float64Array, count: number): void {
  let wins = 0;
  let winSum = 0;
  let losses = 0;
  let lossSum = 0;
  let pnlSum = 0;
  let retSum = 0;
  let posRet = 0;
  let negRet = 0;
  let best = -Infinity;
  let worst = Infinity;
  let logSum = 0;
  let nonPositive = false;
  for (let k = 0; k < count; k++) {
    const p = pnl[k];
    const r = returns[k];
    pnlSum += p;
    retSum += r;
    if (p > 0) {
      wins++;
      winSum += p;
    } else if (p < 0) {
      losses++;
      lossSum += p;
    }
    if (r > 0) posRet += r;
    else if (r < 0) negRet += r;
    if (r > best) best = r;
    if (r < worst) worst = r;
    if (1 + r <= 0) nonPositive = true;
    else logSum += Math.log(1 + r);
  }
  tWins = wins;
  tWinSum = winSum;
  tLosses = losses;
  tLossSum = lossSum;
  tPnlSum = pnlSum;
  tRetSum = retSum;
  tPosRet = posRet;
  tNegRet = negRet;
  tBest = best;
  tWorst = worst;
  tLogSum = logSum;
  tNonPositive = nonPositive;
}

function squaredDeviations(values: Float64Array, count: number, mean: number): number {
  let ss = 0;
  for (let k = 0; k < count; k++) {
    const d = values[k] - mean;
    ss += d * d;
  }
  return ss;
}

/** Bars from each trade's entry bar through its exit bar, inclusive, counted once. */
function exposureBars(trades: TradeLog, n: number): number {
  const { entryBar, exitBar, count } = trades;
  let sorted = true;
  for (let k = 1; k < count; k++) if (entryBar[k] < entryBar[k - 1]) sorted = false;
  let covered = 0;
  if (!sorted) {
    const marks = new Uint8Array(n);
    for (let k = 0; k < count; k++) marks.fill(1, entryBar[k], exitBar[k] + 1);
    for (let i = 0; i < n; i++) covered += marks[i];
    return covered;
  }
  let lastCovered = -1;
  for (let k = 0; k < count; k++) {
    const from = entryBar[k] > lastCovered ? entryBar[k] : lastCovered + 1;
    const to = exitBar[k];
    if (to >= from) covered += to - from + 1;
    if (to > lastCovered) lastCovered = to;
  }
  return covered;
}

interface MarketReturns {
  /** Log returns of Close, minus their mean. */
  centered: Float64Array;
  /** Sum of `centered` (rounding residue, ~0) and of its squares. */
  sum: number;
  sumSquares: number;
  /** Whether any bar-to-bar change is 2 % or more (see logReturnSums). */
  largeMoves: boolean;
}

const marketCache = new ArrayCache<MarketReturns>();

/** Demeaned log returns of a Close array, cached per array (shared by all runs on a series). */
function marketReturns(close: Float64Array): MarketReturns {
  return marketCache.get(close, () => {
    const m = close.length - 1;
    const centered = new Float64Array(m > 0 ? m : 0);
    // Intraday closes move less than 2 % from bar to bar: four terms of the series, no branches.
    if (!closeLogReturnsNear1(close, centered)) closeLogReturns(close, centered);
    const largeMoves = returnsLarge;
    const mean = returnsSum / m;
    centerReturns(centered, mean);
    return { centered, sum: centeredSum, sumSquares: centeredSquares, largeMoves };
  });
}

/** Results of the loops below (module variables: see scanPeak). */
let returnsSum = 0;
let returnsLarge = false;
let centeredSum = 0;
let centeredSquares = 0;

/** logRatio(close[i + 1], close[i]) into out[i] while every change is below ~2 %; false at a larger one. */
function closeLogReturnsNear1(close: Float64Array, out: Float64Array): boolean {
  const m = close.length - 1;
  let sum = 0;
  let large = false;
  let prev = close[0];
  for (let i = 0; i < m; i++) {
    const c = close[i + 1];
    const u = (c - prev) / (c + prev);
    const u2 = u * u;
    if (u2 >= 1e-4) large = true;
    const r = 2 * u * (1 + u2 * (C3 + u2 * (C5 + u2 * C7)));
    out[i] = r;
    sum += r;
    prev = c;
  }
  returnsSum = sum;
  returnsLarge = large;
  return !large;
}

function closeLogReturns(close: Float64Array, out: Float64Array): void {
  const m = close.length - 1;
  let sum = 0;
  for (let i = 0; i < m; i++) {
    const r = logRatio(close[i + 1], close[i]);
    out[i] = r;
    sum += r;
  }
  returnsSum = sum;
  returnsLarge = true;
}

function centerReturns(values: Float64Array, mean: number): void {
  const m = values.length;
  let residue = 0;
  let ss = 0;
  for (let i = 0; i < m; i++) {
    const d = values[i] - mean;
    values[i] = d;
    residue += d;
    ss += d * d;
  }
  centeredSum = residue;
  centeredSquares = ss;
}

/**
 * log(a / b) for positive a, b. Near 1 it uses log(a/b) = 2·atanh(u), u = (a − b)/(a + b), as a
 * short series: as accurate as Math.log and several times cheaper, which matters for per-bar log
 * returns on million-bar series. Below |u| = 0.01 (a change of about 2 %) four terms leave a
 * truncation error under u⁸/9 < 2e-17 relative; below 0.1, eight terms (as logReturnSumsWide).
 */
export function logRatio(a: number, b: number): number {
  const u = (a - b) / (a + b);
  const u2 = u * u;
  if (u2 < 1e-4) return 2 * u * (1 + u2 * (C3 + u2 * (C5 + u2 * C7)));
  if (u2 < 1e-2) {
    return 2 * u * (1 + u2 * (C3 + u2 * (C5 + u2 * (C7 + u2 * (C9 + u2 * (C11 + u2 * (C13 + u2 * C15)))))));
  }
  return Math.log(a / b);
}
