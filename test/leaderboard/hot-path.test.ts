import request from 'supertest';
import { LeaderboardHotPath, LeaderboardRefresher } from '@app/leaderboard';
import { bearer, createUser, type TestUser } from '../support/auth';
import { createTestEnv, type TestEnv } from '../support/test-env';
import { startTestApi } from '../support/test-app';
import { insertBacktest, insertStrategy, smaSpec } from './support';

type Api = Awaited<ReturnType<typeof startTestApi>>;

/** Headers that differ between any two responses. */
const perResponse = (headers: Record<string, unknown>) => {
  const { date: _date, 'x-request-id': _id, connection: _c, 'keep-alive': _k, ...rest } = headers;
  return rest;
};

describe('leaderboard hot path (in front of Express)', () => {
  let env: TestEnv;
  let api: Api;
  let hot: LeaderboardHotPath;
  let staff: TestUser;
  let alice: TestUser;
  let strategyId: string;
  const get = (query: string) => request(api.url).get(`/api/strategies/leaderboard${query}`);
  /** The hot path learns a query string asynchronously (one validation): wait until it serves it. */
  const untilHot = async (query: string) => {
    for (let i = 0; i < 50; i++) {
      const before = hot.hits;
      const res = await get(query);
      if (hot.hits > before) return res;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`${query} was never served by the hot path`);
  };

  beforeAll(async () => {
    env = await createTestEnv();
    api = await startTestApi();
    hot = api.app.get(LeaderboardHotPath);
    alice = await createUser(env.dataSource, api.url, { displayName: 'Alice Quant' });
    staff = await createUser(env.dataSource, api.url, { displayName: 'Staff', role: 'support' });
    const strategy = await insertStrategy(env.dataSource, {
      ownerId: alice.id,
      name: 'Hot strategy',
      visibility: 'public',
      spec: smaSpec(),
    });
    strategyId = strategy.id;
    for (const symbol of ['AAPL', 'MSFT', 'NVDA']) {
      await insertBacktest(env.dataSource, strategy, alice.id, {
        symbol,
        sharpe: 1.5,
        returnPct: 12,
        cagrPct: 4,
        maxDrawdownPct: -9,
      });
    }
    await request(api.url).post('/api/admin/leaderboard/refresh').set(bearer(staff)).expect(200);
  });

  afterAll(async () => {
    await api?.close();
    await env?.teardown();
  });

  it('answers a repeated query with the bytes and headers of the full stack', async () => {
    const full = await get('?sortBy=return&limit=7').expect(200);
    const served = await untilHot('?sortBy=return&limit=7');
    expect(served.status).toBe(200);
    expect(served.text).toBe(full.text);
    expect(perResponse(served.headers)).toEqual(perResponse(full.headers));
    expect(served.headers['x-request-id']).toMatch(/^[\w.-]+$/);
    expect(served.headers['x-request-id']).not.toBe(full.headers['x-request-id']);
    expect(served.headers['content-security-policy']).toBeDefined();
    expect(JSON.parse(served.text).strategies[0].strategyId).toBe(strategyId);
  });

  it('answers 304 to a matching If-None-Match', async () => {
    const first = await untilHot('?sortBy=sharpe&limit=3');
    const hits = hot.hits;
    const again = await get('?sortBy=sharpe&limit=3')
      .set('If-None-Match', first.headers.etag as string)
      .expect(304);
    expect(hot.hits).toBe(hits + 1);
    expect(again.text).toBe('');
    expect(again.headers.etag).toBe(first.headers.etag);
  });

  it('never serves an invalid query: it always reaches the validation pipe', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await get('?sortBy=foo').expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      await new Promise((r) => setTimeout(r, 20));
    }
    const hits = hot.hits;
    await get('?limit=1000').expect(400);
    await get('?limit=1000').expect(400);
    expect(hot.hits).toBe(hits);
  });

  it('leaves cross-origin requests, other paths and methods to the full stack', async () => {
    await untilHot('?limit=4');
    const hits = hot.hits;
    const cors = await get('?limit=4').set('Origin', 'http://localhost:5173').expect(200);
    expect(cors.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    await request(api.url)
      .get('/api/strategies/leaderboardx?limit=4')
      .expect((res) => expect(res.status).not.toBe(200));
    await request(api.url).post('/api/strategies/leaderboard?limit=4').expect(404);
    expect(hot.hits).toBe(hits);
  });

  it('shows fresh numbers right after a refresh', async () => {
    const before = await untilHot('?sortBy=backtest_count&limit=5');
    await env.dataSource.query(`UPDATE strategies SET name = 'Renamed hot strategy' WHERE id = $1`, [
      strategyId,
    ]);
    const version = await api.app.get(LeaderboardRefresher).currentVersion();
    const refreshed = await request(api.url)
      .post('/api/admin/leaderboard/refresh')
      .set(bearer(staff))
      .expect(200);
    expect(refreshed.body.version).toBe(version + 1);
    const after = await get('?sortBy=backtest_count&limit=5').expect(200);
    expect(after.body.strategies[0].strategyName).toBe('Renamed hot strategy');
    expect(after.headers.etag).not.toBe(before.headers.etag);
  });

  it("shows an author's new display name on cached pages within a second, without a refresh", async () => {
    const authors = async () =>
      ((await get('?limit=8').expect(200)).body.strategies as Array<{ author: string }>).map((e) => e.author);
    await untilHot('?limit=8');
    expect(await authors()).toContain('Alice Quant');
    await request(api.url)
      .patch('/api/me')
      .set(bearer(alice))
      .send({ displayName: 'Alice Renamed' })
      .expect(200);
    const started = Date.now();
    while (!(await authors()).includes('Alice Renamed')) {
      expect(Date.now() - started).toBeLessThan(1000);
      await new Promise((r) => setTimeout(r, 20));
    }
  });

  it('drops a strategy made private from cached pages within a second, without a refresh', async () => {
    const listed = async () =>
      ((await get('?limit=9').expect(200)).body.strategies as Array<{ strategyId: string }>).map(
        (e) => e.strategyId,
      );
    await untilHot('?limit=9');
    expect(await listed()).toContain(strategyId);
    await request(api.url)
      .patch(`/api/strategies/${strategyId}`)
      .set(bearer(alice))
      .send({ visibility: 'private' })
      .expect(200);
    const started = Date.now();
    while ((await listed()).includes(strategyId)) {
      expect(Date.now() - started).toBeLessThan(1000);
      await new Promise((r) => setTimeout(r, 20));
    }
  });
});
