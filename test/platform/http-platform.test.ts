import request from 'supertest';
import { createTestEnv, type TestEnv } from '../support/test-env';
import { startTestApi } from '../support/test-app';

describe('HTTP platform', () => {
  let env: TestEnv;
  let api: Awaited<ReturnType<typeof startTestApi>>;

  beforeAll(async () => {
    env = await createTestEnv();
    api = await startTestApi();
  });

  afterAll(async () => {
    await api?.close();
    await env?.teardown();
  });

  it('answers liveness and readiness with every dependency up', async () => {
    await request(api.url).get('/health').expect(200, /"status":"ok"/);
    const ready = await request(api.url).get('/health/ready').expect(200);
    expect(ready.body.status).toBe('ready');
    expect(ready.body.dependencies.map((d: { name: string }) => d.name).sort()).toEqual(['postgres', 'queue', 'redis']);
  });

  it('gives an unknown route the JSON error shape with a request id', async () => {
    const res = await request(api.url).get('/api/no-such-route').expect(404);
    expect(res.body).toEqual({
      statusCode: 404,
      code: 'NOT_FOUND',
      message: 'Cannot GET /api/no-such-route',
      requestId: expect.any(String),
    });
    expect(res.headers['x-request-id']).toBe(res.body.requestId);
  });

  it('turns malformed JSON into a 400, never a 500', async () => {
    const res = await request(api.url)
      .post('/api/no-such-route')
      .set('content-type', 'application/json')
      .send('{"broken":')
      .expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'MALFORMED_JSON', requestId: expect.any(String) });
  });

  it('refuses a body over the size limit with 413', async () => {
    const res = await request(api.url)
      .post('/api/no-such-route')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ blob: 'x'.repeat(2 * 1024 * 1024) }))
      .expect(413);
    expect(res.body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  it('sends helmet headers and serves the SPA at / and the docs at /docs', async () => {
    const home = await request(api.url).get('/').expect(200);
    expect(home.text).toContain('Stratbench test shell');
    expect(home.headers['x-content-type-options']).toBe('nosniff');
    expect(home.headers['content-security-policy']).toContain("default-src 'self'");
    await request(api.url).get('/docs').expect(200, /swagger/i);
    const spec = await request(api.url).get('/docs-json').expect(200);
    expect(spec.body.paths['/health/ready'].get.operationId).toBe('getReadiness');
  });

  it('serves the SPA for client-side routes but not for unknown API routes', async () => {
    await request(api.url).get('/leaderboard').expect(200, /Stratbench test shell/);
    await request(api.url).get('/admin/refunds/some-id').expect(200, /Stratbench test shell/);
    await request(api.url).get('/admin/queues').expect(401);
    await request(api.url).get('/api/leaderboard-nope').expect(404, /NOT_FOUND/);
  });
});
