/**
 * `npm run -s bench:leaderboard -- [--json] [--strategies N] [--backtests N] [--seconds S]`
 *   [--keep-db] [--reuse-db URL (a kept, seeded database: skips seeding)] [--cached-only] [--baseline] [--explain]
 *
 * Seeds a temporary database (on the server of DATABASE_URL) with 10,000 strategies and 1,000,000
 * completed backtests, times REFRESH MATERIALIZED VIEW CONCURRENTLY, then boots the real API in this
 * process and drives GET /api/strategies/leaderboard with autocannon (50 connections, in a worker
 * thread so that the load generator does not share the API's event loop):
 * - cached: the same query every time: after the first few, the hot path in front of Express answers
 *   from the process memo (libs/leaderboard/README.md);
 * - uncached: a new query on every request (sortBy × order × minBacktests × offset, from a counter),
 *   so every request goes through Express and Nest (validation, the Redis-backed rate limiter), misses
 *   the Redis cache, is cut from the in-memory aggregate (Postgres for the live names) and written to Redis.
 * The endpoint is public: no JWT verification.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { createTemporaryDatabase, dataSourceOptions } from '@app/database';

const args = process.argv.slice(2);
const flag = (name: string, def: number) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : def);
const JSON_OUT = args.includes('--json');
const STRATEGIES = flag('--strategies', 10_000);
const BACKTESTS = flag('--backtests', 1_000_000);
const SECONDS = flag('--seconds', 10);
const CONNECTIONS = 50;
const USERS = 50;
const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

const log = (msg: string) => {
  if (!JSON_OUT) console.log(msg);
  else process.stderr.write(`${msg}\n`);
};

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await fn();
  return { ms: Math.round(performance.now() - started), value };
}

async function seed(ds: DataSource): Promise<void> {
  await ds.query(
    `INSERT INTO users (email, password_hash, display_name)
     SELECT 'bench-' || i || '@bench.stratbench.dev', 'x', 'Bench trader ' || i FROM generate_series(1, ${USERS}) i`,
  );
  // Mostly public (9 in 10), five templates with varied parameters.
  await ds.query(
    `WITH u AS (SELECT array_agg(id ORDER BY email) AS ids FROM users)
     INSERT INTO strategies (owner_id, name, spec, visibility, copy_count)
     SELECT u.ids[1 + i % ${USERS}], 'Strategy ' || i,
            jsonb_build_object('kind', 'template',
                               'template', (ARRAY['sma-cross','ema-cross','rsi-reversion','macd-cross','bollinger-breakout'])[1 + i % 5],
                               'params', jsonb_build_object('fast', 5 + i % 20, 'slow', 30 + i % 50)),
            CASE WHEN i % 10 = 0 THEN 'private' ELSE 'public' END, i % 7
       FROM generate_series(1, ${STRATEGIES}) i, u`,
  );
  await ds.query(`CREATE TEMP TABLE bench_s AS SELECT row_number() OVER (ORDER BY id) AS n, id, owner_id, spec FROM strategies`);
  await ds.query(`CREATE UNIQUE INDEX ON bench_s (n)`);
  // 20 tickers × 5 ranges × 2 timeframes per strategy: with ~100 runs per strategy, about a fifth are
  // resubmissions of the same backtest (the anti-gaming rule collapses them).
  await ds.query(
    `INSERT INTO backtests (id, user_id, strategy_id, strategy_name, strategy_spec, options, symbol_id, symbol, timeframe,
                            period_from, period_to, plan, priority, cost, status, progress, created_at, finished_at,
                            return_pct, sharpe, cagr_pct, max_drawdown_pct, trade_count)
     SELECT gen_random_uuid(), s.owner_id, s.id, 'bench', s.spec,
            '{"cash":10000,"spread":0,"finalize":true,"commission":0.001,"fractional":false,"tradeOnClose":false}'::jsonb,
            md5(t.ticker)::uuid, t.ticker, CASE WHEN random() < 0.5 THEN '1d' ELSE '1h' END,
            timestamptz '2018-01-01' + floor(random() * 5) * interval '90 days', timestamptz '2023-01-01',
            'free', 10, 1, 'completed', 100, now() - (g % 100000) * interval '1 minute', now() - (g % 100000) * interval '1 minute',
            r.ret, r.ret / 25 + (random() - 0.5), r.ret / 3, -random() * 50, (random() * 200)::int
       FROM generate_series(1, ${BACKTESTS}) g
       JOIN bench_s s ON s.n = 1 + g % ${STRATEGIES}
       CROSS JOIN LATERAL (SELECT (ARRAY['AAPL','MSFT','NVDA','TSLA','AMZN','GOOG','META','BTC-USD','ETH-USD','005930',
                                          '000660','SPY','QQQ','IWM','TLT','GLD','JPM','XOM','KO','PEP'])[1 + floor(random() * 20)::int + g * 0] AS ticker) t
       CROSS JOIN LATERAL (SELECT (random() * 100 - 30) + g * 0 AS ret) r`,
  );
  await ds.query(`ANALYZE`);
}

/** autocannon worker threads need functions as files: this one builds a distinct query per request. */
function writeUncachedRequestModule(dir: string): string {
  const file = join(dir, 'uncached-request.js');
  writeFileSync(
    file,
    `let n = 0;
const sorts = ['sharpe', 'cagr', 'return', 'backtest_count', 'consistency'];
module.exports = (req) => {
  const i = n++;
  const q = 'sortBy=' + sorts[i % 5] + '&order=' + (Math.floor(i / 5) % 2 ? 'asc' : 'desc') +
    '&minBacktests=' + (1 + (Math.floor(i / 10) % 10)) + '&offset=' + (Math.floor(i / 100) % 5000) + '&limit=50';
  return { ...req, path: '/api/strategies/leaderboard?' + q };
};
`,
  );
  return file;
}

