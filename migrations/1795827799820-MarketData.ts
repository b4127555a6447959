import type { MigrationInterface, QueryRunner } from 'typeorm';

export class MarketData1795827799820 implements MigrationInterface {
  name = 'MarketData1795827799820';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "market_symbols" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "ticker" character varying(32) NOT NULL, "name" character varying(200) NOT NULL, "market" character varying(16) NOT NULL, "currency" character varying(8) NOT NULL, "timezone" character varying(64) NOT NULL, "timeframe" character varying(8) NOT NULL, "adjusted" boolean NOT NULL DEFAULT false, "source" text, "owner_id" uuid, "visibility" character varying(8) NOT NULL, "first_time" bigint, "last_time" bigint, "bar_count" integer NOT NULL DEFAULT '0', "dataset_version" integer NOT NULL DEFAULT '0', "content_hash" character varying(64), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ace7c246de2cf3153fa6f119c6c" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_market_symbols_owner_ticker" ON "market_symbols" ("owner_id", "ticker") WHERE "owner_id" IS NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_market_symbols_public_ticker" ON "market_symbols" ("ticker") WHERE "owner_id" IS NULL`);
    await queryRunner.query(`CREATE TABLE "bar_chunks" ("symbol_id" uuid NOT NULL, "timeframe" character varying(8) NOT NULL, "chunk_index" integer NOT NULL, "start_time" bigint NOT NULL, "end_time" bigint NOT NULL, "count" integer NOT NULL, "time" bytea NOT NULL, "open" bytea NOT NULL, "high" bytea NOT NULL, "low" bytea NOT NULL, "close" bytea NOT NULL, "volume" bytea NOT NULL, CONSTRAINT "PK_3fbd48d0b560b9279eea031c19f" PRIMARY KEY ("symbol_id", "timeframe", "chunk_index"))`);
    await queryRunner.query(`ALTER TABLE "bar_chunks" ADD CONSTRAINT "FK_3d455e34c25558717aa22dce5f5" FOREIGN KEY ("symbol_id") REFERENCES "market_symbols"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    // Float64 columns barely compress and are read whole: store them out of line, uncompressed, so loading
    // a series is a plain copy on the server (TypeORM does not track column storage, so no drift).
    await queryRunner.query(
      `ALTER TABLE "bar_chunks" ${['time', 'open', 'high', 'low', 'close', 'volume'].map((c) => `ALTER COLUMN "${c}" SET STORAGE EXTERNAL`).join(', ')}`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "bar_chunks" DROP CONSTRAINT "FK_3d455e34c25558717aa22dce5f5"`);
    await queryRunner.query(`DROP TABLE "bar_chunks"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_market_symbols_public_ticker"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_market_symbols_owner_ticker"`);
    await queryRunner.query(`DROP TABLE "market_symbols"`);
  }
}
