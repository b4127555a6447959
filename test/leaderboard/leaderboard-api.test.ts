import request from 'supertest';
import {
  LEADERBOARD_SORTS,
  LeaderboardRefresher,
  LeaderboardService,
  normaliseLeaderboardQuery,
  type LeaderboardEntryDto,
} from '@app/leaderboard';
import { bearer, createUser, type TestUser } from '../support/auth';
import { createTestEnv, type TestEnv } from '../support/test-env';
import { startTestApi } from '../support/test-app';
import {
  expectedAggregates,
  insertBacktest,
  insertStrategy,
  rulesSpec,
  smaSpec,
  type ExpectedAggregate,
  type SeedBacktest,
  type SeedStrategy,
} from './support';

type Api = Awaited<ReturnType<typeof startTestApi>>;

describe('strategy leaderboard (HTTP)', () => {
  let env: TestEnv;
  let api: Api;
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;
  let staff: TestUser;
  const strategies: Record<string, SeedStrategy> = {};
  const backtests: SeedBacktest[] = [];
  let expected: Map<string, ExpectedAggregate>;

  const get = (query: string) => request(api.url).get(`/api/strategies/leaderboard${query}`);
  const refresh = () =>
    request(api.url).post('/api/admin/leaderboard/refresh').set(bearer(staff)).expect(200);

  beforeAll(async () => {
    env = await createTestEnv();
    api = await startTestApi();
    alice = await createUser(env.dataSource, api.url, { displayName: 'Alice Quant' });
    bob = await createUser(env.dataSource, api.url, { displayName: 'Bob Trend' });
    carol = await createUser(env.dataSource, api.url, { displayName: 'Carol Mean' });
    staff = await createUser(env.dataSource, api.url, { displayName: 'Staff', role: 'support' });
    const ds = env.dataSource;
    const add = async (
      key: string,
      owner: TestUser,
      visibility: 'public' | 'private',
      spec: Record<string, unknown>,
    ) => {
      strategies[key] = await insertStrategy(ds, {
        ownerId: owner.id,
        name: `Strategy ${key}`,
        visibility,
        spec,
      });
    };
    const run = async (key: string, b: Parameters<typeof insertBacktest>[3], by: TestUser = bob) => {
      backtests.push(await insertBacktest(ds, strategies[key], by.id, b));
    };

    await add('A', alice, 'public', smaSpec(10, 30));
    // Gaming: the same backtest five times with absurd metrics, then once more for real: only the latest counts.
    for (let i = 0; i < 5; i++)
      await run('A', { symbol: 'AAPL', sharpe: 9, returnPct: 90, cagrPct: 50, maxDrawdownPct: -1 }, alice);
    await run('A', { symbol: 'AAPL', sharpe: 1.5, returnPct: 20, cagrPct: 6, maxDrawdownPct: -12 }, alice);
    await run('A', {
      symbol: 'AAPL',
      periodFrom: '2018-01-01T00:00:00.000Z',
      sharpe: 0.5,
      returnPct: -3,
      cagrPct: -1,
      maxDrawdownPct: -20,
    });
    await run('A', { symbol: 'MSFT', sharpe: 2.1, returnPct: 35, cagrPct: 11, maxDrawdownPct: -9 }, carol);
    await run('A', {
      symbol: 'TSLA',
      timeframe: '1h',
      sharpe: 1.1,
      returnPct: 15,
      cagrPct: 4.5,
      maxDrawdownPct: -25,
    });
    await run('A', {
      symbol: 'AAPL',
      spec: smaSpec(5, 20),
      sharpe: 0.9,
      returnPct: 8,
      cagrPct: 2.5,
      maxDrawdownPct: -15,
    });
    await run('A', {
      symbol: 'AAPL',
      options: { cash: 5000 },
      sharpe: 1.2,
      returnPct: 11,
      cagrPct: 3.4,
      maxDrawdownPct: -14,
    });
    await run('A', { symbol: 'NVDA', status: 'failed' });
    await run('A', { symbol: 'NVDA', status: 'pending' });

    await add('B', bob, 'public', rulesSpec());
    await run('B', { symbol: 'AAPL', sharpe: 0.8, returnPct: 9, cagrPct: 3, maxDrawdownPct: -10 });
    await run('B', { symbol: 'NVDA', sharpe: 3.2, returnPct: 120, cagrPct: 30, maxDrawdownPct: -35 });
    await run('B', { symbol: 'MSFT', sharpe: -0.4, returnPct: -6, cagrPct: -2, maxDrawdownPct: -18 });

    await add('C', carol, 'public', smaSpec(20, 50));
    await run('C', { symbol: 'AAPL', sharpe: 4, returnPct: 60, cagrPct: 20, maxDrawdownPct: -5 });
    await run('C', { symbol: 'MSFT', sharpe: 4, returnPct: 61, cagrPct: 21, maxDrawdownPct: -6 });

    await add('D', alice, 'private', smaSpec(3, 9));
    for (const symbol of ['AAPL', 'MSFT', 'NVDA', 'TSLA'])
      await run('D', { symbol, sharpe: 8, returnPct: 200, cagrPct: 70, maxDrawdownPct: -2 }, alice);

    // E, F, G tie on average Sharpe (1.0): E has more backtests; F and G tie on that too and go by id.
    await add('E', bob, 'public', { kind: 'template', template: 'rsi-reversion', params: { period: 14 } });
    for (const [i, symbol] of ['AAPL', 'MSFT', 'NVDA', 'TSLA'].entries())
      await run('E', { symbol, sharpe: 1, returnPct: i - 1, cagrPct: 1, maxDrawdownPct: -10 });
    await add('F', carol, 'public', smaSpec(7, 21));
    for (const symbol of ['AAPL', 'MSFT', 'NVDA'])
      await run('F', { symbol, sharpe: 1, returnPct: 4, cagrPct: 1.5, maxDrawdownPct: -11 });
    await add('G', alice, 'public', smaSpec(8, 24));
    for (const symbol of ['AAPL', 'MSFT', 'NVDA'])
      await run('G', { symbol, sharpe: 1, returnPct: 4, cagrPct: 1.5, maxDrawdownPct: -11 });

    // H has no Sharpe at all (e.g. no trades): it goes last whichever the direction.
    await add('H', bob, 'public', smaSpec(11, 31));
    for (const symbol of ['AAPL', 'MSFT', 'NVDA'])
      await run('H', { symbol, sharpe: null, returnPct: 0, cagrPct: 0, maxDrawdownPct: 0 });

    expected = expectedAggregates(Object.values(strategies), backtests);
    await refresh();
  });

  afterAll(async () => {
    await api?.close();
    await env?.teardown();
  });

  const byKey = (entries: LeaderboardEntryDto[]) =>
    entries.map((e) => Object.keys(strategies).find((k) => strategies[k].id === e.strategyId));

  /** The expected ranking, computed independently of the SQL: metric (nulls last), backtests desc, id asc. */
  function expectedOrder(metric: keyof ExpectedAggregate, order: 'asc' | 'desc', minBacktests = 3): string[] {
    const rows = [...expected.values()].filter((r) => r.backtestCount >= minBacktests);
    rows.sort((a, b) => {
      const x = a[metric] as number | null;
      const y = b[metric] as number | null;
      if (x !== y) {
        if (x === null) return 1;
        if (y === null) return -1;
        return order === 'asc' ? x - y : y - x;
      }
      if (a.backtestCount !== b.backtestCount && metric !== 'backtestCount')
        return b.backtestCount - a.backtestCount;
      return a.strategyId < b.strategyId ? -1 : 1;
    });
    return byKey(rows.map((r) => ({ strategyId: r.strategyId }) as LeaderboardEntryDto)) as string[];
  }

  it('is served at /api/strategies/leaderboard (not taken for a strategy id) without authentication', async () => {
    const res = await get('').expect(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.body.strategies.length).toBeGreaterThan(0);
    // The strategies API's own routes still answer.
    const unknown = await request(api.url)
      .get('/api/strategies/00000000-0000-4000-8000-000000000000')
      .set(bearer(bob))
      .expect(404);
    expect(unknown.body.code).toBe('STRATEGY_NOT_FOUND');
  });

  it('aggregates equal an independent computation over distinct completed runs of public strategies', async () => {
    const res = await get('?minBacktests=1&limit=100').expect(200);
    const rows: LeaderboardEntryDto[] = res.body.strategies;
    expect(rows).toHaveLength(expected.size);
    for (const row of rows) {
      const want = expected.get(row.strategyId)!;
      expect(want).toBeDefined();
      expect(row.backtestCount).toBe(want.backtestCount);
      expect(row.symbols).toEqual(want.symbols);
      expect(row.consistency).toBeCloseTo(want.consistency, 10);
      for (const k of ['avgSharpe', 'medianSharpe', 'avgCagr', 'avgReturn', 'avgMaxDrawdown'] as const) {
        if (want[k] === null) expect(row[k]).toBeNull();
        else expect(row[k]).toBeCloseTo(want[k] as number, 10);
      }
      expect(row.lastRunAt).toBe(want.lastRunAt);
      const strategy = Object.values(strategies).find((s) => s.id === row.strategyId)!;
      expect(row.strategyName).toBe(strategy.name);
      expect(row.template).toBe(strategy.spec.kind === 'rules' ? 'rules' : strategy.spec.template);
      expect(row.copyCount).toBe(0);
    }
    const a = rows.find((r) => r.strategyId === strategies.A.id)!;
    expect(a.author).toBe('Alice Quant');
    expect(Object.keys(a).sort()).toEqual(
      [
        'rank',
        'strategyId',
        'strategyName',
        'author',
        'template',
        'avgSharpe',
        'medianSharpe',
        'avgCagr',
        'avgReturn',
        'avgMaxDrawdown',
        'backtestCount',
        'symbols',
        'consistency',
        'copyCount',
        'lastRunAt',
      ].sort(),
    );
  });

  it('counts a resubmitted backtest once (the latest run), but different parameters, ranges or timeframes separately', async () => {
    const res = await get('?minBacktests=1&limit=100').expect(200);
    const a = res.body.strategies.find((r: LeaderboardEntryDto) => r.strategyId === strategies.A.id);
    expect(
      backtests.filter((b) => b.strategyId === strategies.A.id && b.status === 'completed'),
    ).toHaveLength(11);
    expect(a.backtestCount).toBe(6);
    expect(a.medianSharpe).toBeCloseTo(1.15, 10); // 0.5 0.9 1.1 1.2 1.5 2.1: the 9s of the duplicates are gone
  });

  it('never shows private strategies, nor failed or pending runs', async () => {
    const res = await get('?minBacktests=1&limit=100').expect(200);
    const ids = res.body.strategies.map((r: LeaderboardEntryDto) => r.strategyId);
    expect(ids).not.toContain(strategies.D.id);
    expect(JSON.stringify(res.body)).not.toContain(strategies.D.id);
    const [{ n }] = await env.dataSource.query(
      `SELECT count(*)::int AS n FROM strategy_performance_agg WHERE strategy_id = $1`,
      [strategies.D.id],
    );
    expect(n).toBe(0);
  });

  it.each([
    ['sharpe', 'avgSharpe'],
    ['cagr', 'avgCagr'],
    ['return', 'avgReturn'],
    ['backtest_count', 'backtestCount'],
    ['consistency', 'consistency'],
  ] as const)('sorts by %s both ways, with stable tie-breaks and ranks', async (sortBy, metric) => {
    for (const order of ['desc', 'asc'] as const) {
      const res = await get(`?sortBy=${sortBy}&order=${order}&limit=100`).expect(200);
      expect(byKey(res.body.strategies)).toEqual(expectedOrder(metric, order));
      expect(res.body.strategies.map((r: LeaderboardEntryDto) => r.rank)).toEqual(
        res.body.strategies.map((_: unknown, i: number) => i + 1),
      );
    }
  });

  it('breaks ties by backtest count, then by id, and puts strategies without the metric last', async () => {
    const desc = byKey((await get('?sortBy=sharpe&limit=100').expect(200)).body.strategies);
    const [first, second] = [strategies.F.id, strategies.G.id].sort();
    const tied = desc.filter((k) => ['E', 'F', 'G'].includes(k!));
    expect(tied).toEqual([
      'E',
      first === strategies.F.id ? 'F' : 'G',
      second === strategies.G.id ? 'G' : 'F',
    ]);
    expect(desc.at(-1)).toBe('H');
    expect(byKey((await get('?sortBy=sharpe&order=asc&limit=100').expect(200)).body.strategies).at(-1)).toBe(
      'H',
    );
  });

  it('applies minBacktests (default 3), template and symbol filters', async () => {
    expect(byKey((await get('').expect(200)).body.strategies)).not.toContain('C');
    expect(byKey((await get('?minBacktests=2').expect(200)).body.strategies)).toContain('C');
    expect(byKey((await get('?minBacktests=5').expect(200)).body.strategies).sort()).toEqual(['A']);

    const rules = await get('?template=rules').expect(200);
    expect(byKey(rules.body.strategies)).toEqual(['B']);
    const sma = await get('?template=SMA-Cross&minBacktests=1&limit=100').expect(200);
    expect(byKey(sma.body.strategies).sort()).toEqual(['A', 'C', 'F', 'G', 'H']);

    const tsla = await get('?symbol=TSLA&minBacktests=1').expect(200);
    expect(byKey(tsla.body.strategies).sort()).toEqual(['A', 'E']);
    expect(tsla.body.pagination.total).toBe(2);
    const none = await get('?symbol=ZZZZ').expect(200);
    expect(none.body).toEqual({
      strategies: [],
      pagination: { total: 0, limit: 50, offset: 0, hasMore: false },
    });
  });

  it('paginates with correct totals, ranks and hasMore', async () => {
    const all = byKey((await get('?limit=100').expect(200)).body.strategies);
    const total = [...expected.values()].filter((r) => r.backtestCount >= 3).length;
    expect(all).toHaveLength(total);
    const page = await get('?limit=2&offset=2').expect(200);
    expect(byKey(page.body.strategies)).toEqual(all.slice(2, 4));
    expect(page.body.strategies.map((r: LeaderboardEntryDto) => r.rank)).toEqual([3, 4]);
    expect(page.body.pagination).toEqual({ total, limit: 2, offset: 2, hasMore: true });
    const last = await get(`?limit=2&offset=${total - 1}`).expect(200);
    expect(last.body.pagination).toEqual({ total, limit: 2, offset: total - 1, hasMore: false });
    const beyond = await get('?offset=500').expect(200);
    expect(beyond.body).toEqual({
      strategies: [],
      pagination: { total, limit: 50, offset: 500, hasMore: false },
    });
  });

  it.each([
    ['sortBy=foo', 'sortBy'],
    ['limit=0', 'limit'],
    ['limit=1000', 'limit'],
    ['limit=abc', 'limit'],
    ['offset=-1', 'offset'],
    ['order=up', 'order'],
    ['minBacktests=0', 'minBacktests'],
    ['sortBy=sharpe&sortBy=cagr', 'sortBy'],
    ['unknown=1', 'unknown'],
  ])('rejects %s with 400 and the field', async (query, field) => {
    const res = await get(`?${query}`).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details.fields.map((f: { field: string }) => f.field)).toContain(field);
  });

  it('pages from the in-memory aggregate exactly as the SQL query does, for every sort, order and filter', async () => {
    const service = api.app.get(LeaderboardService);
    const version = await api.app.get(LeaderboardRefresher).currentVersion();
    const filters = [
      {},
      { minBacktests: 1 },
      { minBacktests: 4 },
      { template: 'sma-cross', minBacktests: 1 },
      { symbol: 'MSFT', minBacktests: 1 },
    ];
    const pages = [{}, { limit: 2 }, { limit: 2, offset: 2 }, { offset: 100 }];
    let compared = 0;
    for (const sortBy of LEADERBOARD_SORTS) {
      for (const order of ['asc', 'desc'] as const) {
        for (const filter of filters) {
          for (const page of pages) {
            const query = normaliseLeaderboardQuery({ sortBy, order, ...filter, ...page });
            const fromMemory = await service.queryPage(query, version);
            const fromSql = await service.queryPage(query);
            expect(fromMemory).toEqual(fromSql);
            if (fromSql.strategies.length > 0) compared++;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(100);
  });

  it('answers 304 to a matching If-None-Match, with a strong ETag and Cache-Control', async () => {
    const first = await get('?limit=5').expect(200);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(first.headers['cache-control']).toBe('public, max-age=60');
    const again = await get('?limit=5').set('If-None-Match', etag).expect(304);
    expect(again.headers.etag).toBe(etag);
    expect(again.text).toBe('');
    await get('?limit=5').set('If-None-Match', `"other", W/${etag}`).expect(304);
    await get('?limit=5').set('If-None-Match', '"other"').expect(200);
    expect((await get('?limit=6').expect(200)).headers.etag).not.toBe(etag);
  });

  it('serves repeated queries from Redis until a refresh invalidates them', async () => {
    const service = api.app.get(LeaderboardService);
    const first = await get('?sortBy=return&limit=3').expect(200);
    const misses = service.misses;
    const keys = await env.redis.keys(`${env.redisPrefix}:leaderboard:page:*sortBy=return*`);
    expect(keys.length).toBeGreaterThan(0);

    // Equivalent spellings share the cache entry.
    const same = await get('?limit=3&order=desc&sortBy=return&minBacktests=3&offset=0').expect(200);
    expect(same.text).toBe(first.text);
    expect(service.misses).toBe(misses);

    const topId = first.body.strategies[0].strategyId;
    await env.dataSource.query(`UPDATE strategies SET name = 'Renamed without refresh' WHERE id = $1`, [
      topId,
    ]);
    const cached = await get('?sortBy=return&limit=3').expect(200);
    expect(cached.text).toBe(first.text);
    expect(cached.headers.etag).toBe(first.headers.etag);
    expect(service.misses).toBe(misses);

    const before = await api.app.get(LeaderboardRefresher).currentVersion();
    const refreshed = await refresh();
    expect(refreshed.body).toMatchObject({ status: 'refreshed', version: before + 1 });
    const fresh = await get('?sortBy=return&limit=3').expect(200);
    expect(service.misses).toBe(misses + 1);
    expect(fresh.body.strategies[0].strategyName).toBe('Renamed without refresh');
    expect(fresh.headers.etag).not.toBe(first.headers.etag);
    await get('?sortBy=return&limit=3')
      .set('If-None-Match', first.headers.etag as string)
      .expect(200);
  });

  it('restricts the refresh endpoint to staff', async () => {
    await request(api.url).post('/api/admin/leaderboard/refresh').set(bearer(bob)).expect(403);
    await request(api.url).post('/api/admin/leaderboard/refresh').expect(401);
  });

  describe('copy', () => {
    const copy = (user: TestUser, id: string) =>
      request(api.url).post(`/api/strategies/${id}/copy`).set(bearer(user));
    const copyCount = async (id: string) =>
      (await env.dataSource.query(`SELECT copy_count FROM strategies WHERE id = $1`, [id]))[0].copy_count;

    it('creates a private copy for the caller and counts it on the source', async () => {
      const res = await copy(bob, strategies.A.id).expect(201);
      expect(res.body).toMatchObject({
        ownerId: bob.id,
        name: 'Strategy A (copy)',
        visibility: 'private',
        copiedFrom: strategies.A.id,
        copyCount: 0,
        spec: strategies.A.spec,
      });
      expect(res.body.id).not.toBe(strategies.A.id);
      expect(await copyCount(strategies.A.id)).toBe(1);
      // The copy is the caller's own strategy in the strategies API.
      await request(api.url).get(`/api/strategies/${res.body.id}`).set(bearer(bob)).expect(200);
      await request(api.url).get(`/api/strategies/${res.body.id}`).set(bearer(carol)).expect(404);

      await refresh();
      const board = await get('?minBacktests=1&limit=100').expect(200);
      expect(
        board.body.strategies.find((r: LeaderboardEntryDto) => r.strategyId === strategies.A.id).copyCount,
      ).toBe(1);
      expect(board.body.strategies.map((r: LeaderboardEntryDto) => r.strategyId)).not.toContain(res.body.id);
    });

    it("does not count the author's own copies nor a second copy by the same user", async () => {
      const before = await copyCount(strategies.A.id);
      const own = await copy(alice, strategies.A.id).expect(201);
      expect(own.body).toMatchObject({
        ownerId: alice.id,
        copiedFrom: strategies.A.id,
        visibility: 'private',
      });
      await copy(bob, strategies.A.id).expect(201);
      expect(await copyCount(strategies.A.id)).toBe(before);
    });

    it('counts concurrent copies by different users exactly', async () => {
      const users = await Promise.all([0, 1, 2, 3].map(() => createUser(env.dataSource, api.url)));
      const before = await copyCount(strategies.B.id);
      const results = await Promise.all(users.map((u) => copy(u, strategies.B.id)));
      expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201]);
      expect(await copyCount(strategies.B.id)).toBe(before + 4);
    });

    it("answers 404 for someone else's private strategy, an unknown id or a malformed one", async () => {
      expect((await copy(carol, strategies.D.id).expect(404)).body.code).toBe('STRATEGY_NOT_FOUND');
      await copy(carol, '00000000-0000-4000-8000-000000000000').expect(404);
      await copy(carol, 'not-a-uuid').expect(404);
      await copy(alice, strategies.D.id).expect(201); // the owner may copy their private strategy
      await request(api.url).post(`/api/strategies/${strategies.A.id}/copy`).expect(401);
    });
  });

  describe('performance', () => {
    const perf = (user: TestUser, id: string) =>
      request(api.url).get(`/api/strategies/${id}/performance`).set(bearer(user));

    it('gives the per-symbol breakdown of distinct runs and the recent backtests', async () => {
      const res = await perf(carol, strategies.A.id).expect(200);
      expect(res.body).toMatchObject({
        strategyId: strategies.A.id,
        strategyName: expect.any(String),
        author: 'Alice Quant',
        template: 'sma-cross',
        backtestCount: 6,
      });
      const runs = backtests.filter((b) => b.strategyId === strategies.A.id);
      const aapl = res.body.symbols.find((s: { symbol: string }) => s.symbol === 'AAPL');
      // AAPL: 1.5 (the latest of six), 0.5 (older range), 0.9 (other params), 1.2 (other options)
      expect(aapl.backtestCount).toBe(4);
      expect(aapl.avgSharpe).toBeCloseTo((1.5 + 0.5 + 0.9 + 1.2) / 4, 10);
      expect(aapl.avgReturn).toBeCloseTo((20 - 3 + 8 + 11) / 4, 10);
      expect(aapl.avgCagr).toBeCloseTo((6 - 1 + 2.5 + 3.4) / 4, 10);
      expect(aapl.avgMaxDrawdown).toBeCloseTo((-12 - 20 - 15 - 14) / 4, 10);
      expect(
        res.body.symbols.map((s: { symbol: string; backtestCount: number }) => [s.symbol, s.backtestCount]),
      ).toEqual([
        ['AAPL', 4],
        ['MSFT', 1],
        ['TSLA', 1],
      ]);
      expect(res.body.recentBacktests).toHaveLength(6);
      const newest = runs.filter((b) => b.status === 'completed').at(-1)!;
      expect(res.body.recentBacktests[0]).toEqual({
        id: newest.id,
        symbol: newest.symbol,
        timeframe: newest.timeframe,
        periodFrom: newest.periodFrom,
        periodTo: newest.periodTo,
        returnPct: newest.returnPct,
        sharpe: newest.sharpe,
        finishedAt: newest.finishedAt,
      });
      expect(res.body.recentBacktests.map((b: { sharpe: number }) => b.sharpe)).not.toContain(9);
    });

    it("is the owner's alone for a private strategy", async () => {
      await perf(carol, strategies.D.id).expect(404);
      const own = await perf(alice, strategies.D.id).expect(200);
      expect(own.body).toMatchObject({ visibility: 'private', backtestCount: 4 });
      await perf(carol, 'nope').expect(404);
      await request(api.url).get(`/api/strategies/${strategies.A.id}/performance`).expect(401);
    });
  });
});
