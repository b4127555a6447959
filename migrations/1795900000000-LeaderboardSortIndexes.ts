import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One btree per (sort key, direction) on the leaderboard's materialized view, in the exact ranking
 * order of `rankingOrder` (metric NULLS LAST, then more backtests first, then the strategy id), so a
 * page is an index scan that stops after OFFSET + LIMIT rows instead of a sort of every row.
 * Indexes on a materialized view are not tracked by TypeORM entities, so the drift check ignores them.
 */
const METRICS = ['avg_sharpe', 'avg_cagr', 'avg_return', 'consistency'] as const;
const DIRECTIONS = ['asc', 'desc'] as const;

function indexes(): Array<{ name: string; columns: string }> {
  const out: Array<{ name: string; columns: string }> = [];
  for (const dir of DIRECTIONS) {
    for (const metric of METRICS) {
      out.push({
        name: `idx_strategy_performance_agg_${metric}_${dir}`,
        columns: `"${metric}" ${dir.toUpperCase()} NULLS LAST, "backtest_count" DESC NULLS LAST, "strategy_id" ASC NULLS LAST`,
      });
    }
    out.push({
      name: `idx_strategy_performance_agg_backtest_count_${dir}`,
      columns: `"backtest_count" ${dir.toUpperCase()} NULLS LAST, "strategy_id" ASC NULLS LAST`,
    });
  }
  return out;
}

export class LeaderboardSortIndexes1795900000000 implements MigrationInterface {
  name = 'LeaderboardSortIndexes1795900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const { name, columns } of indexes()) {
      await queryRunner.query(`CREATE INDEX "${name}" ON "strategy_performance_agg" (${columns})`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const { name } of indexes()) await queryRunner.query(`DROP INDEX "${name}"`);
  }
}
