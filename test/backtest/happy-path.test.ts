import request from 'supertest';
import type { Socket } from 'socket.io-client';
import type { BacktestCompletedEvent } from '@app/backtest';
import { assertLedgerBalanced, bearer, createUser, type TestUser } from '../support/auth';
import { createTestEnv, type TestEnv } from '../support/test-env';
import { startTestApi } from '../support/test-app';
import { startWorker, type WorkerProcess } from '../support/worker-process';
import {
  FAST_WORKER_ENV,
  backtestBody,
  connectSocket,
  ledgerOf,
  seedSymbol,
  submit,
  waitFor,
} from './support';

describe('backtest happy path (real worker process)', () => {
  let env: TestEnv;
  let api: Awaited<ReturnType<typeof startTestApi>>;
  let worker: WorkerProcess;
  let alice: TestUser;
  let bob: TestUser;
  let socket: Socket;
  let bobSocket: Socket;
  const bobEvents: unknown[] = [];

  beforeAll(async () => {
    env = await createTestEnv(FAST_WORKER_ENV);
    await seedSymbol(env.dataSource, 'SYN');
    api = await startTestApi();
    worker = await startWorker(env.env);
    alice = await createUser(env.dataSource, api.url, { plan: 'basic', credits: 50 });
    bob = await createUser(env.dataSource, api.url, { plan: 'pro', credits: 0 });
    socket = await connectSocket(api.url, { token: alice.accessToken });
    // Bob authenticates his socket with an API key, and tries to join Alice's room.
    const key = await request(api.url).post('/api/api-keys').set(bearer(bob)).send({ name: 'listener' });
    expect(key.status).toBe(201);
    bobSocket = await connectSocket(api.url, { apiKey: key.body.key });
    bobSocket.onAny((name, payload) => bobEvents.push({ name, payload }));
    expect(await bobSocket.emitWithAck('join', `user:${alice.id}`)).toEqual({
      ok: false,
      error: 'UNKNOWN_ROOM',
    });
  });

  afterAll(async () => {
    socket?.close();
    bobSocket?.close();
    await worker?.stop();
    await api?.close();
    if (env) await assertLedgerBalanced(env.dataSource);
    await env?.teardown();
  });

  it('charges, runs on a worker, streams every progress step and stores the result', async () => {
    const progress: Array<{ backtestId: string; pct: number; step: string; emittedAt: number }> = [];
    const completed: BacktestCompletedEvent[] = [];
    socket.on('backtest.progress', (e) => progress.push(e));
    socket.on('backtest.completed', (e) => completed.push(e));

    const res = await submit(api.url, alice.accessToken, backtestBody());
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({
      status: 'pending',
      cost: 3,
      symbol: 'SYN',
      plan: 'basic',
      strategyName: 'Inline strategy',
    });
    const id = res.body.id as string;

    await waitFor(async () => completed.find((e) => e.backtestId === id), 30_000, 'backtest.completed');
    const mine = progress.filter((e) => e.backtestId === id);
    expect(mine.map((e) => e.pct)).toEqual([10, 20, 30, 80, 100]);
    expect(mine.map((e) => e.step)).toEqual([
      'data_loaded',
      'indicators',
      'simulating',
      'statistics',
      'saved',
    ]);
    for (const e of mine) expect(typeof e.emittedAt).toBe('number');

    const got = await request(api.url).get(`/api/backtests/${id}`).set(bearer(alice));
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ status: 'completed', progress: 100, attempts: 1 });
    expect(typeof got.body.returnPct).toBe('number');
    expect(got.body.metrics.trades).toBeGreaterThan(0);
    expect(got.body.queueWaitMs).toBeGreaterThanOrEqual(0);
    expect(completed[0].metrics.returnPct).toBeCloseTo(got.body.returnPct, 9);

    const result = await request(api.url).get(`/api/backtests/${id}/result`).set(bearer(alice));
    expect(result.status).toBe(200);
    expect(result.body.equity.t.length).toBe(result.body.equity.v.length);
    expect(result.body.equity.t.length).toBeGreaterThan(100);
    expect(result.body.trades.length).toBe(got.body.metrics.trades);
    expect(Object.keys(result.body.trades[0]).sort()).toEqual(
      ['commission', 'entryBar', 'entryPrice', 'entryTime', 'exitBar', 'exitPrice', 'exitTime', 'pnl', 'returnPct', 'size'],
    );

    expect(await ledgerOf(env.dataSource, id)).toEqual({ backtest_charge: [-3] });
    const balance = await request(api.url).get('/api/credits').set(bearer(alice));
    expect(balance.body.balance).toBe(47);

    // Nothing of Alice's job reached Bob's socket.
    expect(bobEvents).toEqual([]);

    const list = await request(api.url).get('/api/backtests?sort=return').set(bearer(alice));
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(1);
    expect(list.body.items[0]).toMatchObject({
      id,
      symbol: 'SYN',
      strategyName: 'Inline strategy',
      status: 'completed',
    });
  });
});
