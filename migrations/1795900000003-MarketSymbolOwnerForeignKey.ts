import type { MigrationInterface, QueryRunner } from 'typeorm';

export class MarketSymbolOwnerForeignKey1795900000003 implements MigrationInterface {
  name = 'MarketSymbolOwnerForeignKey1795900000003';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Private datasets whose owner is already gone would make the constraint fail: drop them first
    // (their bar_chunks go with them through FK_3d455e34c25558717aa22dce5f5, ON DELETE CASCADE).
    await queryRunner.query(
      `DELETE FROM "market_symbols" s WHERE s."owner_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "users" u WHERE u."id" = s."owner_id")`,
    );
    await queryRunner.query(`ALTER TABLE "market_symbols" ADD CONSTRAINT "FK_f02177087e8ea1c9f434f7afd38" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "market_symbols" DROP CONSTRAINT "FK_f02177087e8ea1c9f434f7afd38"`);
  }
}
