/**
 * Load test of the backtest pipeline against a running stack (`npm start`, ideally with 2 workers):
 *
 *   npm run -s loadtest -- --users 100 --jobs 1000 [--url http://localhost:3000] [--symbol SPY]
 *                          [--from 2019-01-01 --to 2019-12-31] [--timeout 300] [--json]
 *
 * Creates users on mixed plans (plans set through the admin API with the seeded admin), buys them
 * credits through the payment sandbox (order → sandbox authorize → confirm), opens one socket per
 * user, submits every job concurrently over HTTP, waits for the completed/failed events, then prints
 * one JSON object with success, waits, end-to-end times, progress latency (worker emittedAt → client
 * receipt), throughput and average wait per plan, and checks the ledger: charges − refunds must equal
 * the cost of the completed jobs. Bounded by --timeout; stops by itself.
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { io, type Socket } from 'socket.io-client';

type Plan = 'free' | 'basic' | 'pro';
const PLANS: Plan[] = ['free', 'basic', 'pro'];

interface Options {
  url: string;
  users: number;
  jobs: number;
  symbol: string;
  from: string;
  to: string;
  timeoutSec: number;
  json: boolean;
  inFlight: number;
  adminEmail: string;
  adminPassword: string;
}

function parseArgs(argv: string[]): Options {
  const get = (name: string, def: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : def;
  };
  return {
    url: get('url', process.env.LOADTEST_URL ?? 'http://localhost:3000').replace(/\/$/, ''),
    users: Number(get('users', '100')),
    jobs: Number(get('jobs', '1000')),
    symbol: get('symbol', 'SPY'),
    from: get('from', '2019-01-01'),
    to: get('to', '2019-12-31'),
    timeoutSec: Number(get('timeout', '300')),
    json: argv.includes('--json'),
    inFlight: Number(get('in-flight', '200')),
    adminEmail: get('admin-email', 'admin@stratbench.dev'),
    adminPassword: get('admin-password', 'admin-demo-pass'),
  };
}

const log = (message: string) => process.stderr.write(`[loadtest] ${message}\n`);

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    what: string,
  ) {
    super(`${what}: HTTP ${status} ${JSON.stringify(body)}`);
  }
}

async function call<T>(
  url: string,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const parsed: unknown = text ? JSON.parse(text) : undefined;
    if (res.ok) return parsed as T;
    // Back off on rate limits and transient errors; the same Idempotency-Key keeps submits safe.
    if ((res.status === 429 || res.status >= 502) && attempt < 5) {
      await sleep(250 * 2 ** attempt);
      continue;
    }
    throw new HttpError(res.status, parsed, `${method} ${path}`);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs `work` over `items` with at most `limit` in flight. */
async function pool<T, R>(
  items: T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await work(items[i], i);
      }
    }),
  );
  return out;
}

function stats(values: number[]) {
  if (values.length === 0) return { avg: null, p50: null, p95: null, p99: null, max: null };
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
  const avg = sorted.reduce((s, v) => s + v, 0) / sorted.length;
  const r = (v: number) => Math.round(v * 10) / 10;
  return {
    avg: r(avg),
    p50: r(at(0.5)),
    p95: r(at(0.95)),
    p99: r(at(0.99)),
    max: r(sorted[sorted.length - 1]),
  };
}

interface LoadUser {
  id: string;
  email: string;
  token: string;
  plan: Plan;
  socket?: Socket;
}

interface JobTrack {
  id?: string;
  user: LoadUser;
  submittedAt: number;
  acceptedAt?: number;
  finishedAt?: number;
  outcome?: 'completed' | 'failed' | 'canceled';
  submitError?: string;
  /** Finished, but learnt from a poll because no socket event arrived. */
  missedEvent?: boolean;
}

interface BacktestRow {
  id: string;
  status: string;
  plan: Plan;
  cost: number;
  queueWaitMs: number | null;
}

async function createUsers(o: Options, adminToken: string, perUserCredits: number): Promise<LoadUser[]> {
  const run = randomBytes(3).toString('hex');
  const packages = await call<{ items: Array<{ id: string; credits: number }> }>(
    o.url,
    'GET',
    '/api/payments/packages',
    adminToken,
  );
  const sorted = [...packages.items].sort((a, b) => b.credits - a.credits);
  return pool(
    Array.from({ length: o.users }, (_, i) => i),
    20,
    async (i) => {
      const email = `load-${run}-${i}@loadtest.stratbench.dev`;
      const password = `pw-${randomBytes(8).toString('hex')}`;
      const session = await call<{ user: { id: string }; accessToken: string }>(
        o.url,
        'POST',
        '/api/auth/signup',
        undefined,
        {
          email,
          password,
          displayName: `Load ${i}`,
        },
      );
      const plan = PLANS[i % PLANS.length];
      await call(o.url, 'PATCH', `/api/admin/users/${session.user.id}`, adminToken, { plan });
      // Log in again so the token's user carries the new plan (plans are read per request anyway).
      const login = await call<{ accessToken: string }>(o.url, 'POST', '/api/auth/login', undefined, {
        email,
        password,
      });
      const user: LoadUser = { id: session.user.id, email, token: login.accessToken, plan };
      let balance = (await call<{ balance: number }>(o.url, 'GET', '/api/credits', user.token)).balance;
      while (balance < perUserCredits) {
        const missing = perUserCredits - balance;
        const pkg = sorted.find((p) => p.credits <= missing) ?? sorted[sorted.length - 1];
        const order = await call<{ orderId: string; amount: number }>(
          o.url,
          'POST',
          '/api/payments/orders',
          user.token,
          { packageId: pkg.id },
        );
        const auth = await call<{ paymentKey: string; amount: number }>(
          o.url,
          'POST',
          '/api/payments/sandbox/authorize',
          user.token,
          {
            orderId: order.orderId,
          },
        );
        await call(o.url, 'POST', '/api/payments/confirm', user.token, {
          paymentKey: auth.paymentKey,
          orderId: order.orderId,
          amount: auth.amount,
        });
        balance = (await call<{ balance: number }>(o.url, 'GET', '/api/credits', user.token)).balance;
      }
      return user;
    },
  );
}

