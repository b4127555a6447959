import { ArrayCache } from '../scratch';

/**
 * cov(log equity returns, log close returns) / var(log close returns), ddof 1 as numpy.cov. With
 * the market returns already centred (yc), Σ(x − x̄)(y − ȳ) = Σ x·yc − x̄·Σ yc. NaN once equity is not
 * positive (log(0) = −Infinity makes numpy's covariance NaN).
 */
export function betaOf(equity: Float64Array, market: MarketReturns): number {
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

/** Results of the last logReturnSums loop (module variables: see scanPeak in drawdown.ts). */
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

/** log(a/b) = 2·atanh(u) for |u| < 0.01 (u² < 1e-4): four terms of the series, truncation < u⁸/9. */
function nearOne(u: number, u2: number): number {
  return 2 * u * (1 + u2 * (C3 + u2 * (C5 + u2 * C7)));
}

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
    const x = nearOne(u, u2);
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
 * The same for any curve: five terms below |u| = 0.03 (truncation under u¹⁰/11 < 6e-17 relative),
 * logRatio (eight terms, or Math.log beyond ~22 %) for the rarer larger moves.
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
    // Five terms are exact to the last bit below |u| = 0.03 (daily moves under ~6 %, most days).
    let x = 2 * u * (1 + u2 * (C3 + u2 * (C5 + u2 * (C7 + u2 * C9))));
    if (u2 >= 9e-4) x = logRatio(e, prev);
    sumX += x;
    sumXY += x * yc[i - 1];
    prev = e;
  }
  sumsPositive = positive;
  sumsX = sumX;
  sumsXY = sumXY;
}

export interface MarketReturns {
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
export function marketReturns(close: Float64Array): MarketReturns {
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

/** Results of the loops below (module variables: see scanPeak in drawdown.ts). */
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
    const r = nearOne(u, u2);
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
  if (u2 < 1e-4) return nearOne(u, u2);
  if (u2 < 1e-2) {
    return 2 * u * (1 + u2 * (C3 + u2 * (C5 + u2 * (C7 + u2 * (C9 + u2 * (C11 + u2 * (C13 + u2 * C15)))))));
  }
  return Math.log(a / b);
}
