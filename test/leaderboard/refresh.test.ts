import Redis from 'ioredis';
import { loadConfig } from '@app/common';
import { LeaderboardRefresher, RedisLock, leaderboardKeys } from '@app/leaderboard';
import { createTestEnv, type TestEnv } from '../support/test-env';
import { startWorker, type WorkerProcess } from '../support/worker-process';
import { insertBacktest, insertStrategy } from './support';

const until = async (check: () => Promise<boolean>, timeoutMs = 20_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('leaderboard refresh', () => {
  let env: TestEnv;
  let keys: ReturnType<typeof leaderboardKeys>;
  let ownerId: string;
  const connections: Redis[] = [];

  /** A refresher as another API or worker process would have it: its own Redis connection. */
  const refresher = () => {
    const redis = new Redis(env.redisUrl, { maxRetriesPerRequest: null });
    connections.push(redis);
    return new LeaderboardRefresher(env.dataSource, redis, loadConfig());
  };
  const aggregateCount = async () => (await env.dataSource.query(`SELECT count(*)::int AS n FROM strategy_performance_agg`))[0].n as number;

  beforeAll(async () => {
    env = await createTestEnv();
    keys = leaderboardKeys(env.redisPrefix);
    [{ id: ownerId }] = await env.dataSource.query(
      `INSERT INTO users (email, password_hash, display_name) VALUES ('refresh@test.stratbench.dev', 'x', 'Refresher') RETURNING id`,
    );
  });

  afterAll(async () => {
    for (const c of connections) c.disconnect();
    await env?.teardown();
  });

  it('publishes new backtests only on refresh, and bumps the version each time', async () => {
    const strategy = await insertStrategy(env.dataSource, { ownerId, name: 'Visible', visibility: 'public', spec: { kind: 'rules', rules: {} } });
    await insertBacktest(env.dataSource, strategy, ownerId, { symbol: 'AAPL', sharpe: 1, returnPct: 1 });
    expect(await aggregateCount()).toBe(0);
    const r = refresher();
    const result = await r.refresh();
    expect(result).toMatchObject({ status: 'refreshed', version: 1, rounds: 1 });
    expect(await aggregateCount()).toBe(1);
    expect(await r.refresh()).toMatchObject({ status: 'refreshed', version: 2 });
    expect(await env.redis.exists(keys.refreshLock)).toBe(0);
  });

  it('lets one refresh run at a time across processes; the other skips, and the runner goes once more for it', async () => {
    const [first, second] = [refresher(), refresher()];
    const version = await first.currentVersion();
    // Hold a source table so that the first refresh is stuck inside Postgres while it holds the Redis lock.
    const blocker = env.dataSource.createQueryRunner();
    await blocker.connect();
    await blocker.startTransaction();
    await blocker.query(`LOCK TABLE backtests IN ACCESS EXCLUSIVE MODE`);
    try {
      const running = first.refresh();
      await until(async () => (await env.redis.exists(keys.refreshLock)) === 1);
      const skipped = await second.refresh();
      expect(skipped).toEqual({ status: 'skipped', reason: 'in_progress', version });
      expect(await env.redis.exists(keys.refreshPending)).toBe(1);
      await blocker.rollbackTransaction();
      const done = await running;
      expect(done).toMatchObject({ status: 'refreshed', rounds: 2, version: version + 2 });
    } finally {
      if (blocker.isTransactionActive) await blocker.rollbackTransaction();
      await blocker.release();
    }
    expect(await env.redis.exists(keys.refreshLock)).toBe(0);
    expect(await env.redis.exists(keys.refreshPending)).toBe(0);
  });

  it('two refreshes started together: exactly one runs', async () => {
    const results = await Promise.all([refresher().refresh(), refresher().refresh()]);
    expect(results.map((r) => r.status).sort()).toEqual(['refreshed', 'skipped']);
  });

  it('never releases a lock that another holder has taken since', async () => {
    const mine = await RedisLock.acquire(env.redis, `${env.redisPrefix}:lock-test`, 5_000);
    expect(mine).not.toBeNull();
    expect(await RedisLock.acquire(env.redis, `${env.redisPrefix}:lock-test`, 5_000)).toBeNull();
    await env.redis.del(`${env.redisPrefix}:lock-test`); // as if it had expired
    const theirs = await RedisLock.acquire(env.redis, `${env.redisPrefix}:lock-test`, 5_000);
    expect(await mine!.release()).toBe(false);
    expect(await env.redis.get(`${env.redisPrefix}:lock-test`)).toBe(theirs!.token);
    expect(await theirs!.release()).toBe(true);
    expect(await env.redis.exists(`${env.redisPrefix}:lock-test`)).toBe(0);
  });

  describe('in the worker', () => {
    let worker: WorkerProcess | undefined;

    afterAll(async () => {
      await worker?.stop();
    });

    it('refreshes on its schedule, and after a backtest completion (debounced)', async () => {
      const start = Number((await env.redis.get(keys.version)) ?? 0);
      worker = await startWorker(env.env, { LEADERBOARD_REFRESH_DEBOUNCE_SECONDS: '1', LEADERBOARD_REFRESH_INTERVAL_SECONDS: '3600' });
      // The job scheduler's first run is immediate.
      await until(async () => Number(await env.redis.get(keys.version)) > start);
      const afterSchedule = Number(await env.redis.get(keys.version));

      const strategy = await insertStrategy(env.dataSource, { ownerId, name: 'Fresh', visibility: 'public', spec: { kind: 'rules', rules: {} } });
      await insertBacktest(env.dataSource, strategy, ownerId, { symbol: 'MSFT', sharpe: 2, returnPct: 3 });
      // What a finished `backtest.run` job puts on the `backtests` event stream.
      const outcome = JSON.stringify({ outcome: 'completed', userId: ownerId, metrics: {}, emittedAt: Date.now() });
      await env.redis.xadd(`${env.redisPrefix}:backtests:events`, '*', 'event', 'completed', 'jobId', 'fake-job', 'returnvalue', outcome, 'prev', 'active');

      await until(async () => Number(await env.redis.get(keys.version)) > afterSchedule);
      const [{ n }] = await env.dataSource.query(`SELECT count(*)::int AS n FROM strategy_performance_agg WHERE strategy_id = $1`, [strategy.id]);
      expect(n).toBe(1);
      const debounced = await env.redis.keys(`${env.redisPrefix}:maintenance:leaderboard-refresh-*`);
      expect(debounced.length).toBeGreaterThan(0);
    }, 90_000);
  });
});
