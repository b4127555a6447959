import request from 'supertest';
import { FakeTossServer } from '../support/fake-toss';
import { assertLedgerBalanced, bearer, createUser } from '../support/auth';
import { createTestEnv, type TestEnv } from '../support/test-env';
import { startTestApi } from '../support/test-app';
import { startWorker, type WorkerProcess } from '../support/worker-process';
import { TOSS_SECRET, balanceOf, buyCredits, clawbacks, refundRow, waitFor, waitForStatus } from './support';

jest.setTimeout(180_000);

describe('a worker killed between the gateway’s success and the database commit', () => {
  let fake: FakeTossServer;
  let env: TestEnv;
  let api: Awaited<ReturnType<typeof startTestApi>>;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    fake = await FakeTossServer.start({ secretKey: TOSS_SECRET });
    env = await createTestEnv({
      TOSS_SECRET_KEY: TOSS_SECRET,
      TOSS_BASE_URL: fake.baseUrl,
      TOSS_TIMEOUT_MS: '2000',
      SIGNUP_BONUS_CREDITS: '0',
      REFUND_BACKOFF_MS: '200',
      REFUND_RECONCILE_INTERVAL_MS: '500',
      REFUND_RECONCILE_GRACE_MS: '500',
    });
    api = await startTestApi();
  });

  afterAll(async () => {
    for (const w of workers) await w.stop(5_000).catch(() => undefined);
    await api?.close();
    await env?.teardown();
    await fake?.close();
  });

  afterEach(async () => {
    await assertLedgerBalanced(env.dataSource);
  });

  it('is completed by the reconciler of a fresh worker exactly once', async () => {
    const user = await createUser(env.dataSource, api.url, { credits: 0 });
    const p = await buyCredits(api.url, fake, user);

    const doomed = await startWorker(env.env, { REFUND_TEST_CRASH_AFTER_GATEWAY: '1' });
    workers.push(doomed);
    const died = new Promise<NodeJS.Signals | null>((resolve) => doomed.child.once('exit', (_code, signal) => resolve(signal)));

    const created = await request(api.url).post('/api/refunds').set(bearer(user)).send({ paymentId: p.paymentKey, reason: 'crash me' }).expect(201);
    const id: string = created.body.id;
    expect(await died).toBe('SIGKILL');

    // Toss cancelled, our database knows nothing of it yet.
    expect(fake.appliedCancels(p.paymentKey)).toBe(1);
    expect(await refundRow(env.dataSource, id)).toMatchObject({ status: 'processing', pg_refund_id: null, clawed_back_credits: null });
    expect(await clawbacks(env.dataSource, id)).toHaveLength(0);
    expect(await balanceOf(env.dataSource, user.id)).toBe(30);

    const fresh = await startWorker(env.env);
    workers.push(fresh);
    const row = await waitForStatus(env.dataSource, id, ['approved', 'failed'], 60_000);
    expect(row).toMatchObject({ status: 'approved', completed_via: 'reconciler', clawed_back_credits: 30, clawback_shortfall: 0 });
    expect(row.pg_refund_id).toEqual(expect.any(String));

    // Several more reconciler rounds change nothing.
    const rounds = async () =>
      Number((await env.dataSource.query(`SELECT count(*)::int AS n FROM refund_gateway_calls WHERE refund_id = $1 AND operation = 'get'`, [id]))[0].n);
    const seen = await rounds();
    await new Promise((r) => setTimeout(r, 2_000));
    expect(await rounds()).toBe(seen);
    expect(await clawbacks(env.dataSource, id)).toEqual([{ amount: -30 }]);
    expect(await balanceOf(env.dataSource, user.id)).toBe(0);
    expect(fake.appliedCancels(p.paymentKey)).toBe(1);
    expect(fake.requestsFor('cancel', p.paymentKey)).toHaveLength(1);
    const [payment] = await env.dataSource.query(`SELECT status, balance_amount FROM payments WHERE payment_key = $1`, [p.paymentKey]);
    expect(payment).toEqual({ status: 'CANCELED', balance_amount: 0 });
    const completions = await env.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE target_id = $1 AND action = 'refund.complete'`, [id]);
    expect(completions[0].n).toBe(1);
    await waitFor(async () => fresh.child.exitCode === null, 'the fresh worker to stay up');
  });
});
