import type { MigrationInterface, QueryRunner } from 'typeorm';

export class BacktestPipeline1795828055188 implements MigrationInterface {
  name = 'BacktestPipeline1795828055188';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "strategies" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "owner_id" uuid NOT NULL, "name" character varying(100) NOT NULL, "description" character varying(2000), "spec" jsonb NOT NULL, "visibility" character varying(8) NOT NULL DEFAULT 'private', "copied_from" uuid, "copy_count" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_strategies_copy_count" CHECK ("copy_count" >= 0), CONSTRAINT "chk_strategies_visibility" CHECK ("visibility" IN ('private', 'public')), CONSTRAINT "PK_9a0d363ddf5b40d080147363238" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_strategies_public_created" ON "strategies" ("created_at") WHERE "visibility" = 'public'`);
    await queryRunner.query(`CREATE INDEX "idx_strategies_owner_created" ON "strategies" ("owner_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "backtests" ("id" uuid NOT NULL, "user_id" uuid NOT NULL, "strategy_id" uuid, "strategy_name" character varying(100) NOT NULL, "strategy_spec" jsonb NOT NULL, "options" jsonb NOT NULL, "symbol_id" uuid NOT NULL, "symbol" character varying(32) NOT NULL, "timeframe" character varying(8) NOT NULL, "period_from" TIMESTAMP WITH TIME ZONE NOT NULL, "period_to" TIMESTAMP WITH TIME ZONE NOT NULL, "plan" character varying(8) NOT NULL, "priority" smallint NOT NULL, "cost" integer NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'pending', "progress" smallint NOT NULL DEFAULT '0', "progress_step" character varying(32), "attempts" integer NOT NULL DEFAULT '0', "idempotency_key" character varying(200), "cancel_requested_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "started_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, "queue_wait_ms" integer, "error" character varying(1000), "error_code" character varying(64), "metrics" jsonb, "return_pct" double precision, "sharpe" double precision, "cagr_pct" double precision, "max_drawdown_pct" double precision, "trade_count" integer, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_backtests_period" CHECK ("period_from" < "period_to"), CONSTRAINT "chk_backtests_cost" CHECK ("cost" > 0), CONSTRAINT "chk_backtests_progress" CHECK ("progress" BETWEEN 0 AND 100), CONSTRAINT "chk_backtests_status" CHECK ("status" IN ('pending', 'active', 'completed', 'failed', 'canceled')), CONSTRAINT "PK_3dda2caf2606d9ad764e80de216" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_backtests_finished" ON "backtests" ("finished_at") `);
    await queryRunner.query(`CREATE INDEX "idx_backtests_unfinished" ON "backtests" ("status", "updated_at") WHERE "status" IN ('pending', 'active')`);
    await queryRunner.query(`CREATE INDEX "idx_backtests_pending_order" ON "backtests" ("priority", "created_at") WHERE "status" = 'pending'`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_backtests_user_idempotency_key" ON "backtests" ("user_id", "idempotency_key") WHERE "idempotency_key" IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "idx_backtests_user_created" ON "backtests" ("user_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "backtest_results" ("backtest_id" uuid NOT NULL, "equity" jsonb NOT NULL, "drawdown" jsonb NOT NULL, "trades" jsonb NOT NULL, "open_trade" jsonb, "info" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_553ce0b55bbbd76aa8896608096" PRIMARY KEY ("backtest_id"))`);
    await queryRunner.query(`ALTER TABLE "strategies" ADD CONSTRAINT "FK_c0b89463c9750c06de681b4721c" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "strategies" ADD CONSTRAINT "FK_410469b498facf8dfd066b4fd28" FOREIGN KEY ("copied_from") REFERENCES "strategies"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "backtests" ADD CONSTRAINT "FK_35f0ac44f9843056f9fa09802a7" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "backtests" ADD CONSTRAINT "FK_08c8acdc1aa193fcfad26e8bd86" FOREIGN KEY ("strategy_id") REFERENCES "strategies"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "backtest_results" ADD CONSTRAINT "FK_553ce0b55bbbd76aa8896608096" FOREIGN KEY ("backtest_id") REFERENCES "backtests"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "backtest_results" DROP CONSTRAINT "FK_553ce0b55bbbd76aa8896608096"`);
    await queryRunner.query(`ALTER TABLE "backtests" DROP CONSTRAINT "FK_08c8acdc1aa193fcfad26e8bd86"`);
    await queryRunner.query(`ALTER TABLE "backtests" DROP CONSTRAINT "FK_35f0ac44f9843056f9fa09802a7"`);
    await queryRunner.query(`ALTER TABLE "strategies" DROP CONSTRAINT "FK_410469b498facf8dfd066b4fd28"`);
    await queryRunner.query(`ALTER TABLE "strategies" DROP CONSTRAINT "FK_c0b89463c9750c06de681b4721c"`);
    await queryRunner.query(`DROP TABLE "backtest_results"`);
    await queryRunner.query(`DROP INDEX "public"."idx_backtests_user_created"`);
    await queryRunner.query(`DROP INDEX "public"."uq_backtests_user_idempotency_key"`);
    await queryRunner.query(`DROP INDEX "public"."idx_backtests_pending_order"`);
    await queryRunner.query(`DROP INDEX "public"."idx_backtests_unfinished"`);
    await queryRunner.query(`DROP INDEX "public"."idx_backtests_finished"`);
    await queryRunner.query(`DROP TABLE "backtests"`);
    await queryRunner.query(`DROP INDEX "public"."idx_strategies_owner_created"`);
    await queryRunner.query(`DROP INDEX "public"."idx_strategies_public_created"`);
    await queryRunner.query(`DROP TABLE "strategies"`);
  }
}
