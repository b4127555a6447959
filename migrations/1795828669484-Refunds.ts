import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Refunds1795828669484 implements MigrationInterface {
  name = 'Refunds1795828669484';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "refund_requests" ("id" uuid NOT NULL, "user_id" uuid NOT NULL, "payment_key" character varying(200) NOT NULL, "status" character varying(16) NOT NULL, "kind" character varying(16) NOT NULL DEFAULT 'self_service', "reason" character varying(500) NOT NULL, "refund_amount" integer NOT NULL, "refundable_credits" integer NOT NULL, "client_idempotency_key" character varying(200), "gateway_idempotency_key" character varying(300) NOT NULL, "gateway_attempt" integer NOT NULL DEFAULT '1', "guard_balance_amount" integer, "pg_refund_id" character varying(64), "clawed_back_credits" integer, "clawback_shortfall" integer NOT NULL DEFAULT '0', "failure_code" character varying(100), "failure_message" character varying(500), "rejection_reason" character varying(500), "requested_by" uuid, "reviewed_by" uuid, "reviewed_at" TIMESTAMP WITH TIME ZONE, "completed_via" character varying(16), "finished_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_refund_requests_amounts" CHECK ("refund_amount" > 0 AND "refundable_credits" >= 0), CONSTRAINT "chk_refund_requests_kind" CHECK ("kind" IN ('self_service', 'override')), CONSTRAINT "chk_refund_requests_status" CHECK ("status" IN ('pending', 'held', 'processing', 'approved', 'failed', 'rejected')), CONSTRAINT "PK_00c88ecd40a63abe92a3dc69897" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_refund_requests_payment" ON "refund_requests" ("payment_key") `);
    await queryRunner.query(`CREATE INDEX "idx_refund_requests_status_updated" ON "refund_requests" ("status", "updated_at") `);
    await queryRunner.query(`CREATE INDEX "idx_refund_requests_user_created" ON "refund_requests" ("user_id", "created_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_refund_requests_pg_refund_id" ON "refund_requests" ("pg_refund_id") WHERE "pg_refund_id" IS NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_refund_requests_user_idempotency_key" ON "refund_requests" ("user_id", "client_idempotency_key") WHERE "client_idempotency_key" IS NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_refund_requests_open_payment" ON "refund_requests" ("payment_key") WHERE "status" IN ('pending', 'held', 'processing')`);
    await queryRunner.query(`CREATE TABLE "refund_gateway_calls" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "refund_id" uuid NOT NULL, "operation" character varying(16) NOT NULL, "idempotency_key" character varying(300), "request" jsonb, "outcome" character varying(16) NOT NULL, "http_status" integer, "error_code" character varying(100), "error_message" text, "response" jsonb, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "finished_at" TIMESTAMP WITH TIME ZONE, "duration_ms" integer, CONSTRAINT "PK_92ccf6de4c3fa8599f3b1195c24" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_refund_gateway_calls_refund" ON "refund_gateway_calls" ("refund_id", "started_at") `);
    await queryRunner.query(`ALTER TABLE "refund_requests" ADD CONSTRAINT "FK_228d14156b20be394872d6c3aaa" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "refund_requests" ADD CONSTRAINT "FK_720d4edf97c1a9ba3c16d0dd528" FOREIGN KEY ("payment_key") REFERENCES "payments"("payment_key") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "refund_gateway_calls" ADD CONSTRAINT "FK_17eca2f218e71d7f1605dfae21d" FOREIGN KEY ("refund_id") REFERENCES "refund_requests"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "refund_gateway_calls" DROP CONSTRAINT "FK_17eca2f218e71d7f1605dfae21d"`);
    await queryRunner.query(`ALTER TABLE "refund_requests" DROP CONSTRAINT "FK_720d4edf97c1a9ba3c16d0dd528"`);
    await queryRunner.query(`ALTER TABLE "refund_requests" DROP CONSTRAINT "FK_228d14156b20be394872d6c3aaa"`);
    await queryRunner.query(`DROP INDEX "public"."idx_refund_gateway_calls_refund"`);
    await queryRunner.query(`DROP TABLE "refund_gateway_calls"`);
    await queryRunner.query(`DROP INDEX "public"."uq_refund_requests_open_payment"`);
    await queryRunner.query(`DROP INDEX "public"."uq_refund_requests_user_idempotency_key"`);
    await queryRunner.query(`DROP INDEX "public"."uq_refund_requests_pg_refund_id"`);
    await queryRunner.query(`DROP INDEX "public"."idx_refund_requests_user_created"`);
    await queryRunner.query(`DROP INDEX "public"."idx_refund_requests_status_updated"`);
    await queryRunner.query(`DROP INDEX "public"."idx_refund_requests_payment"`);
    await queryRunner.query(`DROP TABLE "refund_requests"`);
  }
}
