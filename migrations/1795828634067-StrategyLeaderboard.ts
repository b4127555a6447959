import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hand-written (TypeORM does not generate materialized views): the leaderboard's aggregate of the
 * COMPLETED backtests of PUBLIC strategies. Anti-gaming: one run per distinct (strategy, frozen spec +
 * options, symbol, timeframe, range), the latest one, so resubmitting a backtest counts once. The jsonb
 * values are compared by their 64-bit hashes (jsonb is canonical, so equal values hash equal): several
 * times cheaper than sorting by the jsonb or by md5 of its text.
 * The unique index on strategy_id is what REFRESH ... CONCURRENTLY needs.
 * No index is added on `backtests` here: TypeORM's drift check would drop any index the entity does not declare.
 */
export class StrategyLeaderboard1795828634067 implements MigrationInterface {
  name = 'StrategyLeaderboard1795828634067';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE MATERIALIZED VIEW "strategy_performance_agg" AS
      WITH distinct_runs AS (
        SELECT DISTINCT ON (b.strategy_id, jsonb_hash_extended(b.strategy_spec, 0), jsonb_hash_extended(b.options, 0), b.symbol_id, b.timeframe, b.period_from, b.period_to)
               b.strategy_id, b.symbol, b.return_pct, b.sharpe, b.cagr_pct, b.max_drawdown_pct, b.finished_at
          FROM backtests b
          JOIN strategies s ON s.id = b.strategy_id AND s.visibility = 'public'
         WHERE b.status = 'completed'
         ORDER BY b.strategy_id, jsonb_hash_extended(b.strategy_spec, 0), jsonb_hash_extended(b.options, 0), b.symbol_id, b.timeframe, b.period_from, b.period_to,
                  b.finished_at DESC NULLS LAST, b.id DESC
      ), per_strategy AS (
        SELECT strategy_id,
               count(*)::integer AS backtest_count,
               count(DISTINCT symbol)::integer AS symbol_count,
               array_agg(DISTINCT symbol ORDER BY symbol) AS symbols,
               (count(*) FILTER (WHERE return_pct > 0))::double precision / count(*) AS consistency,
               avg(sharpe) AS avg_sharpe,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY sharpe) AS median_sharpe,
               max(sharpe) AS best_sharpe,
               avg(cagr_pct) AS avg_cagr,
               avg(return_pct) AS avg_return,
               avg(max_drawdown_pct) AS avg_max_drawdown,
               max(finished_at) AS last_run_at
          FROM distinct_runs
         GROUP BY strategy_id
      )
      SELECT p.strategy_id, s.owner_id, s.name AS strategy_name, COALESCE(s.spec->>'template', 'rules') AS template,
             p.backtest_count, p.symbol_count, p.symbols, p.consistency, p.avg_sharpe, p.median_sharpe, p.best_sharpe,
             p.avg_cagr, p.avg_return, p.avg_max_drawdown, p.last_run_at, s.copy_count
        FROM per_strategy p
        JOIN strategies s ON s.id = p.strategy_id
      WITH DATA`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_strategy_performance_agg_strategy" ON "strategy_performance_agg" ("strategy_id")`);
    await queryRunner.query(`CREATE INDEX "idx_strategy_performance_agg_template" ON "strategy_performance_agg" ("template")`);
    await queryRunner.query(`CREATE INDEX "idx_strategy_performance_agg_symbols" ON "strategy_performance_agg" USING gin ("symbols")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP MATERIALIZED VIEW "strategy_performance_agg"`);
  }
}
