import request from 'supertest';
import { bearer, signUpUser } from '../support/auth';
import { createTestEnv, type TestEnv } from '../support/test-env';
import { startTestApi } from '../support/test-app';

describe('rate limiting per authenticated user', () => {
  let env: TestEnv;
  let api: Awaited<ReturnType<typeof startTestApi>>;

  beforeAll(async () => {
    env = await createTestEnv({ RATE_LIMIT_PER_MINUTE: '8' });
    api = await startTestApi();
  });

  afterAll(async () => {
    await api?.close();
    await env?.teardown();
  });

  it('counts requests per user, so one user hitting the limit does not block another on the same IP', async () => {
    // Two signups from this IP stay under the anonymous limit of 8.
    const a = await signUpUser(api.url);
    const b = await signUpUser(api.url);
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await request(api.url).get('/api/me').set(bearer(a))).status);
    expect(statuses.slice(0, 8).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(8)).toEqual([429, 429]);
    await request(api.url).get('/api/me').set(bearer(b)).expect(200);
  });
});
