import request from 'supertest';
import { createTestEnv, type TestEnv } from '../support/test-env';
import { startTestApi } from '../support/test-app';
import { startPrivateRedis } from '../support/redis-server';

describe('readiness without Redis', () => {
  let env: TestEnv;
  let redis: Awaited<ReturnType<typeof startPrivateRedis>>;
  let api: Awaited<ReturnType<typeof startTestApi>>;

  beforeAll(async () => {
    redis = await startPrivateRedis();
    env = await createTestEnv({ REDIS_URL: redis.url });
    api = await startTestApi();
  });

  afterAll(async () => {
    await api?.close().catch(() => undefined);
    await redis?.stop();
    await env?.teardown();
  });

  it('answers 503 naming redis and the queue while Redis is away, keeps liveness up, and recovers', async () => {
    await request(api.url).get('/health/ready').expect(200);
    await redis.stop();
    const res = await request(api.url).get('/health/ready').expect(503);
    expect(res.body).toMatchObject({ statusCode: 503, code: 'DEPENDENCY_UNAVAILABLE' });
    expect(res.body.details.failed).toEqual(expect.arrayContaining(['redis', 'queue']));
    expect(res.body.details.failed).not.toContain('postgres');
    expect(res.body.message).toContain('redis');
    await request(api.url).get('/health').expect(200);

    await redis.restart();
    for (let i = 0; i < 50; i++) {
      if ((await request(api.url).get('/health/ready')).status === 200) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error('readiness did not recover after Redis came back');
  });
});
