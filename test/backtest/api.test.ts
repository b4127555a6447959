import { Queue } from 'bullmq';
import request from 'supertest';
import { assertLedgerBalanced, bearer, createUser, type TestUser } from '../support/auth';
import { createTestEnv, type TestEnv } from '../support/test-env';
import { startTestApi } from '../support/test-app';
import { SMA, backtestBody, backtestsQueue, connectSocket, ledgerOf, seedSymbol, submit } from './support';

/** Everything that needs no worker: validation, money, idempotency, ownership, cancel of a waiting job. */
describe('backtest API (no worker running)', () => {
  let env: TestEnv;
  let api: Awaited<ReturnType<typeof startTestApi>>;
  let queue: Queue;
  let alice: TestUser;
  let bob: TestUser;
  let admin: TestUser;

  const counts = async () => {
    const [row] = await env.dataSource.query(
      `SELECT (SELECT count(*) FROM backtests)::int AS backtests, (SELECT count(*) FROM credit_ledger WHERE reason LIKE 'backtest%')::int AS ledger`,
    );
    return row as { backtests: number; ledger: number };
  };

  beforeAll(async () => {
    env = await createTestEnv();
    await seedSymbol(env.dataSource, 'SYN', 3000);
    await seedSymbol(env.dataSource, 'TINY', 20);
    api = await startTestApi();
    queue = backtestsQueue(env);
    [alice, bob, admin] = await Promise.all([
      createUser(env.dataSource, api.url, { plan: 'pro', credits: 100 }),
      createUser(env.dataSource, api.url, { plan: 'free', credits: 2 }),
      createUser(env.dataSource, api.url, { role: 'admin', credits: 0 }),
    ]);
  });

  afterAll(async () => {
    await queue?.close();
    await api?.close();
    if (env) await assertLedgerBalanced(env.dataSource);
    await env?.teardown();
  });

  describe('strategies', () => {
    it('creates, reads, updates, lists and deletes a strategy; the spec is normalised by the engine', async () => {
      const created = await request(api.url)
        .post('/api/strategies')
        .set(bearer(alice))
        .send({ name: 'My SMA', spec: { kind: 'template', template: 'sma-cross', params: { fast: 5 } } });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        name: 'My SMA',
        visibility: 'private',
        copiedFrom: null,
        copyCount: 0,
      });
      expect(created.body.spec.params).toMatchObject({ fast: 5, slow: 30, direction: 'long-short' });
      const id = created.body.id;

      const patched = await request(api.url)
        .patch(`/api/strategies/${id}`)
        .set(bearer(alice))
        .send({ description: 'tuned', visibility: 'public' });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({ description: 'tuned', visibility: 'public' });

      const mine = await request(api.url).get('/api/strategies').set(bearer(alice));
      expect(mine.body.items.map((s: { id: string }) => s.id)).toContain(id);
      const publicOnes = await request(api.url).get('/api/strategies?scope=public').set(bearer(bob));
      expect(publicOnes.body.items.map((s: { id: string }) => s.id)).toContain(id);
      expect((await request(api.url).get(`/api/strategies/${id}`).set(bearer(bob))).status).toBe(200);
      expect(
        (await request(api.url).patch(`/api/strategies/${id}`).set(bearer(bob)).send({ name: 'mine now' }))
          .status,
      ).toBe(404);
      expect((await request(api.url).delete(`/api/strategies/${id}`).set(bearer(bob))).status).toBe(404);

      expect((await request(api.url).delete(`/api/strategies/${id}`).set(bearer(alice))).status).toBe(204);
      expect((await request(api.url).get(`/api/strategies/${id}`).set(bearer(alice))).status).toBe(404);
    });

    it("hides another user's private strategy (404) and refuses to run it", async () => {
      const created = await request(api.url)
        .post('/api/strategies')
        .set(bearer(alice))
        .send({ name: 'Secret', spec: SMA });
      expect((await request(api.url).get(`/api/strategies/${created.body.id}`).set(bearer(bob))).status).toBe(
        404,
      );
      const res = await submit(
        api.url,
        bob.accessToken,
        backtestBody({ strategy: undefined, strategyId: created.body.id }),
      );
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('STRATEGY_NOT_FOUND');
    });

    it('rejects a bad spec with 400 and the engine message on the field', async () => {
      const res = await request(api.url)
        .post('/api/strategies')
        .set(bearer(alice))
        .send({
          name: 'x',
          spec: { kind: 'template', template: 'sma-cross', params: { fast: 50, slow: 10 } },
        });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details.fields).toEqual([
        { field: 'spec', messages: [expect.stringContaining('fast must be less than slow')] },
      ]);
      const unknown = await request(api.url)
        .post('/api/strategies')
        .set(bearer(alice))
        .send({ name: '', spec: { kind: 'template', template: 'nope' }, extra: 1 });
      expect(unknown.status).toBe(400);
      const fields = unknown.body.details.fields.map((f: { field: string }) => f.field).sort();
      expect(fields).toEqual(['extra', 'name', 'spec']);
    });

    it('lists the templates with their parameter schemas', async () => {
      const res = await request(api.url).get('/api/strategies/templates').set(bearer(bob));
      expect(res.status).toBe(200);
      const sma = res.body.find((t: { id: string }) => t.id === 'sma-cross');
      expect(sma.params.map((p: { name: string }) => p.name)).toEqual(
        expect.arrayContaining(['fast', 'slow']),
      );
      expect(sma.jsonSchema.type).toBe('object');
    });
  });

  describe('submit', () => {
    it('quotes 3 credits up to 365 days and 10 beyond, with the balance', async () => {
      const short = await request(api.url)
        .get('/api/backtests/quote?from=2016-01-01&to=2016-12-31')
        .set(bearer(bob));
      expect(short.body).toEqual({ cost: 3, balance: 2, sufficient: false, days: 365 });
      const long = await request(api.url)
        .get('/api/backtests/quote?from=2015-01-01&to=2020-01-01')
        .set(bearer(alice));
      expect(long.body).toMatchObject({ cost: 10, balance: 100, sufficient: true });
    });

    it('queues a job: 202, charged once, in BullMQ with the plan priority and 3 attempts', async () => {
      const res = await submit(
        api.url,
        alice.accessToken,
        backtestBody({ from: '2015-03-01', to: '2020-01-01' }),
      );
      expect(res.status).toBe(202);
      expect(res.body).toMatchObject({ status: 'pending', cost: 10, plan: 'pro', progress: 0, attempts: 0, startedAt: null, error: null });
      const [row] = await env.dataSource.query(`SELECT created_at FROM backtests WHERE id = $1`, [res.body.id]);
      expect(new Date(res.body.createdAt).getTime()).toBe(row.created_at.getTime());
      const job = await queue.getJob(res.body.id);
      expect(job?.name).toBe('backtest.run');
      expect(job?.data).toEqual({ backtestId: res.body.id, userId: alice.id });
      expect(job?.opts).toMatchObject({ priority: 1, attempts: 3, backoff: { type: 'exponential' } });
      expect(await ledgerOf(env.dataSource, res.body.id)).toEqual({ backtest_charge: [-10] });
      const got = await request(api.url).get(`/api/backtests/${res.body.id}`).set(bearer(alice));
      expect(got.body.queuePosition).toBeGreaterThanOrEqual(1);
    });

    it('returns the same job for a repeated Idempotency-Key and charges once', async () => {
      const key = `retry-${Date.now()}`;
      const [a, b] = await Promise.all([
        submit(api.url, alice.accessToken, backtestBody(), key),
        submit(api.url, alice.accessToken, backtestBody(), key),
      ]);
      const c = await submit(api.url, alice.accessToken, backtestBody(), key);
      expect([a.status, b.status, c.status]).toEqual([202, 202, 202]);
      expect(new Set([a.body.id, b.body.id, c.body.id]).size).toBe(1);
      expect(await ledgerOf(env.dataSource, a.body.id)).toEqual({ backtest_charge: [-3] });
      const [{ n }] = await env.dataSource.query(
        `SELECT count(*)::int AS n FROM backtests WHERE idempotency_key = $1`,
        [key],
      );
      expect(n).toBe(1);
    });

    it('answers 422 IDEMPOTENCY_KEY_REUSED for a repeated key with a different body, and charges nothing', async () => {
      const balance = async () => {
        const [row] = await env.dataSource.query(`SELECT balance FROM credit_wallets WHERE user_id = $1`, [alice.id]);
        return row.balance as number;
      };
      const key = `reuse-${Date.now()}`;
      const startBalance = await balance();
      const first = await submit(api.url, alice.accessToken, backtestBody(), key);
      expect(first.status).toBe(202);
      expect(await balance()).toBe(startBalance - 3);
      expect(await ledgerOf(env.dataSource, first.body.id)).toEqual({ backtest_charge: [-3] });
      const afterFirst = await counts();
      const waiting = await queue.getJobCountByTypes('waiting', 'prioritized', 'delayed', 'active');

      // The same request, keys in another order and a default spelled out: the validated request is unchanged.
      const sameBody = Object.fromEntries(Object.entries(backtestBody({ fractional: false })).reverse());
      const replayed = await submit(api.url, alice.accessToken, sameBody, key);
      expect([replayed.status, replayed.body.id]).toEqual([202, first.body.id]);

      for (const changed of [backtestBody({ to: '2016-11-30' }), backtestBody({ commission: 0.002 })]) {
        const reused = await submit(api.url, alice.accessToken, changed, key);
        expect(reused.status).toBe(422);
        expect(reused.body).toMatchObject({
          statusCode: 422,
          code: 'IDEMPOTENCY_KEY_REUSED',
          message: 'This Idempotency-Key was already used with a different request',
        });
      }
      expect(await balance()).toBe(startBalance - 3);
      expect(await counts()).toEqual(afterFirst);
      expect(await queue.getJobCountByTypes('waiting', 'prioritized', 'delayed', 'active')).toBe(waiting);
      expect(await ledgerOf(env.dataSource, first.body.id)).toEqual({ backtest_charge: [-3] });
    });

    it('lets one of two concurrent requests with the same key and different bodies win; the other gets 422', async () => {
      const key = `race-${Date.now()}`;
      const before = await counts();
      const responses = await Promise.all([
        submit(api.url, alice.accessToken, backtestBody(), key),
        submit(api.url, alice.accessToken, backtestBody({ commission: 0.002 }), key),
      ]);
      expect(responses.map((r) => r.status).sort()).toEqual([202, 422]);
      const loser = responses.find((r) => r.status === 422);
      expect(loser?.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
      expect(await counts()).toEqual({ backtests: before.backtests + 1, ledger: before.ledger + 1 });
    });

    it('answers 402 with the balance and the cost, and writes nothing', async () => {
      const before = await counts();
      const res = await submit(api.url, bob.accessToken, backtestBody());
      expect(res.status).toBe(402);
      expect(res.body).toMatchObject({
        code: 'INSUFFICIENT_CREDITS',
        details: { balance: 2, required: 3, cost: 3 },
      });
      expect(await counts()).toEqual(before);
      expect(await queue.getJobCountByTypes('waiting', 'prioritized', 'delayed', 'active')).toBe(
        before.backtests,
      );
    });

    it('answers 400 with field errors for bad bodies', async () => {
      const res = await submit(api.url, alice.accessToken, {
        symbol: '',
        from: 'yesterday',
        to: '2016-01-01',
        cash: -5,
        finalize: 'yes',
        bogus: true,
      });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      const fields = res.body.details.fields.map((f: { field: string }) => f.field);
      expect(fields).toEqual(
        expect.arrayContaining(['strategyId', 'symbol', 'from', 'cash', 'finalize', 'bogus']),
      );

      const badSpec = await submit(
        api.url,
        alice.accessToken,
        backtestBody({ strategy: { kind: 'template', template: 'rsi-reversion', params: { period: 0 } } }),
      );
      expect(badSpec.status).toBe(400);
      expect(badSpec.body.details.fields[0]).toMatchObject({ field: 'strategy' });

      const both = await submit(
        api.url,
        alice.accessToken,
        backtestBody({ strategyId: '00000000-0000-4000-8000-000000000000' }),
      );
      expect(both.status).toBe(400);
      const reversed = await submit(
        api.url,
        alice.accessToken,
        backtestBody({ from: '2017-01-01', to: '2016-01-01' }),
      );
      expect(reversed.status).toBe(400);
      expect(reversed.body.details.fields).toEqual([{ field: 'to', messages: ['to must be after from'] }]);
    });

    it('checks the request against the data: unknown symbol, range outside history, too few bars (422)', async () => {
      const unknown = await submit(api.url, alice.accessToken, backtestBody({ symbol: 'NOPE' }));
      expect([unknown.status, unknown.body.code]).toEqual([422, 'SYMBOL_NOT_FOUND']);
      const outside = await submit(
        api.url,
        alice.accessToken,
        backtestBody({ from: '2010-01-01', to: '2016-01-01' }),
      );
      expect([outside.status, outside.body.code]).toEqual([422, 'RANGE_OUTSIDE_HISTORY']);
      const tiny = await submit(
        api.url,
        alice.accessToken,
        backtestBody({ symbol: 'TINY', from: '2015-01-01', to: '2015-01-20' }),
      );
      expect([tiny.status, tiny.body.code]).toEqual([422, 'NOT_ENOUGH_BARS']);
      expect(tiny.body.details).toEqual({ bars: 20, required: 31 });
    });
  });

  describe('ownership and cancel', () => {
    it('answers 404 to another trader reading, reading the result of, or canceling a job', async () => {
      const res = await submit(api.url, alice.accessToken, backtestBody());
      const id = res.body.id;
      expect((await request(api.url).get(`/api/backtests/${id}`).set(bearer(bob))).status).toBe(404);
      expect((await request(api.url).get(`/api/backtests/${id}/result`).set(bearer(bob))).status).toBe(404);
      expect((await request(api.url).delete(`/api/backtests/${id}`).set(bearer(bob))).status).toBe(404);
      expect((await request(api.url).get('/api/backtests').set(bearer(bob))).body.items).toEqual([]);
      expect((await request(api.url).get(`/api/backtests/not-a-uuid`).set(bearer(bob))).status).toBe(404);
      // still there for its owner
      expect((await request(api.url).get(`/api/backtests/${id}`).set(bearer(alice))).body.status).toBe(
        'pending',
      );
    });

    it("lets support/admin list and read another user's jobs (not cancel them); a trader naming a user gets 404", async () => {
      const res = await submit(api.url, alice.accessToken, backtestBody());
      const id = res.body.id;

      const forAdmin = await request(api.url).get(`/api/backtests?userId=${alice.id}&limit=50`).set(bearer(admin));
      expect(forAdmin.status).toBe(200);
      expect(forAdmin.body.items.map((b: { id: string }) => b.id)).toContain(id);
      expect(forAdmin.body.items.every((b: { userId: string }) => b.userId === alice.id)).toBe(true);
      const ownAdmin = await request(api.url).get('/api/backtests').set(bearer(admin));
      expect(ownAdmin.body.items).toEqual([]);
      expect((await request(api.url).get(`/api/backtests/${id}`).set(bearer(admin))).body).toMatchObject({ id, userId: alice.id });
      expect((await request(api.url).get(`/api/backtests/${id}/result`).set(bearer(admin))).status).toBe(409);
      expect((await request(api.url).delete(`/api/backtests/${id}`).set(bearer(admin))).status).toBe(404);

      const forBob = await request(api.url).get(`/api/backtests?userId=${alice.id}`).set(bearer(bob));
      expect([forBob.status, forBob.body.code]).toEqual([404, 'NOT_FOUND']);
      const bobOwn = await request(api.url).get(`/api/backtests?userId=${bob.id}`).set(bearer(bob));
      expect(bobOwn.status).toBe(200);
      expect((await request(api.url).get('/api/backtests?userId=nope').set(bearer(admin))).status).toBe(400);
    });

    it('cancels a waiting job: removed from the queue, refunded once, then 409', async () => {
      const socket = await connectSocket(api.url, { token: alice.accessToken });
      const canceled = new Promise<unknown>((resolve) => socket.on('backtest.canceled', resolve));
      const res = await submit(api.url, alice.accessToken, backtestBody());
      const id = res.body.id;
      const del = await request(api.url).delete(`/api/backtests/${id}`).set(bearer(alice));
      expect(del.status).toBe(200);
      expect(del.body).toMatchObject({ id, status: 'canceled' });
      expect(await queue.getJob(id)).toBeUndefined();
      expect(await ledgerOf(env.dataSource, id)).toEqual({ backtest_charge: [-3], backtest_refund: [3] });
      await expect(canceled).resolves.toMatchObject({ backtestId: id, status: 'canceled' });
      socket.close();

      const again = await request(api.url).delete(`/api/backtests/${id}`).set(bearer(alice));
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('BACKTEST_FINISHED');
      expect(await ledgerOf(env.dataSource, id)).toEqual({ backtest_charge: [-3], backtest_refund: [3] });
      const result = await request(api.url).get(`/api/backtests/${id}/result`).set(bearer(alice));
      expect(result.status).toBe(409);
    });

    it('filters and sorts the history', async () => {
      const res = await request(api.url)
        .get('/api/backtests?status=canceled&symbol=SYN&sort=created&order=asc&limit=5')
        .set(bearer(alice));
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeGreaterThan(0);
      expect(res.body.items.every((b: { status: string }) => b.status === 'canceled')).toBe(true);
      expect((await request(api.url).get('/api/backtests?sort=bogus').set(bearer(alice))).status).toBe(400);
    });
  });

  describe('queue dashboard', () => {
    it('gives aggregates to everyone and all jobs to staff only', async () => {
      const metrics = await request(api.url).get('/api/queue/metrics').set(bearer(bob));
      expect(metrics.status).toBe(200);
      expect(metrics.body.counts.waiting).toBeGreaterThan(0);
      expect(metrics.body.waitingPerPlan.pro).toBe(metrics.body.counts.waiting);
      expect(metrics.body).toHaveProperty('workersOnline', 0);
      expect(metrics.body.throughput).toHaveProperty('perSecond1m');

      const forBob = await request(api.url).get('/api/queue/jobs').set(bearer(bob));
      expect(forBob.body).toMatchObject({ everyone: false, active: [], waiting: [] });
      const forAdmin = await request(api.url).get('/api/queue/jobs').set(bearer(admin));
      expect(forAdmin.body.everyone).toBe(true);
      expect(forAdmin.body.waiting.length).toBeGreaterThan(0);
    });

    it('serves Bull Board to support and admin only', async () => {
      expect((await request(api.url).get('/admin/queues')).status).toBe(401);
      const trader = await request(api.url).get('/admin/queues').set(bearer(bob));
      expect([trader.status, trader.body.code]).toEqual([403, 'FORBIDDEN']);
      const board = await request(api.url).get('/admin/queues').set(bearer(admin));
      expect(board.status).toBe(200);
      expect(board.text).toContain('<html');
      const viaQuery = await request(api.url).get(`/admin/queues?token=${admin.accessToken}`);
      expect(viaQuery.status).toBe(200);
      const cookie = viaQuery.headers['set-cookie'];
      expect(String(cookie)).toContain('HttpOnly');
      const apiCall = await request(api.url).get('/admin/queues/api/queues').set('Cookie', cookie);
      expect(apiCall.status).toBe(200);
    });
  });

  describe('sockets', () => {
    it('refuses unauthenticated connections and foreign rooms', async () => {
      await expect(connectSocket(api.url, {})).rejects.toThrow('UNAUTHORIZED');
      await expect(connectSocket(api.url, { token: 'garbage' })).rejects.toThrow('UNAUTHORIZED');
      const socket = await connectSocket(api.url, { token: bob.accessToken });
      await expect(socket.emitWithAck('join', `user:${alice.id}`)).resolves.toEqual({
        ok: false,
        error: 'UNKNOWN_ROOM',
      });
      socket.close();
    });
  });
});
