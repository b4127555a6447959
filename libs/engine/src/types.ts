import type { TradeRow } from './trade-rows';

/** Column-oriented OHLCV bars. `time` is epoch milliseconds (UTC), strictly increasing. */
export interface OhlcvSeries {
  time: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

export interface BacktestOptions {
  /** Starting cash (> 0). */
  cash: number;
  /** Relative commission rate charged on entry and again on exit, e.g. 0.002 for 0.2 %. */
  commission: number;
  /** Fixed cash amount charged per fill (entry and exit). Default 0. */
  commissionFixed: number;
  /** Relative bid-ask spread; worsens the entry price only. Default 0. */
  spread: number;
  /** Close trades still open after the last bar (at the last bar's Open) so they count in trade statistics. */
  finalize: boolean;
  /** Fill market orders at the signal bar's Close instead of the next bar's Open. */
  tradeOnClose: boolean;
  /** Allow any positive real position size (crypto) instead of whole units. */
  fractional: boolean;
  /** Maximum number of points in the returned equity and drawdown series. Default 1000. */
  downsamplePoints: number;
}

export const DEFAULT_BACKTEST_OPTIONS: BacktestOptions = {
  cash: 10_000,
  commission: 0,
  commissionFixed: 0,
  spread: 0,
  finalize: false,
  tradeOnClose: false,
  fractional: false,
  downsamplePoints: 1000,
};

export interface BacktestHooks {
  /** Called with 20 (indicators), 30 (simulating) and 80 (statistics) as each step starts. */
  onProgress?(pct: number, step: string): void;
  /** Polled between steps and periodically during the simulation; returning true aborts the run. */
  shouldCancel?(): boolean;
}

/** Every statistic is a finite number, or null where it is undefined (never NaN or Infinity). */
export interface BacktestMetrics {
  equityFinal: number | null;
  equityPeak: number | null;
  returnPct: number | null;
  buyHoldReturnPct: number | null;
  returnAnnPct: number | null;
  volatilityAnnPct: number | null;
  cagrPct: number | null;
  sharpe: number | null;
  sortino: number | null;
  calmar: number | null;
  maxDrawdownPct: number | null;
  avgDrawdownPct: number | null;
  maxDrawdownDurationDays: number | null;
  trades: number | null;
  winRatePct: number | null;
  bestTradePct: number | null;
  worstTradePct: number | null;
  avgTradePct: number | null;
  profitFactor: number | null;
  expectancyPct: number | null;
  sqn: number | null;
  kelly: number | null;
  exposurePct: number | null;
  alphaPct: number | null;
  beta: number | null;
}

export type MetricKey = keyof BacktestMetrics;

export const METRIC_KEYS: readonly MetricKey[] = [
  'equityFinal',
  'equityPeak',
  'returnPct',
  'buyHoldReturnPct',
  'returnAnnPct',
  'volatilityAnnPct',
  'cagrPct',
  'sharpe',
  'sortino',
  'calmar',
  'maxDrawdownPct',
  'avgDrawdownPct',
  'maxDrawdownDurationDays',
  'trades',
  'winRatePct',
  'bestTradePct',
  'worstTradePct',
  'avgTradePct',
  'profitFactor',
  'expectancyPct',
  'sqn',
  'kelly',
  'exposurePct',
  'alphaPct',
  'beta',
];

/** A closed trade. Times are epoch ms; `size` is negative for shorts; `returnPct` is in percent. */
export interface TradeRecord {
  entryTime: number;
  exitTime: number;
  entryBar: number;
  exitBar: number;
  entryPrice: number;
  exitPrice: number;
  size: number;
  pnl: number;
  returnPct: number;
  /** Entry plus exit commission, in cash. */
  commission: number;
}

/** A trade still open after the last bar (only when `finalize` is off, or opened by the final fill). */
export interface OpenTradeRecord {
  entryTime: number;
  entryBar: number;
  entryPrice: number;
  size: number;
  /** Unrealised PnL at the last Close, entry commission included. */
  pnl: number;
}

/** A display series: parallel arrays of epoch-ms times and values, at most `downsamplePoints` long. */
export interface DisplaySeries {
  t: number[];
  v: number[];
}

export interface BacktestResult {
  metrics: BacktestMetrics;
  /** Read-only rows over the run's trade columns; `toJSON()` / JSON.stringify give plain TradeRecords. */
  trades: TradeRow[];
  openTrade: OpenTradeRecord | null;
  /** Account equity (cash units) at each bar's Close, downsampled keeping extremes. */
  equity: DisplaySeries;
  /** Drawdown from the running equity peak, in percent (0 or negative), downsampled keeping extremes. */
  drawdown: DisplaySeries;
  info: {
    /** The strategy with all its parameters, e.g. `sma-cross(fast=10, slow=30, direction=long-short)`. */
    strategy: string;
    bars: number;
    /** Index of the first bar on which every indicator is defined. */
    warmupBar: number;
    /** First bar on which the strategy runs (warmupBar + 1). */
    startBar: number;
    periodsPerYear: number;
  };
}
