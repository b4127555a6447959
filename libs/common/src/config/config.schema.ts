import { z } from 'zod';

const int = (def: number, min = 0, max = Number.MAX_SAFE_INTEGER) =>
  z.coerce.number().int().min(min).max(max).default(def);

const url = (protocols: string[], def: string) =>
  z
    .string()
    .default(def)
    .refine((v) => {
      try {
        return protocols.includes(new URL(v).protocol);
      } catch {
        return false;
      }
    }, `must be a ${protocols.map((p) => `${p}//`).join(" or ")} URL`);

export const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    HOST: z.string().min(1).default('0.0.0.0'),
    PORT: int(3000, 0, 65535),
    PUBLIC_URL: z.string().optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    DATABASE_URL: url(['postgres:', 'postgresql:'], 'postgres://postgres@127.0.0.1:5432/stratbench'),
    DATABASE_POOL_SIZE: int(10, 1, 200),
    REDIS_URL: url(['redis:', 'rediss:'], 'redis://127.0.0.1:6379'),
    REDIS_PREFIX: z
      .string()
      .regex(/^[a-z0-9_-]{1,32}$/i, 'must be 1-32 letters, digits, _ or -')
      .default('sb'),
    JWT_ACCESS_SECRET: z.string().min(16, 'must be at least 16 characters').default('dev-access-secret-change-me'),
    JWT_ACCESS_TTL_SECONDS: int(900, 10, 86_400),
    REFRESH_TOKEN_TTL_DAYS: int(30, 1, 365),
    CORS_ORIGINS: z.string().default('http://localhost:5173,http://localhost:3000'),
    BODY_LIMIT: z
      .string()
      .regex(/^\d+(kb|mb)$/i, 'must look like 512kb or 1mb')
      .default('1mb'),
    UPLOAD_LIMIT_MB: int(25, 1, 500),
    MARKET_DATA_CACHE_MB: int(256, 0, 65_536),
    RATE_LIMIT_PER_MINUTE: int(1200, 1),
    TOSS_SECRET_KEY: z
      .string()
      .regex(/^(test|live)_(g?sk)_/, 'must start with test_sk_ or live_sk_')
      .optional(),
    TOSS_CLIENT_KEY: z.string().optional(),
    TOSS_BASE_URL: url(['http:', 'https:'], 'https://api.tosspayments.com'),
    TOSS_TIMEOUT_MS: int(10_000, 100, 120_000),
    SIGNUP_BONUS_CREDITS: int(10, 0, 1_000_000),
    WORKER_CONCURRENCY: int(5, 1, 256),
    // Backtest pipeline (issue 6): retries, stall detection, the reconciler; tests shorten them.
    BACKTEST_BACKOFF_MS: int(2000, 0, 600_000),
    BACKTEST_LOCK_DURATION_MS: int(10_000, 500, 600_000),
    BACKTEST_STALLED_INTERVAL_MS: int(5000, 200, 600_000),
    BACKTEST_MAX_STALLED_COUNT: int(2, 0, 100),
    BACKTEST_RECONCILE_INTERVAL_MS: int(15_000, 200, 3_600_000),
    /** A pending job younger than this is left alone by the reconciler (its enqueue may be in flight). */
    BACKTEST_RECONCILE_GRACE_MS: int(10_000, 0, 3_600_000),
    /** Test-only (ignored unless NODE_ENV=test): a pause after loading data, to catch a job mid-run. */
    BACKTEST_TEST_DELAY_MS: int(0, 0, 600_000),
    /** Test-only (ignored unless NODE_ENV=test): backtests of this ticker throw inside the run. */
    BACKTEST_TEST_FAIL_TICKER: z.string().optional(),
    REFUND_REVIEW_THRESHOLD_WON: int(100_000, 0),
    // Refunds (issue 8): job retries, the reconciler of refunds left `processing`; tests shorten them.
    REFUND_ATTEMPTS: int(5, 1, 50),
    REFUND_BACKOFF_MS: int(2000, 0, 600_000),
    REFUND_RECONCILE_INTERVAL_MS: int(30_000, 200, 3_600_000),
    /** A `processing` refund untouched for this long is read back from the gateway by the reconciler. */
    REFUND_RECONCILE_GRACE_MS: int(60_000, 0, 3_600_000),
    /** Test-only (ignored unless NODE_ENV=test): '1' makes the worker SIGKILL itself right after a successful cancel. */
    REFUND_TEST_CRASH_AFTER_GATEWAY: z.enum(['0', '1']).default('0'),
    LEADERBOARD_CACHE_TTL_SECONDS: int(3600, 1),
    LEADERBOARD_REFRESH_DEBOUNCE_SECONDS: int(30, 0),
    /** The scheduled refresh of the leaderboard aggregate (besides the debounced one after completions). */
    LEADERBOARD_REFRESH_INTERVAL_SECONDS: int(300, 1, 86_400),
    /** Each API process keeps the aggregate in memory (one query per refresh) while it has at most this many rows; 0: always SQL. */
    LEADERBOARD_SNAPSHOT_MAX_ROWS: int(200_000, 0),
    WEB_DIST: z.string().default('dist/web'),
  })
  .superRefine((c, ctx) => {
    if (c.NODE_ENV === 'production' && c.JWT_ACCESS_SECRET === 'dev-access-secret-change-me') {
      ctx.addIssue({ code: 'custom', path: ['JWT_ACCESS_SECRET'], message: 'must be set in production' });
    }
  });

export type AppConfig = z.infer<typeof configSchema>;