function connect(url: string, token: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = io(url, { transports: ['websocket'], auth: { token }, reconnection: true });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

async function ledgerCheck(userIds: string[], rows: BacktestRow[], o: Options, adminToken: string) {
  const expectedNet = rows.filter((r) => r.status === 'completed').reduce((s, r) => s + r.cost, 0);
  let charges = 0;
  let refunds = 0;
  let source = 'sql';
  const dbUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/stratbench';
  try {
    const client = new Client({ connectionString: dbUrl, connectionTimeoutMillis: 3000 });
    await client.connect();
    try {
      const { rows: sums } = await client.query(
        `SELECT COALESCE(-sum(amount) FILTER (WHERE reason = 'backtest_charge'), 0)::int AS charges,
                COALESCE(sum(amount) FILTER (WHERE reason = 'backtest_refund'), 0)::int AS refunds
           FROM credit_ledger WHERE user_id = ANY($1)`,
        [userIds],
      );
      charges = sums[0].charges;
      refunds = sums[0].refunds;
    } finally {
      await client.end();
    }
  } catch {
    // No database access: read each ledger through the staff endpoint instead.
    source = 'api';
    await pool(userIds, 10, async (userId) => {
      for (let offset = 0; ; offset += 100) {
        const page = await call<{ items: Array<{ reason: string; amount: number }>; total: number }>(
          o.url,
          'GET',
          `/api/credits/ledger?userId=${userId}&limit=100&offset=${offset}`,
          adminToken,
        );
        for (const e of page.items) {
          if (e.reason === 'backtest_charge') charges -= e.amount;
          if (e.reason === 'backtest_refund') refunds += e.amount;
        }
        if (offset + 100 >= page.total) break;
      }
    });
  }
  return {
    source,
    charges,
    refunds,
    net: charges - refunds,
    expectedNet,
    balanced: charges - refunds === expectedNet,
  };
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const deadline = Date.now() + o.timeoutSec * 1000;
  const hardStop = setTimeout(
    () => {
      log(`hard timeout after ${o.timeoutSec + 60} s`);
      process.exit(2);
    },
    (o.timeoutSec + 60) * 1000,
  );
  hardStop.unref();

  const admin = await call<{ accessToken: string }>(o.url, 'POST', '/api/auth/login', undefined, {
    email: o.adminEmail,
    password: o.adminPassword,
  });
  const quote = await call<{ cost: number }>(
    o.url,
    'GET',
    `/api/backtests/quote?from=${o.from}&to=${o.to}`,
    admin.accessToken,
  );
  const perUserJobs = Math.ceil(o.jobs / o.users);
  log(`creating ${o.users} users (plans free/basic/pro), ${perUserJobs * quote.cost} credits each...`);
  const users = await createUsers(o, admin.accessToken, perUserJobs * quote.cost);

  const tracks = new Map<string, JobTrack>();
  const latencies: number[] = [];
  let progressEvents = 0;
  log('opening sockets...');
  await pool(users, 20, async (user) => {
    const socket = await connect(o.url, user.token);
    user.socket = socket;
    socket.on('backtest.progress', (e: { backtestId: string; emittedAt: number }) => {
      progressEvents++;
      latencies.push(Date.now() - e.emittedAt);
    });
    const finish = (outcome: JobTrack['outcome']) => (e: { backtestId: string }) => {
      const t = tracks.get(e.backtestId);
      if (!t) {
        // The event beat the HTTP answer: keep it for the submitter to pick up.
        tracks.set(e.backtestId, { user, submittedAt: 0, outcome, finishedAt: Date.now() });
      } else if (!t.outcome) {
        t.outcome = outcome;
        t.finishedAt = Date.now();
      }
    };
    socket.on('backtest.completed', finish('completed'));
    socket.on('backtest.failed', finish('failed'));
    socket.on('backtest.canceled', finish('canceled'));
  });

  const body = {
    strategy: { kind: 'template', template: 'sma-cross', params: { fast: 10, slow: 30 } },
    symbol: o.symbol,
    timeframe: '1d',
    from: o.from,
    to: o.to,
    cash: 10_000,
    commission: 0.001,
    finalize: true,
  };
  const jobs: JobTrack[] = Array.from({ length: o.jobs }, (_, i) => ({
    user: users[i % users.length],
    submittedAt: 0,
  }));
  log(`submitting ${o.jobs} backtests...`);
  const startedAt = Date.now();
  await pool(jobs, o.inFlight, async (job, i) => {
    job.submittedAt = Date.now();
    try {
      const res = await call<{ id: string }>(o.url, 'POST', '/api/backtests', job.user.token, body, {
        'Idempotency-Key': `loadtest-${startedAt}-${i}`,
      });
      job.id = res.id;
      job.acceptedAt = Date.now();
      const early = tracks.get(res.id); // an event may beat the HTTP answer
      tracks.set(
        res.id,
        early ? Object.assign(job, { outcome: early.outcome, finishedAt: early.finishedAt }) : job,
      );
    } catch (error) {
      job.submitError = (error as Error).message;
    }
  });
  const submitted = jobs.filter((j) => j.id);
  log(`submitted ${submitted.length} in ${Date.now() - startedAt} ms; waiting for results...`);

  // Wait for the events; every few seconds ask the API about the jobs still open, in case an event was missed.
  let lastPoll = Date.now();
  while (Date.now() < deadline && submitted.some((j) => !j.outcome)) {
    await sleep(200);
    if (Date.now() - lastPoll > 5000) {
      lastPoll = Date.now();
      const open = submitted.filter((j) => !j.outcome);
      log(`${submitted.length - open.length}/${submitted.length} finished`);
      await pool(open.slice(0, 50), 10, async (j) => {
        const row = await call<{ status: string }>(o.url, 'GET', `/api/backtests/${j.id}`, j.user.token);
        if (['completed', 'failed', 'canceled'].includes(row.status) && !j.outcome) {
          j.outcome = row.status as JobTrack['outcome'];
          j.finishedAt = Date.now();
          j.missedEvent = true;
        }
      });
    }
  }

  // Server-side truth for waits and statuses.
  const rows: BacktestRow[] = [];
  await pool(users, 10, async (user) => {
    for (let offset = 0; ; offset += 100) {
      const page = await call<{ items: BacktestRow[]; total: number }>(
        o.url,
        'GET',
        `/api/backtests?limit=100&offset=${offset}`,
        user.token,
      );
      rows.push(...page.items);
      if (offset + 100 >= page.total) break;
    }
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const j of submitted) {
    const row = byId.get(j.id!);
    if (!j.outcome && row && ['completed', 'failed', 'canceled'].includes(row.status))
      Object.assign(j, { outcome: row.status as JobTrack['outcome'], missedEvent: true });
  }

  const completed = submitted.filter((j) => byId.get(j.id!)?.status === 'completed');
  const failed = submitted.filter((j) => byId.get(j.id!)?.status === 'failed');
  const waits = rows.filter((r) => r.queueWaitMs !== null).map((r) => r.queueWaitMs!);
  const e2e = submitted
    .filter((j) => j.finishedAt && j.outcome === 'completed')
    .map((j) => j.finishedAt! - j.submittedAt);
  const lastFinish = Math.max(...submitted.map((j) => j.finishedAt ?? 0));
  const waitPerPlan = Object.fromEntries(
    PLANS.map((plan) => {
      const w = rows.filter((r) => r.plan === plan && r.queueWaitMs !== null).map((r) => r.queueWaitMs!);
      return [plan, w.length ? Math.round(w.reduce((s, v) => s + v, 0) / w.length) : null];
    }),
  );
  const ledger = await ledgerCheck(
    users.map((u) => u.id),
    rows,
    o,
    admin.accessToken,
  );
  const lat = stats(latencies);
  const result = {
    url: o.url,
    users: o.users,
    jobs: o.jobs,
    submitted: submitted.length,
    submitErrors: jobs.length - submitted.length,
    completed: completed.length,
    missedEvents: submitted.filter((j) => j.missedEvent).length,
    failed: failed.length,
    unfinished: submitted.length - completed.length - failed.length,
    successRate: o.jobs ? Math.round((completed.length / o.jobs) * 10_000) / 10_000 : 0,
    waitMs: stats(waits),
    endToEndMs: stats(e2e),
    progressLatencyMs: { p50: lat.p50, p99: lat.p99, max: lat.max, events: progressEvents },
    throughputPerSec:
      lastFinish > startedAt
        ? Math.round((completed.length / ((lastFinish - startedAt) / 1000)) * 100) / 100
        : 0,
    durationSec: Math.round((Math.max(lastFinish, Date.now()) - startedAt) / 100) / 10,
    avgWaitMsPerPlan: waitPerPlan,
    proWaitsLessThanFree:
      waitPerPlan.pro !== null && waitPerPlan.free !== null ? waitPerPlan.pro < waitPerPlan.free : null,
    ledger,
    firstSubmitError: jobs.find((j) => j.submitError)?.submitError,
  };

  for (const u of users) u.socket?.close();
  if (o.json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  process.exit(result.ledger.balanced && result.completed === o.jobs ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
