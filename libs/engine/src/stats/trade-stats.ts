import type { TradeLog } from '../simulate';

export interface TradeStats {
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

export function tradeStats(trades: TradeLog): TradeStats {
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

/** Results of the last sumTrades (module variables: see scanPeak in drawdown.ts). */
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

/** Σ (values[k] − mean)² over the first `count` values. */
export function squaredDeviations(values: Float64Array, count: number, mean: number): number {
  let ss = 0;
  for (let k = 0; k < count; k++) {
    const d = values[k] - mean;
    ss += d * d;
  }
  return ss;
}

/** Bars from each trade's entry bar through its exit bar, inclusive, counted once. */
export function exposureBars(trades: TradeLog, n: number): number {
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