async function load(url: string, options: Partial<autocannon.Options>) {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, workers: 1, ...options });
  const non2xx = result.non2xx + result.errors + result.timeouts;
  return { p50Ms: result.latency.p50, p99Ms: result.latency.p99, rps: Math.round(result.requests.average), requests: result.requests.total, failures: non2xx };
}

async function main(): Promise<void> {
  // Nest's console logger would write to stdout before the API switches to pino (LOG_LEVEL=silent): keep stdout one JSON object.
  Logger.overrideLogger(JSON_OUT ? false : ['error', 'warn']);
  // --reuse-db URL: a database kept by an earlier --keep-db run (already seeded); it is kept again.
  const reuse = args.includes('--reuse-db') ? args[args.indexOf('--reuse-db') + 1] : undefined;
  const db = reuse ? { url: reuse, drop: async () => undefined } : await createTemporaryDatabase(SERVER, 'sb_bench_lb');
  const tmp = mkdtempSync(join(tmpdir(), 'sb-bench-lb-'));
  const prefix = `bench${randomBytes(4).toString('hex')}`;
  let ds: DataSource | undefined;
  let redis: Redis | undefined;
  let app: { close(): Promise<void> } | undefined;
  try {
    ds = await new DataSource(dataSourceOptions(db.url, 4)).initialize();
    await ds.runMigrations({ transaction: 'each' });
    if (!reuse) log(`seeding ${STRATEGIES} strategies and ${BACKTESTS} backtests…`);
    const seeded = await timed(() => (reuse ? Promise.resolve() : seed(ds!)));
    log(`seeded in ${seeded.ms} ms`);

    Object.assign(process.env, {
      DATABASE_URL: db.url,
      REDIS_URL,
      REDIS_PREFIX: prefix,
      LOG_LEVEL: 'silent',
      RATE_LIMIT_PER_MINUTE: '100000000',
      WEB_DIST: 'test/support/web-fixture',
    });
    const { loadConfig } = await import('@app/common');
    const { LeaderboardRefresher } = await import('@app/leaderboard');
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const refresher = new LeaderboardRefresher(ds, redis, loadConfig());
    if (args.includes('--explain')) {
      const [{ def }] = await ds.query(`SELECT pg_get_viewdef('strategy_performance_agg') AS def`);
      const plan: Array<Record<string, string>> = await ds.query(`EXPLAIN (ANALYZE, BUFFERS) ${def.replace(/;\s*$/, '')}`);
      log(plan.map((r) => Object.values(r)[0]).join('\n'));
    }
    const first = await timed(() => refresher.refresh());
    const second = await timed(() => refresher.refresh());
    const [{ rows }] = await ds.query(`SELECT count(*)::int AS rows FROM strategy_performance_agg`);
    const [{ distinct }] = await ds.query(`SELECT sum(backtest_count)::int AS distinct FROM strategy_performance_agg`);
    log(`refresh: ${first.ms} ms (first), ${second.ms} ms (again); ${rows} strategies, ${distinct} distinct backtests`);

    const { createApiApp } = await import('../apps/api/src/app.bootstrap');
    const api = await createApiApp({ bufferLogs: true });
    await api.listen(0, '127.0.0.1');
    app = api;
    const base = `http://127.0.0.1:${(api.getHttpServer().address() as { port: number }).port}`;

    const cachedUrl = `${base}/api/strategies/leaderboard?sortBy=sharpe&limit=50`;
    const warm = await fetch(cachedUrl);
    if (warm.status !== 200) throw new Error(`leaderboard answered ${warm.status}: ${await warm.text()}`);
    let baseline: Awaited<ReturnType<typeof load>> | undefined;
    if (args.includes('--baseline')) {
      // The same stack without the leaderboard: what the platform's middleware alone costs.
      baseline = await load(`${base}/health`, {});
      log(`baseline GET /health: ${JSON.stringify(baseline)}`);
    }
    log('cached run…');
    const cached = await load(cachedUrl, {});
    log(`cached: ${JSON.stringify(cached)}`);
    log('uncached run…');
    // --cached-only: skip the uncached run (e.g. to profile the hit path alone).
    const uncached = args.includes('--cached-only')
      ? { p50Ms: NaN, p99Ms: NaN, rps: 0, requests: 0, failures: 0 }
      : await load(`${base}/api/strategies/leaderboard`, { requests: [{ setupRequest: writeUncachedRequestModule(tmp) as never }] });
    log(`uncached: ${JSON.stringify(uncached)}`);

    const report = {
      strategies: STRATEGIES,
      backtests: BACKTESTS,
      aggregatedStrategies: rows,
      distinctBacktests: distinct,
      seedMs: seeded.ms,
      refreshMs: first.ms,
      refreshAgainMs: second.ms,
      connections: CONNECTIONS,
      durationSeconds: SECONDS,
      cached,
      uncached,
      ...(baseline ? { baselineHealth: baseline } : {}),
      targets: {
        refreshMs: first.ms <= 10_000,
        cachedP99: cached.p99Ms <= 15,
        cachedRps: cached.rps >= 3000,
        uncachedP99: uncached.p99Ms <= 100,
      },
    };
    console.log(JSON_OUT ? JSON.stringify(report) : JSON.stringify(report, null, 2));
  } finally {
    await app?.close().catch(() => undefined);
    if (redis) {
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length) await redis.unlink(...keys);
      redis.disconnect();
    }
    await ds?.destroy().catch(() => undefined);
    if (args.includes('--keep-db') || reuse) log(`kept ${db.url}`);
    else await db.drop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
