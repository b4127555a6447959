import { BacktestCancelledError, EngineError } from './errors';
import { IndicatorCache } from './indicators';
import { runMetrics, warmUpOnce } from './run';
import { assertValidSeries } from './series';
import {
  describeZodError,
  resolveOptions,
  type BacktestOptionsInput,
  type StrategySpec,
} from './strategy.schema';
import { isTemplateId, TEMPLATE_IDS, TEMPLATES, type TemplateId } from './templates';
import {
  METRIC_KEYS,
  type BacktestHooks,
  type BacktestMetrics,
  type MetricKey,
  type OhlcvSeries,
} from './types';
import { z } from 'zod';

export const MAX_SWEEP_COMBINATIONS = 100_000;

export type ParamValue = number | string;
export type SweepGrid = Record<string, ReadonlyArray<ParamValue>>;

export interface SweepEntry {
  /** 1 = best by `rankBy`. */
  rank: number;
  /** The full, validated parameters (defaults included). */
  params: Record<string, ParamValue>;
  metrics: BacktestMetrics;
}

export interface SweepResult {
  template: TemplateId;
  rankBy: MetricKey;
  order: 'desc' | 'asc';
  /** Size of the grid (the product of the value-list lengths). */
  combinations: number;
  /** Combinations that were run (= results.length). */
  evaluated: number;
  /** Combinations rejected before running (e.g. fast >= slow, or too few bars), with the reason. */
  skipped: Array<{ params: Record<string, ParamValue>; reason: string }>;
  /** Best first; combinations whose rank metric is null come last, in grid order. */
  results: SweepEntry[];
  /** Indicator arrays computed for the whole sweep (each distinct indicator once). */
  indicatorComputations: number;
}

export interface SweepOptions {
  /** 'desc' (default): higher is better. Use 'asc' e.g. for volatilityAnnPct. */
  order?: 'desc' | 'asc';
  /** Only keep the best `limit` results (all by default). */
  limit?: number;
  hooks?: BacktestHooks;
}

/**
 * Runs every combination of the grid's values for one template on one series and ranks them.
 * Invalid combinations are skipped, not fatal. Indicators are computed once per distinct
 * parameter value (one shared IndicatorCache), so SMA(20) serves every pair that uses it.
 */
export function sweep(
  series: OhlcvSeries,
  template: TemplateId,
  grid: SweepGrid,
  options?: BacktestOptionsInput,
  rankBy: MetricKey = 'sharpe',
  sweepOptions: SweepOptions = {},
): SweepResult {
  if (!isTemplateId(template)) {
    throw new EngineError(
      'UNKNOWN_STRATEGY',
      `unknown strategy '${String(template)}' (available: ${TEMPLATE_IDS.join(', ')})`,
    );
  }
  if (!METRIC_KEYS.includes(rankBy)) {
    throw new EngineError('INVALID_OPTIONS', `unknown metric '${String(rankBy)}' to rank by`);
  }
  const def = TEMPLATES[template];
  const allowed = Object.keys((z.toJSONSchema(def.schema).properties ?? {}) as object);
  const keys = Object.keys(grid);
  for (const key of keys) {
    if (!allowed.includes(key)) {
      throw new EngineError(
        'UNKNOWN_PARAMETER',
        `${template}: unknown parameter '${key}' (allowed: ${allowed.join(', ')})`,
      );
    }
    if (!Array.isArray(grid[key]) || grid[key].length === 0) {
      throw new EngineError(
        'INVALID_PARAMETER',
        `${template}: grid values for '${key}' must be a non-empty list`,
      );
    }
  }
  let combinations = 1;
  for (const key of keys) combinations *= grid[key].length;
  if (combinations > MAX_SWEEP_COMBINATIONS) {
    throw new EngineError(
      'INVALID_OPTIONS',
      `grid has ${combinations} combinations, at most ${MAX_SWEEP_COMBINATIONS} allowed`,
    );
  }
  warmUpOnce();
  const opts = resolveOptions(options);
  assertValidSeries(series);
  const cache = new IndicatorCache(series, { keepLines: true });
  const order = sweepOptions.order ?? 'desc';
  const hooks = sweepOptions.hooks;

  const evaluated: Array<{ index: number; params: Record<string, ParamValue>; metrics: BacktestMetrics }> =
    [];
  const skipped: SweepResult['skipped'] = [];
  const counters = new Array<number>(keys.length).fill(0);
  let indicatorComputations: number;
  try {
    for (let c = 0; c < combinations; c++) {
      if (hooks?.shouldCancel?.() === true) throw new BacktestCancelledError();
      const raw: Record<string, ParamValue> = {};
      for (let k = 0; k < keys.length; k++) raw[keys[k]] = grid[keys[k]][counters[k]];
      // Odometer over the grid, last key fastest.
      for (let k = keys.length - 1; k >= 0; k--) {
        if (++counters[k] < grid[keys[k]].length) break;
        counters[k] = 0;
      }
      const parsed = def.schema.safeParse(raw);
      if (!parsed.success) {
        skipped.push({ params: raw, reason: describeZodError(parsed.error, template) });
        continue;
      }
      const spec = { kind: 'template', template, params: parsed.data } as StrategySpec;
      try {
        const metrics = runMetrics(series, spec, opts, cache);
        evaluated.push({ index: c, params: parsed.data as Record<string, ParamValue>, metrics });
      } catch (error) {
        if (error instanceof EngineError && error.code === 'TOO_FEW_BARS') {
          skipped.push({ params: raw, reason: error.message });
          continue;
        }
        throw error;
      }
      if (hooks?.onProgress && (c & 31) === 0)
        hooks.onProgress(Math.round((100 * (c + 1)) / combinations), 'sweeping');
    }
  } finally {
    indicatorComputations = cache.computations;
    cache.release();
  }

  const sign = order === 'desc' ? -1 : 1;
  evaluated.sort((a, b) => {
    const x = a.metrics[rankBy];
    const y = b.metrics[rankBy];
    if (x === null || y === null) {
      if (x === null && y === null) return a.index - b.index;
      return x === null ? 1 : -1;
    }
    if (x !== y) return sign * (x - y);
    return a.index - b.index;
  });
  const kept =
    sweepOptions.limit !== undefined ? evaluated.slice(0, Math.max(0, sweepOptions.limit)) : evaluated;
  return {
    template,
    rankBy,
    order,
    combinations,
    evaluated: evaluated.length,
    skipped,
    results: kept.map((e, i) => ({ rank: i + 1, params: e.params, metrics: e.metrics })),
    indicatorComputations,
  };
}
