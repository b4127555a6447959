import type { INestApplicationContext } from '@nestjs/common';
import { io, type Socket } from 'socket.io-client';
import request from 'supertest';
import { RefundReconciler } from '@app/refunds';
import { FakeTossServer } from '../support/fake-toss';
import { assertLedgerBalanced, bearer, createUser, setBalance, type TestUser } from '../support/auth';
import { createTestEnv, type TestEnv } from '../support/test-env';
import { startTestApi } from '../support/test-app';
import { TOSS_SECRET, balanceOf, buyCredits, clawbacks, refundRow, startInProcessWorker, waitFor, waitForStatus } from './support';

describe('refunds: self-service, processing against the fake Toss server, and the support console', () => {
  let fake: FakeTossServer;
  let env: TestEnv;
  let api: Awaited<ReturnType<typeof startTestApi>>;
  let worker: INestApplicationContext;
  let support: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    fake = await FakeTossServer.start({ secretKey: TOSS_SECRET });
    env = await createTestEnv({
      TOSS_SECRET_KEY: TOSS_SECRET,
      TOSS_BASE_URL: fake.baseUrl,
      TOSS_TIMEOUT_MS: '500',
      SIGNUP_BONUS_CREDITS: '0',
      REFUND_REVIEW_THRESHOLD_WON: '50000',
      REFUND_ATTEMPTS: '5',
      REFUND_BACKOFF_MS: '300',
      // The reconciler is called directly here; the crash test runs it on its schedule.
      REFUND_RECONCILE_INTERVAL_MS: '3600000',
      REFUND_RECONCILE_GRACE_MS: '0',
    });
    api = await startTestApi();
    worker = await startInProcessWorker();
    support = await createUser(env.dataSource, api.url, { role: 'support' });
    admin = await createUser(env.dataSource, api.url, { role: 'admin' });
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await env?.teardown();
    await fake?.close();
  });

  afterEach(async () => {
    fake.clearFaults();
    await assertLedgerBalanced(env.dataSource);
  });

  const trader = () => createUser(env.dataSource, api.url, { credits: 0 });
  const requestRefund = (user: TestUser, body: Record<string, unknown>, key?: string) => {
    const req = request(api.url).post('/api/refunds').set(bearer(user));
    if (key) req.set('Idempotency-Key', key);
    return req.send(body);
  };
  const cancelCalls = (paymentKey: string) => fake.requestsFor('cancel', paymentKey);
  const auditOf = async (refundId: string) =>
    (await env.dataSource.query(`SELECT action, actor_id, before, after FROM audit_log WHERE target_type = 'refund' AND target_id = $1 ORDER BY at, id`, [refundId])) as Array<{
      action: string;
      actor_id: string | null;
      before: Record<string, unknown>;
      after: Record<string, unknown>;
    }>;

  describe('eligibility', () => {
    it('tells the owner the full amount for an untouched purchase, in Korean and English', async () => {
      const user = await trader();
      const p = await buyCredits(api.url, fake, user);
      const res = await request(api.url).get(`/api/payments/${p.paymentKey}/refund-eligibility`).set(bearer(user)).expect(200);
      expect(res.body).toEqual({
        eligible: true,
        message: { ko: expect.any(String), en: expect.any(String) },
        refundAmount: 9900,
        refundableCredits: 30,
        heldForReview: false,
      });
    });

    it('gives the proportional amount after some credits were used, and CREDITS_USED after all were', async () => {
      const user = await trader();
      const p = await buyCredits(api.url, fake, user);
      await setBalance(env.dataSource, user.id, 20);
      const partial = await request(api.url).get(`/api/payments/${p.paymentKey}/refund-eligibility`).set(bearer(user)).expect(200);
      expect(partial.body).toMatchObject({ eligible: true, refundAmount: 6600, refundableCredits: 20 });
      await setBalance(env.dataSource, user.id, 0);
      const none = await request(api.url).get(`/api/payments/${p.paymentKey}/refund-eligibility`).set(bearer(user)).expect(200);
      expect(none.body).toMatchObject({ eligible: false, reason: 'CREDITS_USED', refundAmount: 0, refundableCredits: 0 });
      expect(none.body.message.ko).toMatch(/[가-힣]/);
      const refused = await requestRefund(user, { paymentId: p.paymentKey, reason: 'changed my mind' }).expect(422);
      expect(refused.body).toMatchObject({ code: 'CREDITS_USED', details: { message: { ko: expect.any(String), en: expect.any(String) } } });
    });

    it('says a large purchase will be held for review', async () => {
      const user = await trader();
      const p = await buyCredits(api.url, fake, user, 'credits-350');
      const res = await request(api.url).get(`/api/payments/${p.paymentKey}/refund-eligibility`).set(bearer(user)).expect(200);
      expect(res.body).toMatchObject({ eligible: true, refundAmount: 99000, heldForReview: true });
    });

    it("answers 404 for another user's payment and for an unknown one", async () => {
      const owner = await trader();
      const other = await trader();
      const p = await buyCredits(api.url, fake, owner);
      await request(api.url).get(`/api/payments/${p.paymentKey}/refund-eligibility`).set(bearer(other)).expect(404);
      await request(api.url).get(`/api/payments/nope/refund-eligibility`).set(bearer(other)).expect(404);
      await requestRefund(other, { paymentId: p.paymentKey, reason: 'not mine' }).expect(404);
    });
  });

  describe('processing', () => {
    it('refunds an untouched purchase in full: one full cancel, one clawback, a refund.updated event', async () => {
      const user = await trader();
      const p = await buyCredits(api.url, fake, user);
      const socket: Socket = io(api.url, { transports: ['websocket'], reconnection: false, auth: { token: user.accessToken } });
      const events: Array<{ refundId: string; status: string }> = [];
      socket.on('refund.updated', (e) => events.push(e));
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
      try {
        const created = await requestRefund(user, { paymentId: p.paymentKey, reason: 'I no longer need them' }, 'full-1').expect(201);
        expect(created.body).toMatchObject({ status: 'pending', refundAmount: 9900, refundableCredits: 30, kind: 'self_service' });
        const row = await waitForStatus(env.dataSource, created.body.id, ['approved', 'failed']);
        expect(row).toMatchObject({ status: 'approved', clawed_back_credits: 30, clawback_shortfall: 0, completed_via: 'worker' });

        const calls = cancelCalls(p.paymentKey);
        expect(calls).toHaveLength(1);
        expect(calls[0].headers['idempotency-key']).toBe(`refund:${created.body.id}`);
        expect(calls[0].body).toMatchObject({ refundableAmount: 9900 });
        expect(calls[0].body).not.toHaveProperty('cancelAmount');
        expect(fake.appliedCancels(p.paymentKey)).toBe(1);
        expect(await clawbacks(env.dataSource, created.body.id)).toEqual([{ amount: -30 }]);
        expect(await balanceOf(env.dataSource, user.id)).toBe(0);

        const [payment] = await env.dataSource.query(`SELECT status, balance_amount FROM payments WHERE payment_key = $1`, [p.paymentKey]);
        expect(payment).toEqual({ status: 'CANCELED', balance_amount: 0 });

        const mine = await request(api.url).get(`/api/refunds/${created.body.id}`).set(bearer(user)).expect(200);
        expect(mine.body).toMatchObject({ id: created.body.id, status: 'approved', pgRefundId: row.pg_refund_id, clawedBackCredits: 30 });
        const list = await request(api.url).get('/api/refunds').set(bearer(user)).expect(200);
        expect(list.body).toMatchObject({ total: 1, items: [{ id: created.body.id }] });

        await waitFor(async () => events.some((e) => e.refundId === created.body.id && e.status === 'approved'), 'refund.updated approved');
        expect(events.map((e) => e.status)).toEqual(expect.arrayContaining(['pending', 'processing', 'approved']));

        const after = await request(api.url).get(`/api/payments/${p.paymentKey}/refund-eligibility`).set(bearer(user)).expect(200);
        expect(after.body).toMatchObject({ eligible: false, reason: 'ALREADY_REFUNDED' });
      } finally {
        socket.disconnect();
      }
    });

    it('refunds 20/30 of the price after 10 of 30 credits were used: a partial cancel guarded by the balance', async () => {
      const user = await trader();
      const p = await buyCredits(api.url, fake, user);
      await setBalance(env.dataSource, user.id, 20);
      const created = await requestRefund(user, { paymentId: p.paymentKey, reason: 'used a third of it' }).expect(201);
      expect(created.body).toMatchObject({ refundAmount: 6600, refundableCredits: 20 });
      const row = await waitForStatus(env.dataSource, created.body.id, ['approved', 'failed']);
      expect(row.status).toBe('approved');
      expect(cancelCalls(p.paymentKey)[0].body).toMatchObject({ cancelAmount: 6600, refundableAmount: 9900 });
      expect(await clawbacks(env.dataSource, created.body.id)).toEqual([{ amount: -20 }]);
      const [payment] = await env.dataSource.query(`SELECT status, balance_amount FROM payments WHERE payment_key = $1`, [p.paymentKey]);
      expect(payment).toEqual({ status: 'PARTIAL_CANCELED', balance_amount: 3300 });
    });

    it('records a shortfall instead of a negative balance when the credits were spent before the cancel completed', async () => {
      const user = await trader();
      const p = await buyCredits(api.url, fake, user, 'credits-350');
      const created = await requestRefund(user, { paymentId: p.paymentKey, reason: 'big one, reviewed' }).expect(201);
      expect(created.body.status).toBe('held');
      await setBalance(env.dataSource, user.id, 100); // 250 spent while support looked at it
      await request(api.url).post(`/api/admin/refunds/${created.body.id}/approve`).set(bearer(support)).expect(200);
      const row = await waitForStatus(env.dataSource, created.body.id, ['approved', 'failed']);
      expect(row).toMatchObject({ status: 'approved', refundable_credits: 350, clawed_back_credits: 100, clawback_shortfall: 250 });
      expect(await balanceOf(env.dataSource, user.id)).toBe(0);
    });

    it('50 concurrent requests for one payment give one request, one cancel at the gateway and one clawback', async () => {
      const user = await trader();
      const p = await buyCredits(api.url, fake, user);
      const body = { paymentId: p.paymentKey, reason: 'double clicked a lot' };
      const results = await Promise.all(Array.from({ length: 50 }, (_, i) => requestRefund(user, body, i % 2 === 0 ? 'same-key' : `key-${i}`)));
      const created = results.filter((r) => r.status === 201);
      expect(created).toHaveLength(1);
      const id = created[0].body.id;
      const sameKeyWon = results.findIndex((r) => r.status === 201) % 2 === 0;
      for (const [i, r] of results.entries()) {
        if (r.status === 201) continue;
        if (i % 2 === 0 && sameKeyWon) {
          expect([r.status, r.body.id]).toEqual([200, id]); // a replay of the one request
        } else {
          expect(r.status).toBe(409);
          // The first request may even have been approved before the last ones were served.
          expect(['REFUND_IN_PROGRESS', 'ALREADY_REFUNDED']).toContain(r.body.code);
        }
      }
      const [{ n }] = await env.dataSource.query(`SELECT count(*)::int AS n FROM refund_requests WHERE payment_key = $1`, [p.paymentKey]);
      expect(n).toBe(1);
      await waitForStatus(env.dataSource, id, ['approved']);
      const later = await requestRefund(user, body, 'same-key');
      expect(later.status).toBe(sameKeyWon ? 200 : 409);
      expect(fake.appliedCancels(p.paymentKey)).toBe(1);
      expect(await clawbacks(env.dataSource, id)).toHaveLength(1);
    });

    it('a timeout after Toss applied the cancel is read back on the retry: one cancel, one clawback', async () => {
      const user = await trader();
      const p = await buyCredits(api.url, fake, user);
      fake.injectFault({ op: 'cancel', kind: 'timeout-after-apply', paymentKey: p.paymentKey });
      const created = await requestRefund(user, { paymentId: p.paymentKey, reason: 'slow network' }).expect(201);
      const row = await waitForStatus(env.dataSource, created.body.id, ['approved', 'failed']);
      expect(row.status).toBe('approved');
      expect(fake.appliedCancels(p.paymentKey)).toBe(1);
      expect(await clawbacks(env.dataSource, created.body.id)).toHaveLength(1);
      const calls = await env.dataSource.query(`SELECT operation, outcome, error_code FROM refund_gateway_calls WHERE refund_id = $1 ORDER BY started_at`, [created.body.id]);
      expect(calls).toEqual([
        { operation: 'cancel', outcome: 'unknown', error_code: 'TIMEOUT' },
        { operation: 'get', outcome: 'ok', error_code: null },
      ]);
    });

    it('a timeout, then a failed read-back: the retry sends the same key and Toss replays the first answer', async () => {
      const user = await trader();
      const p = await buyCredits(api.url, fake, user);
      fake.injectFault({ op: 'cancel', kind: 'timeout-after-apply', paymentKey: p.paymentKey });
      fake.injectFault({ op: 'get', kind: 'http500', paymentKey: p.paymentKey });
      const created = await requestRefund(user, { paymentId: p.paymentKey, reason: 'slow network again' }).expect(201);
      const row = await waitForStatus(env.dataSource, created.body.id, ['approved', 'failed']);
      expect(row.status).toBe('approved');
      const keys = cancelCalls(p.paymentKey).map((c) => c.headers['idempotency-key']);
      expect(keys).toEqual([`refund:${created.body.id}`, `refund:${created.body.id}`]);
      expect(fake.appliedCancels(p.paymentKey)).toBe(1);
      expect(await clawbacks(env.dataSource, created.body.id)).toEqual([{ amount: -30 }]);
    });

    it.each(['http500', 'provider-error', 'idempotent-processing', 'timeout-before-apply'] as const)(
      'an unknown outcome (%s) is retried with the same key until it goes through once',
      async (kind) => {
        const user = await trader();
        const p = await buyCredits(api.url, fake, user);
        fake.injectFault({ op: 'cancel', kind, paymentKey: p.paymentKey });
        const created = await requestRefund(user, { paymentId: p.paymentKey, reason: `flaky gateway ${kind}` }).expect(201);
        const row = await waitForStatus(env.dataSource, created.body.id, ['approved', 'failed']);
        expect(row.status).toBe('approved');
        expect(new Set(cancelCalls(p.paymentKey).map((c) => c.headers['idempotency-key']))).toEqual(new Set([`refund:${created.body.id}`]));
        expect(fake.appliedCancels(p.paymentKey)).toBe(1);
        expect(await clawbacks(env.dataSource, created.body.id)).toHaveLength(1);
      },
    );

    it('ALREADY_CANCELED_PAYMENT after a timeout is a success found by reconciliation, not a failure', async () => {
      const user = await trader();
      const p = await buyCredits(api.url, fake, user);
      fake.injectFault({ op: 'cancel', kind: 'timeout-after-apply', paymentKey: p.paymentKey });
      fake.injectFault({ op: 'get', kind: 'http500', paymentKey: p.paymentKey });
      fake.injectFault({ op: 'cancel', kind: 'already-canceled', paymentKey: p.paymentKey });
      const created = await requestRefund(user, { paymentId: p.paymentKey, reason: 'timeout then already canceled' }).expect(201);
      const row = await waitForStatus(env.dataSource, created.body.id, ['approved', 'failed']);
      expect(row).toMatchObject({ status: 'approved', failure_code: null });
      const outcomes = await env.dataSource.query(`SELECT operation, error_code FROM refund_gateway_calls WHERE refund_id = $1 ORDER BY started_at`, [created.body.id]);
      expect(outcomes.map((c: { error_code: string | null }) => c.error_code)).toEqual(['TIMEOUT', 'FAILED_INTERNAL_SYSTEM_PROCESSING', 'ALREADY_CANCELED_PAYMENT', null]);
      expect(fake.appliedCancels(p.paymentKey)).toBe(1);
      expect(await clawbacks(env.dataSource, created.body.id)).toHaveLength(1);
    });

    it('a definite refusal is recorded as failed with the gateway code; support retries it under a new key', async () => {
      const user = await trader();
      const p = await buyCredits(api.url, fake, user);
      fake.injectFault({ op: 'cancel', kind: 'already-canceled', paymentKey: p.paymentKey });
      const created = await requestRefund(user, { paymentId: p.paymentKey, reason: 'gateway says no' }).expect(201);
      const failed = await waitForStatus(env.dataSource, created.body.id, ['approved', 'failed']);
      expect(failed).toMatchObject({ status: 'failed', failure_code: 'ALREADY_CANCELED_PAYMENT', clawed_back_credits: null });
      expect(await clawbacks(env.dataSource, created.body.id)).toHaveLength(0);
      expect(await balanceOf(env.dataSource, user.id)).toBe(30);
      const mine = await request(api.url).get(`/api/refunds/${created.body.id}`).set(bearer(user)).expect(200);
      expect(mine.body).toMatchObject({ status: 'failed', failureCode: 'ALREADY_CANCELED_PAYMENT' });

      const retried = await request(api.url).post(`/api/admin/refunds/${created.body.id}/retry`).set(bearer(support)).expect(200);
      expect(retried.body).toMatchObject({ status: 'pending', gatewayAttempt: 2, gatewayIdempotencyKey: `refund:${created.body.id}:attempt-2` });
      const approved = await waitForStatus(env.dataSource, created.body.id, ['approved', 'failed']);
      expect(approved.status).toBe('approved');
      expect(cancelCalls(p.paymentKey).map((c) => c.headers['idempotency-key'])).toEqual([`refund:${created.body.id}`, `refund:${created.body.id}:attempt-2`]);
      expect(fake.appliedCancels(p.paymentKey)).toBe(1);
      expect(await clawbacks(env.dataSource, created.body.id)).toHaveLength(1);

      const audit = await auditOf(created.body.id);
      const retry = audit.find((a) => a.action === 'refund.retry');
      expect(retry).toMatchObject({ actor_id: support.id, before: { status: 'failed', gatewayAttempt: 1 }, after: { status: 'pending', gatewayAttempt: 2 } });
    });

    it('the payment webhook reporting the cancel does not make the refund apply twice', async () => {
      const user = await trader();
      const p = await buyCredits(api.url, fake, user);
      fake.injectFault({ op: 'cancel', kind: 'timeout-after-apply', paymentKey: p.paymentKey });
      const created = await requestRefund(user, { paymentId: p.paymentKey, reason: 'webhook races the worker' }).expect(201);
      await waitFor(async () => fake.appliedCancels(p.paymentKey) === 1, 'the cancel to be applied');
      const webhook = { eventType: 'PAYMENT_STATUS_CHANGED', data: { paymentKey: p.paymentKey } };
      await request(api.url).post('/api/payments/webhook').send(webhook).expect(200);
      const row = await waitForStatus(env.dataSource, created.body.id, ['approved', 'failed']);
      expect(row.status).toBe('approved');
      await request(api.url).post('/api/payments/webhook').send(webhook).expect(200);
      await worker.get(RefundReconciler).reconcile();
      expect(await clawbacks(env.dataSource, created.body.id)).toEqual([{ amount: -30 }]);
      expect(await balanceOf(env.dataSource, user.id)).toBe(0);
      const [payment] = await env.dataSource.query(`SELECT status, balance_amount FROM payments WHERE payment_key = $1`, [p.paymentKey]);
      expect(payment).toEqual({ status: 'CANCELED', balance_amount: 0 });
    });

    it('the reconciler settles a refund left processing whose cancel went through, exactly once', async () => {
      const user = await trader();
      const p = await buyCredits(api.url, fake, user);
      // A refund row left `processing` with its cancel applied at Toss but never recorded (as after a crash).
      const id = '5f1b1c39-2f0a-4a5e-9d38-0c1de3c4b7a1';
      await env.dataSource.query(
        `INSERT INTO refund_requests (id, user_id, payment_key, status, reason, refund_amount, refundable_credits, gateway_idempotency_key, guard_balance_amount)
         VALUES ($1, $2, $3, 'processing', 'left behind', 9900, 30, $4, 9900)`,
        [id, user.id, p.paymentKey, `refund:${id}`],
      );
      const applied = await fake.simulator.cancel(p.paymentKey, { cancelReason: `[refund ${id}] left behind`, refundableAmount: 9900 }, `refund:${id}`);
      expect(applied.status).toBe(200);
      const reconciler = worker.get(RefundReconciler);
      const reports = await Promise.all([reconciler.reconcile(), reconciler.reconcile()]);
      expect(reports.reduce((n, r) => n + r.approved, 0)).toBe(1);
      expect(await refundRow(env.dataSource, id)).toMatchObject({ status: 'approved', completed_via: 'reconciler', clawed_back_credits: 30 });
      await reconciler.reconcile();
      expect(await clawbacks(env.dataSource, id)).toHaveLength(1);
      expect(fake.appliedCancels(p.paymentKey)).toBe(0); // applied straight on the simulator, not through HTTP
    });
  });

  describe('support console', () => {
    it('approves a held request; the approval is audited with before and after', async () => {
      const user = await trader();
      const p = await buyCredits(api.url, fake, user, 'credits-350');
      const created = await requestRefund(user, { paymentId: p.paymentKey, reason: 'large refund' }).expect(201);
      expect(created.body.status).toBe('held');
      expect(cancelCalls(p.paymentKey)).toHaveLength(0);

      const approved = await request(api.url).post(`/api/admin/refunds/${created.body.id}/approve`).set(bearer(admin)).expect(200);
      expect(approved.body).toMatchObject({ id: created.body.id, status: 'processing', reviewedBy: admin.id });
      expect((await waitForStatus(env.dataSource, created.body.id, ['approved', 'failed'])).status).toBe('approved');
      expect(fake.appliedCancels(p.paymentKey)).toBe(1);

      const audit = await auditOf(created.body.id);
      expect(audit.find((a) => a.action === 'refund.approve')).toMatchObject({ actor_id: admin.id, before: { status: 'held' }, after: { status: 'processing' } });
      await request(api.url).post(`/api/admin/refunds/${created.body.id}/approve`).set(bearer(admin)).expect(409);
    });

    it('rejects a held request with a reason (audited); invalid transitions answer 409 INVALID_REFUND_TRANSITION', async () => {
      const user = await trader();
      const p = await buyCredits(api.url, fake, user, 'credits-350');
      const created = await requestRefund(user, { paymentId: p.paymentKey, reason: 'large refund to reject' }).expect(201);
      const rejected = await request(api.url).post(`/api/admin/refunds/${created.body.id}/reject`).set(bearer(support)).send({ reason: 'Account under review' }).expect(200);
      expect(rejected.body).toMatchObject({ status: 'rejected', rejectionReason: 'Account under review' });
      const audit = await auditOf(created.body.id);
      expect(audit.find((a) => a.action === 'refund.reject')).toMatchObject({
        actor_id: support.id,
        before: { status: 'held' },
        after: { status: 'rejected', rejectionReason: 'Account under review' },
      });
      for (const action of ['approve', 'retry']) {
        const res = await request(api.url).post(`/api/admin/refunds/${created.body.id}/${action}`).set(bearer(support)).expect(409);
        expect(res.body.code).toBe('INVALID_REFUND_TRANSITION');
      }
      const again = await request(api.url).post(`/api/admin/refunds/${created.body.id}/reject`).set(bearer(support)).send({ reason: 'twice' }).expect(409);
      expect(again.body.code).toBe('INVALID_REFUND_TRANSITION');
      expect(cancelCalls(p.paymentKey)).toHaveLength(0);
      expect(await balanceOf(env.dataSource, user.id)).toBe(350);
      // Rejected is closed: the customer may ask again.
      const eligibility = await request(api.url).get(`/api/payments/${p.paymentKey}/refund-eligibility`).set(bearer(user)).expect(200);
      expect(eligibility.body.eligible).toBe(true);
    });

    it('issues a goodwill refund outside the policy with a written reason (audited)', async () => {
      const user = await trader();
      const p = await buyCredits(api.url, fake, user);
      await setBalance(env.dataSource, user.id, 0);
      await requestRefund(user, { paymentId: p.paymentKey, reason: 'all used' }).expect(422);

      await request(api.url).post(`/api/admin/payments/${p.paymentKey}/refund`).set(bearer(admin)).send({ reason: 'too short', overridePolicy: true }).expect(400);
      await request(api.url).post(`/api/admin/payments/${p.paymentKey}/refund`).set(bearer(admin)).send({ reason: 'Outage ruined every run', overridePolicy: false }).expect(400);
      await request(api.url).post(`/api/admin/payments/${p.paymentKey}/refund`).set(bearer(admin)).send({ reason: 'Outage ruined every run' }).expect(400);
      const tooMuch = await request(api.url).post(`/api/admin/payments/${p.paymentKey}/refund`).set(bearer(admin)).send({ reason: 'Outage ruined every run', overridePolicy: true, amount: 10_000 }).expect(400);
      expect(tooMuch.body.code).toBe('INVALID_REFUND_AMOUNT');
      await request(api.url).post(`/api/admin/payments/unknown-key/refund`).set(bearer(admin)).send({ reason: 'Outage ruined every run', overridePolicy: true }).expect(404);

      const created = await request(api.url)
        .post(`/api/admin/payments/${p.paymentKey}/refund`)
        .set(bearer(support))
        .send({ reason: 'Outage ruined every run', overridePolicy: true, amount: 5000 })
        .expect(201);
      expect(created.body).toMatchObject({ kind: 'override', status: 'pending', refundAmount: 5000, refundableCredits: 0, requestedBy: support.id, userId: user.id });
      expect((await waitForStatus(env.dataSource, created.body.id, ['approved', 'failed'])).status).toBe('approved');
      expect(cancelCalls(p.paymentKey)[0].body).toMatchObject({ cancelAmount: 5000, refundableAmount: 9900 });
      const audit = await auditOf(created.body.id);
      expect(audit.find((a) => a.action === 'refund.override')).toMatchObject({
        actor_id: support.id,
        before: { paymentStatus: 'DONE', balanceAmount: 9900 },
        after: { refundAmount: 5000, reason: 'Outage ruined every run', overridePolicy: true },
      });
      const mine = await request(api.url).get(`/api/refunds/${created.body.id}`).set(bearer(user)).expect(200);
      expect(mine.body).toMatchObject({ status: 'approved', kind: 'override' });
    });

    it('lists refunds with filters and pagination, and shows a refund with its payment, ledger and gateway calls', async () => {
      const user = await trader();
      const p = await buyCredits(api.url, fake, user);
      fake.injectFault({ op: 'cancel', kind: 'http500', paymentKey: p.paymentKey });
      const created = await requestRefund(user, { paymentId: p.paymentKey, reason: 'for the console' }).expect(201);
      await waitForStatus(env.dataSource, created.body.id, ['approved']);

      const list = await request(api.url).get('/api/admin/refunds').query({ userId: user.id, status: 'approved', limit: 1, offset: 0 }).set(bearer(support)).expect(200);
      expect(list.body).toMatchObject({ total: 1, limit: 1, offset: 0, items: [{ id: created.body.id, userId: user.id, status: 'approved' }] });
      const none = await request(api.url).get('/api/admin/refunds').query({ userId: user.id, status: 'failed' }).set(bearer(support)).expect(200);
      expect(none.body.total).toBe(0);
      const future = await request(api.url).get('/api/admin/refunds').query({ userId: user.id, from: new Date(Date.now() + 60_000).toISOString() }).set(bearer(support)).expect(200);
      expect(future.body.total).toBe(0);
      const all = await request(api.url).get('/api/admin/refunds').query({ limit: 2 }).set(bearer(admin)).expect(200);
      expect(all.body.items).toHaveLength(2);
      expect(all.body.total).toBeGreaterThan(2);

      const detail = await request(api.url).get(`/api/admin/refunds/${created.body.id}`).set(bearer(support)).expect(200);
      expect(detail.body.refund).toMatchObject({ id: created.body.id, status: 'approved', gatewayIdempotencyKey: `refund:${created.body.id}`, completedVia: 'worker' });
      expect(detail.body.payment).toMatchObject({ paymentKey: p.paymentKey, status: 'CANCELED', balanceAmount: 0 });
      expect(detail.body.balance).toBe(0);
      expect(detail.body.ledger.map((e: { reason: string; amount: number }) => [e.reason, e.amount])).toEqual([
        ['purchase', 30],
        ['refund_clawback', -30],
      ]);
      expect(detail.body.gatewayCalls.map((c: { operation: string; outcome: string; errorCode: string | null }) => [c.operation, c.outcome, c.errorCode])).toEqual([
        ['cancel', 'unknown', 'FAILED_INTERNAL_SYSTEM_PROCESSING'],
        ['get', 'ok', null],
        ['cancel', 'ok', null],
      ]);
      expect(detail.body.gatewayCalls[0]).toMatchObject({ idempotencyKey: `refund:${created.body.id}`, httpStatus: 500, durationMs: expect.any(Number) });

      await request(api.url).get('/api/admin/refunds/00000000-0000-4000-8000-000000000000').set(bearer(support)).expect(404);
      await request(api.url).get('/api/admin/refunds/not-a-uuid').set(bearer(support)).expect(404);
    });
  });

  describe('access and validation', () => {
    it('answers 403 to a trader on every admin route and 404 for another user’s refund', async () => {
      const owner = await trader();
      const other = await trader();
      const p = await buyCredits(api.url, fake, owner, 'credits-350');
      const created = await requestRefund(owner, { paymentId: p.paymentKey, reason: 'held for the access test' }).expect(201);
      const id = created.body.id;
      await request(api.url).get('/api/admin/refunds').set(bearer(owner)).expect(403);
      await request(api.url).get(`/api/admin/refunds/${id}`).set(bearer(owner)).expect(403);
      await request(api.url).post(`/api/admin/refunds/${id}/approve`).set(bearer(owner)).expect(403);
      await request(api.url).post(`/api/admin/refunds/${id}/reject`).set(bearer(owner)).send({ reason: 'nope nope' }).expect(403);
      await request(api.url).post(`/api/admin/refunds/${id}/retry`).set(bearer(owner)).expect(403);
      await request(api.url).post(`/api/admin/payments/${p.paymentKey}/refund`).set(bearer(owner)).send({ reason: 'give me my money', overridePolicy: true }).expect(403);
      expect((await refundRow(env.dataSource, id)).status).toBe('held');

      await request(api.url).get(`/api/refunds/${id}`).set(bearer(other)).expect(404);
      await request(api.url).get('/api/refunds/not-a-uuid').set(bearer(other)).expect(404);
      const theirs = await request(api.url).get('/api/refunds').set(bearer(other)).expect(200);
      expect(theirs.body.total).toBe(0);
      await request(api.url).get('/api/refunds').expect(401);
      await request(api.url).post('/api/refunds').send({ paymentId: p.paymentKey, reason: 'x' }).expect(401);
    });

    it('answers a second request for a payment with an open one with 409 REFUND_IN_PROGRESS, and a reused key for another payment with 409', async () => {
      const user = await trader();
      const p = await buyCredits(api.url, fake, user, 'credits-350');
      await requestRefund(user, { paymentId: p.paymentKey, reason: 'first' }, 'k-open').expect(201);
      const again = await requestRefund(user, { paymentId: p.paymentKey, reason: 'second' }).expect(409);
      expect(again.body.code).toBe('REFUND_IN_PROGRESS');
      const replay = await requestRefund(user, { paymentId: p.paymentKey, reason: 'first' }, 'k-open').expect(200);
      expect(replay.body.status).toBe('held');
      const q = await buyCredits(api.url, fake, user);
      const reused = await requestRefund(user, { paymentId: q.paymentKey, reason: 'other payment' }, 'k-open').expect(409);
      expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
      // One open request per user at a time (it would otherwise get around the yearly limit).
      const second = await requestRefund(user, { paymentId: q.paymentKey, reason: 'other payment' }).expect(409);
      expect(second.body.code).toBe('REFUND_IN_PROGRESS');
    });

    it('refuses a second refund within a year with YEARLY_LIMIT', async () => {
      const user = await trader();
      const first = await buyCredits(api.url, fake, user);
      const created = await requestRefund(user, { paymentId: first.paymentKey, reason: 'first refund' }).expect(201);
      await waitForStatus(env.dataSource, created.body.id, ['approved']);
      const second = await buyCredits(api.url, fake, user);
      const res = await requestRefund(user, { paymentId: second.paymentKey, reason: 'second refund' }).expect(422);
      expect(res.body).toMatchObject({ code: 'YEARLY_LIMIT', details: { message: { ko: expect.stringMatching(/[가-힣]/), en: expect.any(String) } } });
    });

    it('refuses a purchase older than 14 days with OUTSIDE_WINDOW', async () => {
      const user = await trader();
      const p = await buyCredits(api.url, fake, user);
      await env.dataSource.query(`UPDATE payments SET approved_at = now() - interval '15 days' WHERE payment_key = $1`, [p.paymentKey]);
      const res = await requestRefund(user, { paymentId: p.paymentKey, reason: 'too late' }).expect(422);
      expect(res.body.code).toBe('OUTSIDE_WINDOW');
    });

    it.each([
      ['no body', {}, ['paymentId', 'reason']],
      ['a numeric paymentId', { paymentId: 7, reason: 'x' }, ['paymentId']],
      ['an empty reason', { paymentId: 'pk', reason: '   ' }, ['reason']],
      ['a reason of 501 characters', { paymentId: 'pk', reason: 'x'.repeat(501) }, ['reason']],
      ['an unknown field', { paymentId: 'pk', reason: 'x', amount: 1 }, ['amount']],
    ])('POST /api/refunds with %s answers 400 naming the fields', async (_name, body, fields) => {
      const user = await trader();
      const res = await requestRefund(user, body as Record<string, unknown>).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details.fields.map((f: { field: string }) => f.field).sort()).toEqual([...fields].sort());
    });

    it('answers 400 to a bad Idempotency-Key, bad admin bodies and bad admin queries', async () => {
      const user = await trader();
      const res = await requestRefund(user, { paymentId: 'pk', reason: 'x' }, 'k'.repeat(201)).expect(400);
      expect(res.body.code).toBe('INVALID_IDEMPOTENCY_KEY');
      const id = '00000000-0000-4000-8000-000000000000';
      await request(api.url).post(`/api/admin/refunds/${id}/reject`).set(bearer(support)).send({}).expect(400);
      await request(api.url).post(`/api/admin/refunds/${id}/reject`).set(bearer(support)).send({ reason: 42 }).expect(400);
      await request(api.url).post(`/api/admin/payments/pk/refund`).set(bearer(support)).send({ reason: 'long enough reason', overridePolicy: true, amount: 1.5 }).expect(400);
      await request(api.url).post(`/api/admin/payments/pk/refund`).set(bearer(support)).send({ reason: 'long enough reason', overridePolicy: 'true' }).expect(400);
      await request(api.url).get('/api/admin/refunds').query({ status: 'bogus' }).set(bearer(support)).expect(400);
      await request(api.url).get('/api/admin/refunds').query({ limit: 0 }).set(bearer(support)).expect(400);
      await request(api.url).get('/api/admin/refunds').query({ userId: 'nope' }).set(bearer(support)).expect(400);
      await request(api.url).get('/api/admin/refunds').query({ from: 'yesterday' }).set(bearer(support)).expect(400);
      await request(api.url).get('/api/refunds').query({ limit: 1000 }).set(bearer(user)).expect(400);
    });
  });
});
