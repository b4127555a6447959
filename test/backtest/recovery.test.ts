import request from 'supertest';
import type { Socket } from 'socket.io-client';
import { BacktestQueue } from '@app/backtest';
import { assertLedgerBalanced, bearer, createUser, type TestUser } from '../support/auth';
import { createTestEnv, type TestEnv } from '../support/test-env';
import { startTestApi } from '../support/test-app';
import { startWorker, type WorkerProcess } from '../support/worker-process';
import {
  FAST_WORKER_ENV,
  backtestBody,
  backtestsQueue,
  connectSocket,
  ledgerOf,
  seedSymbol,
  submit,
  waitFor,
  waitForStatus,
} from './support';

/** Crashes and failures, with real worker processes that pause 2.5 s after loading data. */
describe('backtest recovery (real worker processes)', () => {
  let env: TestEnv;
  let api: Awaited<ReturnType<typeof startTestApi>>;
  const workers: WorkerProcess[] = [];
  let alice: TestUser;
  let socket: Socket;
  const events: Array<{ name: string; payload: { backtestId: string; pct?: number } }> = [];
  const workerEnv = { BACKTEST_TEST_DELAY_MS: '2500', BACKTEST_TEST_FAIL_TICKER: 'BOOM' };

  const eventsOf = (id: string) => events.filter((e) => e.payload.backtestId === id);

  beforeAll(async () => {
    env = await createTestEnv(FAST_WORKER_ENV);
    await seedSymbol(env.dataSource, 'SYN');
    await seedSymbol(env.dataSource, 'BOOM');
    api = await startTestApi();
    alice = await createUser(env.dataSource, api.url, { plan: 'basic', credits: 100 });
    socket = await connectSocket(api.url, { token: alice.accessToken });
    socket.onAny((name, payload) => events.push({ name, payload }));
  });

  afterAll(async () => {
    socket?.close();
    await Promise.all(workers.map((w) => w.stop()));
    await api?.close();
    if (env) await assertLedgerBalanced(env.dataSource);
    await env?.teardown();
  });

  it('finishes the job of a SIGKILLed worker on another worker: one result, one charge', async () => {
    const doomed = await startWorker(env.env, workerEnv);
    workers.push(doomed);
    const res = await submit(api.url, alice.accessToken, backtestBody());
    const id = res.body.id as string;
    await waitFor(async () => eventsOf(id).find((e) => e.payload.pct === 10), 20_000, 'step 10');
    await doomed.kill();

    const survivor = await startWorker(env.env, workerEnv);
    workers.push(survivor);
    const row = await waitForStatus(env.dataSource, id, ['completed', 'failed'], 30_000);
    expect(row.status).toBe('completed');
    expect(row.attempts).toBe(2);
    const [{ n }] = await env.dataSource.query(
      `SELECT count(*)::int AS n FROM backtest_results WHERE backtest_id = $1`,
      [id],
    );
    expect(n).toBe(1);
    expect(await ledgerOf(env.dataSource, id)).toEqual({ backtest_charge: [-3] });
    await waitFor(
      async () => eventsOf(id).find((e) => e.name === 'backtest.completed'),
      5000,
      'completed event',
    );
  });

  it('fails a job whose engine run throws after 3 attempts, and refunds it exactly once', async () => {
    const res = await submit(api.url, alice.accessToken, backtestBody({ symbol: 'BOOM' }));
    const id = res.body.id as string;
    const row = await waitForStatus(env.dataSource, id, ['failed', 'completed'], 40_000);
    expect(row).toMatchObject({ status: 'failed', attempts: 3, error: 'simulated engine failure for BOOM' });
    await waitFor(async () => eventsOf(id).find((e) => e.name === 'backtest.failed'), 5000, 'failed event');
    // Let the failed listener and the reconciler have their go: still one refund.
    await new Promise((r) => setTimeout(r, 1500));
    expect(await ledgerOf(env.dataSource, id)).toEqual({ backtest_charge: [-3], backtest_refund: [3] });
    expect(eventsOf(id).filter((e) => e.name === 'backtest.failed')).toHaveLength(1);
    const queue = backtestsQueue(env);
    const job = await queue.getJob(id);
    expect(job?.attemptsMade).toBe(3);
    await queue.close();
  });

  it('heals a crash between commit and enqueue with the reconciler', async () => {
    const enqueue = jest
      .spyOn(api.app.get(BacktestQueue), 'enqueue')
      .mockRejectedValueOnce(new Error('simulated crash before enqueue'));
    const res = await submit(api.url, alice.accessToken, backtestBody());
    expect(res.status).toBe(202);
    enqueue.mockRestore();
    const id = res.body.id as string;
    const queue = backtestsQueue(env);
    expect(await queue.getJob(id)).toBeUndefined();
    await queue.close();

    const row = await waitForStatus(env.dataSource, id, ['completed', 'failed'], 30_000);
    expect(row.status).toBe('completed');
    expect(await ledgerOf(env.dataSource, id)).toEqual({ backtest_charge: [-3] });
  });

  it('stops a running job at its next step when canceled, refunds it once, and answers 409 afterwards', async () => {
    const res = await submit(api.url, alice.accessToken, backtestBody());
    const id = res.body.id as string;
    await waitFor(async () => eventsOf(id).find((e) => e.payload.pct === 10), 20_000, 'step 10');

    const del = await request(api.url).delete(`/api/backtests/${id}`).set(bearer(alice));
    expect(del.status).toBe(200);
    expect(del.body.status).toBe('active');
    expect(del.body.cancelRequestedAt).not.toBeNull();

    const row = await waitForStatus(env.dataSource, id, ['canceled', 'completed', 'failed'], 20_000);
    expect(row.status).toBe('canceled');
    expect(row.progress).toBe(10);
    await waitFor(
      async () => eventsOf(id).find((e) => e.name === 'backtest.canceled'),
      5000,
      'canceled event',
    );
    expect(await ledgerOf(env.dataSource, id)).toEqual({ backtest_charge: [-3], backtest_refund: [3] });
    expect((await request(api.url).delete(`/api/backtests/${id}`).set(bearer(alice))).status).toBe(409);
  });

  it('cancels (and refunds) a job whose cancel was accepted after the worker last checked the flag', async () => {
    const res = await submit(api.url, alice.accessToken, backtestBody());
    const id = res.body.id as string;
    await waitFor(async () => eventsOf(id).find((e) => e.payload.pct === 10), 20_000, 'step 10');
    // The API's cancel records cancel_requested_at while the row is active; here it lands without the
    // Redis flag the worker polls, as when the API's write comes just after the worker's last check.
    await env.dataSource.query(`UPDATE backtests SET cancel_requested_at = now() WHERE id = $1 AND status = 'active'`, [id]);

    const row = await waitForStatus(env.dataSource, id, ['canceled', 'completed', 'failed'], 20_000);
    expect(row.status).toBe('canceled');
    expect(await env.dataSource.query(`SELECT 1 FROM backtest_results WHERE backtest_id = $1`, [id])).toEqual([]);
    expect(await ledgerOf(env.dataSource, id)).toEqual({ backtest_charge: [-3], backtest_refund: [3] });
  });

  it('answers 409 to canceling a completed job', async () => {
    const [done] = await env.dataSource.query(`SELECT id FROM backtests WHERE status = 'completed' LIMIT 1`);
    const res = await request(api.url).delete(`/api/backtests/${done.id}`).set(bearer(alice));
    expect([res.status, res.body.code]).toEqual([409, 'BACKTEST_FINISHED']);
    expect(await ledgerOf(env.dataSource, done.id)).toEqual({ backtest_charge: [-3] });
  });
});
