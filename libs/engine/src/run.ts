import { downsampleEquityAndDrawdown } from './downsample';
import { BacktestCancelledError, EngineError } from './errors';
import { IndicatorCache } from './indicators';
import { compileRules, rulesWarmupBar } from './rules/compile';
import { scratch, SCRATCH_EQUITY } from './scratch';
import { assertValidSeries } from './series';
import { emptyTradeLog, simulate } from './simulate';
import { computeStatistics } from './stats/statistics';
import type { CompiledStrategy } from './strategy';
import {
  parseStrategySpec,
  resolveOptions,
  type BacktestOptionsInput,
  type StrategySpec,
} from './strategy.schema';
import { TEMPLATES } from './templates';
import { tradeRows } from './trade-rows';
import { label } from './templates/common';
import type { BacktestHooks, BacktestMetrics, BacktestOptions, BacktestResult, OhlcvSeries } from './types';
import { WARM_UP_BARS, WARM_UP_STRATEGIES, warmUpSeries } from './warm-up';

/**
 * Runs one backtest. `strategy` is validated (defaults applied), `options` are validated and
 * defaulted, the series is checked. Throws EngineError on bad input, BacktestCancelledError when
 * `hooks.shouldCancel()` returns true. Pure and deterministic: no I/O, no clock, no randomness.
 */
export function runBacktest(
  series: OhlcvSeries,
  strategy: unknown,
  options?: BacktestOptionsInput,
  hooks?: BacktestHooks,
): BacktestResult {
  warmUpOnce();
  const spec = parseStrategySpec(strategy);
  const opts = resolveOptions(options);
  assertValidSeries(series);
  const cancelled = (): boolean => hooks?.shouldCancel?.() === true;

  hooks?.onProgress?.(20, 'indicators');
  if (cancelled()) throw new BacktestCancelledError();
  const cache = new IndicatorCache(series);
  try {
    return runPrepared(series, spec, opts, cache, hooks);
  } finally {
    cache.release();
  }
}

function runPrepared(
  series: OhlcvSeries,
  spec: StrategySpec,
  opts: BacktestOptions,
  cache: IndicatorCache,
  hooks: BacktestHooks | undefined,
): BacktestResult {
  const cancelled = (): boolean => hooks?.shouldCancel?.() === true;
  const prepared = prepareStrategy(spec, cache);

  hooks?.onProgress?.(30, 'simulating');
  if (cancelled()) throw new BacktestCancelledError();
  const n = series.close.length;
  // Per-bar arrays live in reusable scratch buffers; only downsampled copies leave this function.
  const equityBuffer = scratch(SCRATCH_EQUITY, n).subarray(0, n);
  const sim = simulate(
    series,
    prepared.compiled,
    prepared.warmupBar + 1,
    opts,
    hooks?.shouldCancel,
    equityBuffer,
    // The run's own log: its trade rows read it. Entries happen only on signal bars, so with
    // sparse signals their count bounds the trades.
    emptyTradeLog(prepared.compiled.events !== undefined ? prepared.compiled.events.length + 1 : 1024),
  );

  hooks?.onProgress?.(80, 'statistics');
  if (cancelled()) throw new BacktestCancelledError();
  const stats = computeStatistics({
    series,
    equity: sim.equity,
    trades: sim.trades,
    warmupBar: prepared.warmupBar,
    displayPoints: opts.downsamplePoints,
  });
  const display =
    stats.display ?? downsampleEquityAndDrawdown(series.time, sim.equity, opts.downsamplePoints);
  return {
    metrics: stats.metrics,
    trades: tradeRows(sim.trades, series.time),
    openTrade:
      sim.open === null
        ? null
        : {
            entryTime: series.time[sim.open.entryBar],
            entryBar: sim.open.entryBar,
            entryPrice: sim.open.entryPrice,
            size: sim.open.size,
            pnl: sim.open.pnl,
          },
    equity: display.equity,
    drawdown: display.drawdown,
    info: {
      strategy: prepared.compiled.label,
      bars: n,
      warmupBar: prepared.warmupBar,
      startBar: prepared.warmupBar + 1,
      periodsPerYear: stats.periodsPerYear,
    },
  };
}

