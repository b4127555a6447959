import type { MigrationInterface, QueryRunner } from 'typeorm';

export class BacktestsStrategyIndex1795900000001 implements MigrationInterface {
  name = 'BacktestsStrategyIndex1795900000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "idx_backtests_strategy_completed" ON "backtests" ("strategy_id", "finished_at") WHERE "status" = 'completed'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_backtests_strategy_completed"`);
  }
}
