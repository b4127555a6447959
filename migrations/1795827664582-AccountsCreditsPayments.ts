import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AccountsCreditsPayments1795827664582 implements MigrationInterface {
  name = 'AccountsCreditsPayments1795827664582';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS "uuid-ossp"`);
    await queryRunner.query(`CREATE TABLE "audit_log" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "actor_id" uuid, "action" character varying(100) NOT NULL, "target_type" character varying(100) NOT NULL, "target_id" character varying(200) NOT NULL, "before" jsonb, "after" jsonb, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_audit_log_action_at" ON "audit_log" ("action", "at") `);
    await queryRunner.query(`CREATE INDEX "idx_audit_log_target" ON "audit_log" ("target_type", "target_id") `);
    await queryRunner.query(`CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "email" character varying(254) NOT NULL, "password_hash" character varying(200) NOT NULL, "display_name" character varying(50) NOT NULL, "role" character varying(16) NOT NULL DEFAULT 'trader', "plan" character varying(16) NOT NULL DEFAULT 'free', "locale" character varying(8) NOT NULL DEFAULT 'en', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_users_locale" CHECK ("locale" IN ('ko', 'en')), CONSTRAINT "chk_users_plan" CHECK ("plan" IN ('free', 'basic', 'pro')), CONSTRAINT "chk_users_role" CHECK ("role" IN ('trader', 'support', 'admin')), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_users_email" ON "users" ("email") `);
    await queryRunner.query(`CREATE TABLE "api_keys" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "user_id" uuid NOT NULL, "name" character varying(100) NOT NULL, "prefix" character varying(24) NOT NULL, "key_hash" character(64) NOT NULL, "last_used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5c8a79801b44bd27b79228e1dad" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_api_keys_user" ON "api_keys" ("user_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_api_keys_hash" ON "api_keys" ("key_hash") `);
    await queryRunner.query(`CREATE TABLE "refresh_tokens" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "user_id" uuid NOT NULL, "family_id" uuid NOT NULL, "token_hash" character(64) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7d8bee0204106019488c4c50ffa" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_refresh_tokens_user" ON "refresh_tokens" ("user_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_refresh_tokens_hash" ON "refresh_tokens" ("token_hash") `);
    await queryRunner.query(`CREATE INDEX "idx_refresh_tokens_family" ON "refresh_tokens" ("family_id") `);
    await queryRunner.query(`CREATE TABLE "credit_ledger" ("id" BIGSERIAL NOT NULL, "user_id" uuid NOT NULL, "amount" integer NOT NULL, "balance_after" integer NOT NULL, "reason" character varying(32) NOT NULL, "reference_type" character varying(50), "reference_id" character varying(200), "idempotency_key" character varying(200) NOT NULL, "note" character varying(500), "actor_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_credit_ledger_reason" CHECK ("reason" IN ('signup_bonus', 'purchase', 'backtest_charge', 'backtest_refund', 'refund_clawback', 'admin_adjustment')), CONSTRAINT "chk_credit_ledger_balance_after_non_negative" CHECK ("balance_after" >= 0), CONSTRAINT "chk_credit_ledger_amount_non_zero" CHECK ("amount" <> 0), CONSTRAINT "PK_7ff08f655cf2f4d118c116571db" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_credit_ledger_idempotency_key" ON "credit_ledger" ("idempotency_key") `);
    await queryRunner.query(`CREATE INDEX "idx_credit_ledger_user_id" ON "credit_ledger" ("user_id", "id") `);
    await queryRunner.query(`CREATE TABLE "credit_wallets" ("user_id" uuid NOT NULL, "balance" integer NOT NULL DEFAULT '0', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_credit_wallets_balance_non_negative" CHECK ("balance" >= 0), CONSTRAINT "PK_1d2390bb976ad9877f42b14d0b8" PRIMARY KEY ("user_id"))`);
    await queryRunner.query(`CREATE TABLE "credit_packages" ("id" character varying(40) NOT NULL, "name" character varying(100) NOT NULL, "credits" integer NOT NULL, "price_won" integer NOT NULL, "active" boolean NOT NULL DEFAULT true, "sort_order" integer NOT NULL DEFAULT '0', CONSTRAINT "chk_credit_packages_positive" CHECK ("credits" > 0 AND "price_won" > 0), CONSTRAINT "PK_c10750b5b0638b06330b0c09bfd" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "payment_orders" ("order_id" character varying(64) NOT NULL, "user_id" uuid NOT NULL, "package_id" character varying(40) NOT NULL, "order_name" character varying(100) NOT NULL, "credits" integer NOT NULL, "amount" integer NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'PENDING', "confirm_idempotency_key" character varying(300) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_payment_orders_amount_positive" CHECK ("amount" > 0 AND "credits" > 0), CONSTRAINT "PK_92cd8e7017cd5e2f0703dafa2c0" PRIMARY KEY ("order_id"))`);
    await queryRunner.query(`CREATE INDEX "idx_payment_orders_user" ON "payment_orders" ("user_id") `);
    await queryRunner.query(`CREATE TABLE "payments" ("payment_key" character varying(200) NOT NULL, "order_id" character varying(64) NOT NULL, "user_id" uuid NOT NULL, "status" character varying(32) NOT NULL, "method" character varying(50), "total_amount" integer NOT NULL, "balance_amount" integer NOT NULL, "approved_at" TIMESTAMP WITH TIME ZONE, "credits_granted" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "REL_b2f7b823a21562eeca20e72b00" UNIQUE ("order_id"), CONSTRAINT "PK_65cfdd66e9b0ac854c99edcb5ad" PRIMARY KEY ("payment_key"))`);
    await queryRunner.query(`CREATE INDEX "idx_payments_user" ON "payments" ("user_id") `);
    await queryRunner.query(`ALTER TABLE "api_keys" ADD CONSTRAINT "FK_a3baee01d8408cd3c0f89a9a973" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "refresh_tokens" ADD CONSTRAINT "FK_3ddc983c5f7bcf132fd8732c3f4" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "credit_ledger" ADD CONSTRAINT "FK_b3c288c46f5de08a59632916e8c" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "credit_wallets" ADD CONSTRAINT "FK_1d2390bb976ad9877f42b14d0b8" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "payment_orders" ADD CONSTRAINT "FK_67a9a9eb3fcc40dd54a339f8788" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "payment_orders" ADD CONSTRAINT "FK_0ba28dfb8f6cabe1c8dd1782424" FOREIGN KEY ("package_id") REFERENCES "credit_packages"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "payments" ADD CONSTRAINT "FK_b2f7b823a21562eeca20e72b006" FOREIGN KEY ("order_id") REFERENCES "payment_orders"("order_id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "payments" ADD CONSTRAINT "FK_427785468fb7d2733f59e7d7d39" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    // The ledger is append-only: corrections are new entries, never edits.
    await queryRunner.query(`CREATE FUNCTION credit_ledger_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'credit_ledger is append-only (% rejected)', TG_OP USING ERRCODE = 'restrict_violation'; END $$`);
    await queryRunner.query(`CREATE TRIGGER credit_ledger_append_only BEFORE UPDATE OR DELETE ON "credit_ledger" FOR EACH ROW EXECUTE FUNCTION credit_ledger_reject_change()`);
    await queryRunner.query(`CREATE TRIGGER credit_ledger_no_truncate BEFORE TRUNCATE ON "credit_ledger" FOR EACH STATEMENT EXECUTE FUNCTION credit_ledger_reject_change()`);
    await queryRunner.query(`INSERT INTO "credit_packages" ("id", "name", "credits", "price_won", "active", "sort_order") VALUES ('credits-30', '30 credits', 30, 9900, true, 1), ('credits-100', '100 credits', 100, 29000, true, 2), ('credits-350', '350 credits', 350, 99000, true, 3)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER IF EXISTS credit_ledger_no_truncate ON "credit_ledger"`);
    await queryRunner.query(`DROP TRIGGER IF EXISTS credit_ledger_append_only ON "credit_ledger"`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS credit_ledger_reject_change()`);
    await queryRunner.query(`ALTER TABLE "payments" DROP CONSTRAINT "FK_427785468fb7d2733f59e7d7d39"`);
    await queryRunner.query(`ALTER TABLE "payments" DROP CONSTRAINT "FK_b2f7b823a21562eeca20e72b006"`);
    await queryRunner.query(`ALTER TABLE "payment_orders" DROP CONSTRAINT "FK_0ba28dfb8f6cabe1c8dd1782424"`);
    await queryRunner.query(`ALTER TABLE "payment_orders" DROP CONSTRAINT "FK_67a9a9eb3fcc40dd54a339f8788"`);
    await queryRunner.query(`ALTER TABLE "credit_wallets" DROP CONSTRAINT "FK_1d2390bb976ad9877f42b14d0b8"`);
    await queryRunner.query(`ALTER TABLE "credit_ledger" DROP CONSTRAINT "FK_b3c288c46f5de08a59632916e8c"`);
    await queryRunner.query(`ALTER TABLE "refresh_tokens" DROP CONSTRAINT "FK_3ddc983c5f7bcf132fd8732c3f4"`);
    await queryRunner.query(`ALTER TABLE "api_keys" DROP CONSTRAINT "FK_a3baee01d8408cd3c0f89a9a973"`);
    await queryRunner.query(`DROP INDEX "public"."idx_payments_user"`);
    await queryRunner.query(`DROP TABLE "payments"`);
    await queryRunner.query(`DROP INDEX "public"."idx_payment_orders_user"`);
    await queryRunner.query(`DROP TABLE "payment_orders"`);
    await queryRunner.query(`DROP TABLE "credit_packages"`);
    await queryRunner.query(`DROP TABLE "credit_wallets"`);
    await queryRunner.query(`DROP INDEX "public"."idx_credit_ledger_user_id"`);
    await queryRunner.query(`DROP INDEX "public"."uq_credit_ledger_idempotency_key"`);
    await queryRunner.query(`DROP TABLE "credit_ledger"`);
    await queryRunner.query(`DROP INDEX "public"."idx_refresh_tokens_family"`);
    await queryRunner.query(`DROP INDEX "public"."uq_refresh_tokens_hash"`);
    await queryRunner.query(`DROP INDEX "public"."idx_refresh_tokens_user"`);
    await queryRunner.query(`DROP TABLE "refresh_tokens"`);
    await queryRunner.query(`DROP INDEX "public"."uq_api_keys_hash"`);
    await queryRunner.query(`DROP INDEX "public"."idx_api_keys_user"`);
    await queryRunner.query(`DROP TABLE "api_keys"`);
    await queryRunner.query(`DROP INDEX "public"."uq_users_email"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP INDEX "public"."idx_audit_log_target"`);
    await queryRunner.query(`DROP INDEX "public"."idx_audit_log_action_at"`);
    await queryRunner.query(`DROP TABLE "audit_log"`);
  }
}
