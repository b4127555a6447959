import type { MigrationInterface, QueryRunner } from 'typeorm';

export class BacktestIdempotencyFingerprint1795900000002 implements MigrationInterface {
  name = 'BacktestIdempotencyFingerprint1795900000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "backtests" ADD "idempotency_fingerprint" character varying(64)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "backtests" DROP COLUMN "idempotency_fingerprint"`);
  }
}
