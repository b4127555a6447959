/**
 * The anti-gaming rule of the leaderboard (mirrored by the strategy_performance_agg migration): of the
 * completed backtests of a strategy, one per (frozen spec + options, symbol, timeframe, range), the latest.
 * `$1` is the strategy id.
 */
export const DISTINCT_RUNS_OF_STRATEGY = `
  SELECT DISTINCT ON (jsonb_hash_extended(b.strategy_spec, 0), jsonb_hash_extended(b.options, 0), b.symbol_id, b.timeframe, b.period_from, b.period_to)
         b.id, b.symbol, b.timeframe, b.period_from, b.period_to, b.return_pct, b.sharpe, b.cagr_pct, b.max_drawdown_pct, b.finished_at
    FROM backtests b
   WHERE b.strategy_id = $1 AND b.status = 'completed'
   ORDER BY jsonb_hash_extended(b.strategy_spec, 0), jsonb_hash_extended(b.options, 0), b.symbol_id, b.timeframe, b.period_from, b.period_to,
            b.finished_at DESC NULLS LAST, b.id DESC`;
