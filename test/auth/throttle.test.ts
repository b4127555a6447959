import request from 'supertest';
import { bearer, signUpUser, type TestUser } from '../support/auth';
import { createTestEnv, deleteKeys, type TestEnv } from '../support/test-env';
import { startTestApi } from '../support/test-app';

type TestApi = Awaited<ReturnType<typeof startTestApi>>;

// How @nest-lab/throttler-storage-redis names a counter: `{<sha256>:<throttler>}:hits` or `...:blocked`.
const THROTTLER_KEY = /\{[0-9a-f]{64}:default\}:(hits|blocked)$/;
const UNDER_SOME_PREFIX = /^[a-z0-9_-]{1,32}:throttle:\{/i;

async function meStatuses(apiUrl: string, user: TestUser, times: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < times; i++) statuses.push((await request(apiUrl).get('/api/me').set(bearer(user))).status);
  return statuses;
}

async function startTestApiWithPrefix(redisPrefix: string): Promise<TestApi> {
  const own = process.env.REDIS_PREFIX;
  process.env.REDIS_PREFIX = redisPrefix;
  try {
    return await startTestApi();
  } finally {
    process.env.REDIS_PREFIX = own;
  }
}

describe('rate limiting per authenticated user', () => {
  let env: TestEnv;
  let api: TestApi;
  let otherDeployment: TestApi;
  let otherPrefix: string;

  beforeAll(async () => {
    env = await createTestEnv({ RATE_LIMIT_PER_MINUTE: '8' });
    api = await startTestApi();
    otherPrefix = `${env.redisPrefix}-other`;
    otherDeployment = await startTestApiWithPrefix(otherPrefix);
  });

  afterAll(async () => {
    await api?.close();
    await otherDeployment?.close();
    if (otherPrefix) await deleteKeys(env.redis, `${otherPrefix}:*`);
    await env?.teardown();
  });

  // Signups count against this IP's anonymous limit of 8: the tests below make four in all.

  it('counts requests per user, so one user hitting the limit does not block another on the same IP', async () => {
    const a = await signUpUser(api.url);
    const b = await signUpUser(api.url);
    const statuses = await meStatuses(api.url, a, 10);
    expect(statuses.slice(0, 8).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(8)).toEqual([429, 429]);
    await request(api.url).get('/api/me').set(bearer(b)).expect(200);
  });

  it('keeps its counters under REDIS_PREFIX:throttle:, leaving none outside a prefix in the shared Redis', async () => {
    const before = new Set(await env.redis.keys('*'));
    const user = await signUpUser(api.url);
    await meStatuses(api.url, user, 2);
    // Other test files may use this Redis at the same time, each under its own prefix:
    // look only at the counters that appeared meanwhile.
    const created = (await env.redis.keys('*')).filter((key) => !before.has(key) && THROTTLER_KEY.test(key));
    expect(created.filter((key) => key.startsWith(`${env.redisPrefix}:throttle:{`)).length).toBeGreaterThan(0);
    expect(created.filter((key) => !UNDER_SOME_PREFIX.test(key))).toEqual([]);
  });

  it('does not share counters with a deployment under another REDIS_PREFIX on the same Redis', async () => {
    const user = await signUpUser(api.url);
    expect(await meStatuses(api.url, user, 9)).toEqual([...Array<number>(8).fill(200), 429]);
    expect(await meStatuses(otherDeployment.url, user, 8)).toEqual(Array<number>(8).fill(200));
    expect(await env.redis.keys(`${otherPrefix}:throttle:{*}:hits`)).toHaveLength(1);
  });
});