/** Reused between metrics-only runs (sweeps), whose trades never leave the run. */
const sharedTradeLog = emptyTradeLog(1024);

export interface PreparedStrategy {
  compiled: CompiledStrategy;
  warmupBar: number;
}

/**
 * Compiles a validated spec against a series and finds the warm-up bar: the largest index of the
 * first defined value over all declared indicators (backtesting.py: strategy starts one bar later).
 */
export function prepareStrategy(spec: StrategySpec, cache: IndicatorCache): PreparedStrategy {
  const n = cache.series.close.length;
  let expectedWarmup: number;
  let name: string;
  if (spec.kind === 'template') {
    const def = TEMPLATES[spec.template];
    expectedWarmup = def.warmupBar(spec.params);
    name = label(spec.template, spec.params);
  } else {
    expectedWarmup = rulesWarmupBar(spec.rules);
    name = 'the rules';
  }
  // The strategy must run on at least one bar after its warm-up.
  if (n < expectedWarmup + 2) {
    throw new EngineError(
      'TOO_FEW_BARS',
      `too few bars for the warm-up: ${name} needs at least ${expectedWarmup + 2} bars, the data has ${n}`,
    );
  }
  const compiled =
    spec.kind === 'template'
      ? TEMPLATES[spec.template].compile(spec.params, cache)
      : compileRules(spec.rules, cache);
  let warmupBar = 0;
  for (const line of compiled.indicators) {
    const first = cache.firstDefined(line);
    if (first < 0) {
      throw new EngineError(
        'TOO_FEW_BARS',
        `too few bars for the warm-up: an indicator of ${name} is never defined`,
      );
    }
    if (first > warmupBar) warmupBar = first;
  }
  for (const first of compiled.indicatorStarts ?? []) if (first > warmupBar) warmupBar = first;
  if (warmupBar + 1 >= n) {
    throw new EngineError(
      'TOO_FEW_BARS',
      `too few bars for the warm-up: ${name} needs at least ${warmupBar + 2} bars, the data has ${n}`,
    );
  }
  return { compiled, warmupBar };
}

/** Metrics only (no trade list, no display series): what a sweep needs. */
export function runMetrics(
  series: OhlcvSeries,
  spec: StrategySpec,
  opts: BacktestOptions,
  cache: IndicatorCache,
): BacktestMetrics {
  const prepared = prepareStrategy(spec, cache);
  const n = series.close.length;
  const sim = simulate(
    series,
    prepared.compiled,
    prepared.warmupBar + 1,
    opts,
    undefined,
    scratch(SCRATCH_EQUITY, n).subarray(0, n),
    sharedTradeLog,
  );
  return computeStatistics({ series, equity: sim.equity, trades: sim.trades, warmupBar: prepared.warmupBar })
    .metrics;
}

let warmedUp = false;

/** Runs the warm-up (see warm-up.ts) the first time it is called in a process; never throws. */
export function warmUpOnce(): void {
  if (warmedUp) return;
  warmedUp = true;
  try {
    warmUp();
  } catch {
    // Only a matter of speed: the real run reports its own errors.
  }
}

/** Short runs of every strategy kind, with and without display points, and metrics-only (sweeps). */
export function warmUp(): void {
  for (const stepMs of [60_000, 86_400_000]) {
    const series = warmUpSeries(WARM_UP_BARS, stepMs);
    for (let round = 0; round < 3; round++) {
      for (const strategy of WARM_UP_STRATEGIES) {
        runBacktest(series, strategy, { finalize: round === 0, downsamplePoints: 40 });
        runBacktest(series, strategy, { commission: 0.001 });
        const cache = new IndicatorCache(series, { keepLines: true });
        try {
          runMetrics(series, parseStrategySpec(strategy), resolveOptions({}), cache);
        } finally {
          cache.release();
        }
      }
    }
  }
}
