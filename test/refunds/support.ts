import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { FakeTossServer } from '../support/fake-toss';
import { bearer, type TestUser } from '../support/auth';

export const TOSS_SECRET = 'test_sk_stratbench_refunds';

export interface Purchase {
  paymentKey: string;
  orderId: string;
  totalAmount: number;
  credits: number;
}

/** A credit purchase end to end: order → the customer's authorisation at the fake Toss → confirm. */
export async function buyCredits(apiUrl: string, fake: FakeTossServer, user: TestUser, packageId = 'credits-30'): Promise<Purchase> {
  const order = await request(apiUrl).post('/api/payments/orders').set(bearer(user)).send({ packageId });
  if (order.status !== 201) throw new Error(`order failed: ${order.status} ${JSON.stringify(order.body)}`);
  const auth = await fake.authorize(order.body.orderId, order.body.amount);
  const confirmed = await request(apiUrl)
    .post('/api/payments/confirm')
    .set(bearer(user))
    .send({ paymentKey: auth.paymentKey, orderId: order.body.orderId, amount: order.body.amount });
  if (confirmed.status !== 200) throw new Error(`confirm failed: ${confirmed.status} ${JSON.stringify(confirmed.body)}`);
  return { paymentKey: auth.paymentKey, orderId: order.body.orderId, totalAmount: order.body.amount, credits: order.body.credits };
}

/** The worker app (refund processor, reconciler) booted in this process against the test's env. */
export async function startInProcessWorker(): Promise<INestApplicationContext> {
  // Imported lazily: the config must be in process.env (createTestEnv) before the module loads it.
  const { WorkerModule } = await import('../../apps/worker/src/worker.module');
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
  app.enableShutdownHooks();
  return app;
}

export async function waitFor<T>(probe: () => Promise<T | undefined | null | false>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface RefundRow {
  id: string;
  status: string;
  refund_amount: number;
  refundable_credits: number;
  clawed_back_credits: number | null;
  clawback_shortfall: number;
  pg_refund_id: string | null;
  failure_code: string | null;
  completed_via: string | null;
  gateway_idempotency_key: string;
}

export async function refundRow(dataSource: DataSource, id: string): Promise<RefundRow> {
  const [row] = await dataSource.query(`SELECT * FROM refund_requests WHERE id = $1`, [id]);
  return row;
}

export function waitForStatus(dataSource: DataSource, id: string, statuses: string[], timeoutMs = 20_000): Promise<RefundRow> {
  return waitFor(async () => {
    const row = await refundRow(dataSource, id);
    return row && statuses.includes(row.status) ? row : null;
  }, `refund ${id} to become ${statuses.join('|')}`, timeoutMs);
}

export async function clawbacks(dataSource: DataSource, refundId: string): Promise<Array<{ amount: number }>> {
  return dataSource.query(`SELECT amount FROM credit_ledger WHERE reason = 'refund_clawback' AND reference_id = $1`, [refundId]);
}

export async function balanceOf(dataSource: DataSource, userId: string): Promise<number> {
  const [row] = await dataSource.query(`SELECT balance FROM credit_wallets WHERE user_id = $1`, [userId]);
  return row ? Number(row.balance) : 0;
}
