import { JwtService } from '@nestjs/jwt';
import request from 'supertest';
import { AuthService } from '@app/auth';
import { bearer, createUser, logIn, signUpUser, type TestUser } from '../support/auth';
import { createTestEnv, type TestEnv } from '../support/test-env';
import { startTestApi } from '../support/test-app';

const SECRET = 'test-access-secret-0123456789';

describe('accounts and authentication', () => {
  let env: TestEnv;
  let api: Awaited<ReturnType<typeof startTestApi>>;
  let trader: TestUser;

  beforeAll(async () => {
    env = await createTestEnv({ JWT_ACCESS_SECRET: SECRET, JWT_ACCESS_TTL_SECONDS: '900' });
    api = await startTestApi();
    trader = await signUpUser(api.url, { displayName: 'Kim Trader' });
  });

  afterAll(async () => {
    await api?.close();
    await env?.teardown();
  });

  describe('sign-up and login', () => {
    it('signs up with a normalised email and an argon2id hash, and answers /api/me', async () => {
      const res = await request(api.url)
        .post('/api/auth/signup')
        .send({ email: '  Mixed.Case@Example.COM ', password: 'long-enough-pass', displayName: 'Mixy', locale: 'ko' })
        .expect(201);
      expect(res.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, user: { email: 'mixed.case@example.com', role: 'trader', plan: 'free', locale: 'ko' } });
      const [row] = await env.dataSource.query(`SELECT password_hash FROM users WHERE email = 'mixed.case@example.com'`);
      expect(row.password_hash).toMatch(/^\$argon2id\$/);
      const me = await request(api.url).get('/api/me').set('Authorization', `Bearer ${res.body.accessToken}`).expect(200);
      expect(me.body).toMatchObject({ displayName: 'Mixy', role: 'trader', plan: 'free' });
    });

    it('refuses a second account with the same email (409)', async () => {
      const res = await request(api.url).post('/api/auth/signup').send({ email: trader.email.toUpperCase(), password: 'another-password' }).expect(409);
      expect(res.body.code).toBe('EMAIL_TAKEN');
    });

    it('logs in with the right password and refuses a wrong one or an unknown email (401)', async () => {
      await logIn(api.url, trader.email, trader.password);
      const wrong = await request(api.url).post('/api/auth/login').send({ email: trader.email, password: 'wrong-password' }).expect(401);
      expect(wrong.body).toMatchObject({ statusCode: 401, code: 'INVALID_CREDENTIALS' });
      const unknown = await request(api.url).post('/api/auth/login').send({ email: 'nobody@example.com', password: 'whatever' }).expect(401);
      expect(unknown.body.code).toBe('INVALID_CREDENTIALS');
    });

    it('updates the display name and locale of the caller', async () => {
      const res = await request(api.url).patch('/api/me').set(bearer(trader)).send({ displayName: 'Kim the Bold', locale: 'ko' }).expect(200);
      expect(res.body).toMatchObject({ displayName: 'Kim the Bold', locale: 'ko' });
    });
  });

  describe('access tokens', () => {
    it('refuses a missing, malformed, forged or expired token with 401 JSON', async () => {
      const missing = await request(api.url).get('/api/me').expect(401);
      expect(missing.body).toMatchObject({ statusCode: 401, code: 'UNAUTHORIZED', message: expect.any(String) });
      expect((await request(api.url).get('/api/me').set('Authorization', 'Basic abc').expect(401)).body.code).toBe('UNAUTHORIZED');
      expect((await request(api.url).get('/api/me').set('Authorization', 'Bearer not.a.jwt').expect(401)).body.code).toBe('INVALID_TOKEN');

      const forged = new JwtService().sign({ sub: trader.id, typ: 'access' }, { secret: 'some-other-secret-entirely' });
      expect((await request(api.url).get('/api/me').set('Authorization', `Bearer ${forged}`).expect(401)).body.code).toBe('INVALID_TOKEN');

      const expired = new JwtService().sign({ sub: trader.id, typ: 'access', exp: Math.floor(Date.now() / 1000) - 60 }, { secret: SECRET });
      const res = await request(api.url).get('/api/me').set('Authorization', `Bearer ${expired}`).expect(401);
      expect(res.body).toMatchObject({ statusCode: 401, code: 'TOKEN_EXPIRED' });
    });

    it('authenticates socket handshakes through AuthService.authenticate', async () => {
      const auth = api.app.get(AuthService);
      await expect(auth.authenticate({ bearer: trader.accessToken })).resolves.toMatchObject({ id: trader.id, via: 'jwt' });
      await expect(auth.authenticate({})).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    });

    it('keeps public routes open', async () => {
      await request(api.url).get('/health').expect(200);
      await request(api.url).get('/api/payments/packages').expect(200);
    });
  });

  describe('refresh tokens', () => {
    it('rotates: each refresh token works once and yields a new pair', async () => {
      const session = await logIn(api.url, trader.email, trader.password);
      const next = await request(api.url).post('/api/auth/refresh').send({ refreshToken: session.refreshToken }).expect(200);
      expect(next.body.refreshToken).not.toBe(session.refreshToken);
      await request(api.url).get('/api/me').set('Authorization', `Bearer ${next.body.accessToken}`).expect(200);
      const [{ token_hash }] = await env.dataSource.query(`SELECT token_hash FROM refresh_tokens ORDER BY created_at DESC LIMIT 1`);
      expect(token_hash).not.toContain(next.body.refreshToken);
    });

    it('treats reuse of a used refresh token as theft: 401 and the whole family is revoked', async () => {
      const session = await logIn(api.url, trader.email, trader.password);
      const second = await request(api.url).post('/api/auth/refresh').send({ refreshToken: session.refreshToken }).expect(200);
      const reuse = await request(api.url).post('/api/auth/refresh').send({ refreshToken: session.refreshToken }).expect(401);
      expect(reuse.body.code).toBe('REFRESH_TOKEN_REUSED');
      const stolen = await request(api.url).post('/api/auth/refresh').send({ refreshToken: second.body.refreshToken }).expect(401);
      expect(stolen.body.code).toBe('REFRESH_TOKEN_REUSED');
    });

    it('lets only one of two concurrent refreshes with the same token win', async () => {
      const session = await logIn(api.url, trader.email, trader.password);
      const results = await Promise.all(
        [0, 1].map(() => request(api.url).post('/api/auth/refresh').send({ refreshToken: session.refreshToken })),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 401]);
    });

    it('revokes the session on logout', async () => {
      const session = await logIn(api.url, trader.email, trader.password);
      await request(api.url).post('/api/auth/logout').send({ refreshToken: session.refreshToken }).expect(204);
      const res = await request(api.url).post('/api/auth/refresh').send({ refreshToken: session.refreshToken }).expect(401);
      expect(res.body.code).toBe('REFRESH_TOKEN_REUSED');
      expect((await request(api.url).post('/api/auth/refresh').send({ refreshToken: 'rt_unknown_token_value' }).expect(401)).body.code).toBe(
        'INVALID_REFRESH_TOKEN',
      );
    });
  });

  describe('API keys', () => {
    it('creates a key shown once, authenticates with it, lists it without the secret, and refuses it once revoked', async () => {
      const created = await request(api.url).post('/api/api-keys').set(bearer(trader)).send({ name: 'notebook' }).expect(201);
      expect(created.body.key).toMatch(/^sb_live_[A-Za-z0-9_-]{43}$/);
      expect(created.body.key.startsWith(created.body.prefix)).toBe(true);

      const me = await request(api.url).get('/api/me').set('X-API-Key', created.body.key).expect(200);
      expect(me.body.id).toBe(trader.id);

      const list = await request(api.url).get('/api/api-keys').set('X-API-Key', created.body.key).expect(200);
      expect(list.body.items).toHaveLength(1);
      expect(list.body.items[0]).not.toHaveProperty('key');
      expect(JSON.stringify(list.body)).not.toContain(created.body.key);
      const [row] = await env.dataSource.query(`SELECT key_hash FROM api_keys WHERE id = $1`, [created.body.id]);
      expect(row.key_hash).not.toContain(created.body.key.slice(8));

      await request(api.url).delete(`/api/api-keys/${created.body.id}`).set(bearer(trader)).expect(204);
      const revoked = await request(api.url).get('/api/me').set('X-API-Key', created.body.key).expect(401);
      expect(revoked.body.code).toBe('INVALID_API_KEY');
      expect((await request(api.url).get('/api/me').set('X-API-Key', 'sb_live_nonsense').expect(401)).body.code).toBe('INVALID_API_KEY');
    });

    it("answers 404 when revoking another user's key", async () => {
      const other = await signUpUser(api.url);
      const key = await request(api.url).post('/api/api-keys').set(bearer(other)).send({ name: 'theirs' }).expect(201);
      await request(api.url).delete(`/api/api-keys/${key.body.id}`).set(bearer(trader)).expect(404);
      await request(api.url).get('/api/me').set('X-API-Key', key.body.key).expect(200);
    });

    it("carries the owner's role", async () => {
      const admin = await createUser(env.dataSource, api.url, { role: 'admin' });
      const key = await request(api.url).post('/api/api-keys').set(bearer(admin)).send({ name: 'ops' }).expect(201);
      await request(api.url).get('/api/admin/audit').set('X-API-Key', key.body.key).expect(200);
      const traderKey = await request(api.url).post('/api/api-keys').set(bearer(trader)).send({ name: 'mine' }).expect(201);
      await request(api.url).get('/api/admin/audit').set('X-API-Key', traderKey.body.key).expect(403);
    });
  });

  describe('roles and admin user management', () => {
    it('lets support look users up by email with plan, role, balance and creation date, but not change them', async () => {
      const support = await createUser(env.dataSource, api.url, { role: 'support' });
      const res = await request(api.url).get('/api/admin/users').query({ email: trader.email.toUpperCase() }).set(bearer(support)).expect(200);
      expect(res.body.items).toEqual([
        expect.objectContaining({ id: trader.id, email: trader.email, role: 'trader', plan: 'free', balance: 10, createdAt: expect.any(String) }),
      ]);
      await request(api.url).patch(`/api/admin/users/${trader.id}`).set(bearer(support)).send({ plan: 'pro' }).expect(403);
    });

    it('answers 403 to a trader on every admin route', async () => {
      for (const [method, path] of [
        ['get', '/api/admin/users'],
        ['get', `/api/admin/users/${trader.id}`],
        ['patch', `/api/admin/users/${trader.id}`],
        ['get', '/api/admin/audit'],
      ] as const) {
        const res = await request(api.url)[method](path).set(bearer(trader)).send({ plan: 'pro' });
        expect([path, res.status, res.body.code]).toEqual([path, 403, 'FORBIDDEN']);
      }
    });

    it('lets an admin change plan and role, effective at once and audited', async () => {
      const admin = await createUser(env.dataSource, api.url, { role: 'admin' });
      const target = await signUpUser(api.url);
      const res = await request(api.url).patch(`/api/admin/users/${target.id}`).set(bearer(admin)).send({ plan: 'pro', role: 'support' }).expect(200);
      expect(res.body).toMatchObject({ plan: 'pro', role: 'support' });
      const me = await request(api.url).get('/api/me').set(bearer(target)).expect(200);
      expect(me.body).toMatchObject({ plan: 'pro', role: 'support' });
      const audit = await request(api.url).get('/api/admin/audit').query({ action: 'user.update', targetId: target.id }).set(bearer(admin)).expect(200);
      expect(audit.body.items[0]).toMatchObject({ actorId: admin.id, before: { plan: 'free', role: 'trader' }, after: { plan: 'pro', role: 'support' } });
      await request(api.url).patch(`/api/admin/users/${admin.id}`).set(bearer(admin)).send({ role: 'trader' }).expect(409);
      await request(api.url).patch('/api/admin/users/00000000-0000-4000-8000-000000000000').set(bearer(admin)).send({ plan: 'pro' }).expect(404);
    });
  });

  describe('malformed bodies answer 400 with field errors', () => {
    const cases: Array<[string, string, string, Record<string, unknown>, string]> = [
      ['signup without email', 'post', '/api/auth/signup', { password: 'long-enough-pass' }, 'email'],
      ['signup with a bad email', 'post', '/api/auth/signup', { email: 'nope', password: 'long-enough-pass' }, 'email'],
      ['signup with a short password', 'post', '/api/auth/signup', { email: 'a@b.co', password: 'short' }, 'password'],
      ['signup with an unknown locale', 'post', '/api/auth/signup', { email: 'a@b.co', password: 'long-enough-pass', locale: 'fr' }, 'locale'],
      ['signup with a role', 'post', '/api/auth/signup', { email: 'a@b.co', password: 'long-enough-pass', role: 'admin' }, 'role'],
      ['login without password', 'post', '/api/auth/login', { email: 'a@b.co' }, 'password'],
      ['refresh without token', 'post', '/api/auth/refresh', {}, 'refreshToken'],
      ['logout with a number', 'post', '/api/auth/logout', { refreshToken: 42 }, 'refreshToken'],
      ['me with a bad locale', 'patch', '/api/me', { locale: 'de' }, 'locale'],
      ['api key without name', 'post', '/api/api-keys', {}, 'name'],
      ['admin update with a bad plan', 'patch', '/api/admin/users/:self', { plan: 'platinum' }, 'plan'],
      ['admin update with a bad role', 'patch', '/api/admin/users/:self', { role: 'root' }, 'role'],
      ['admin update with nothing', 'patch', '/api/admin/users/:self', {}, 'plan'],
    ];

    it.each(cases)('%s', async (_label, method, path, body, field) => {
      const admin = await createUser(env.dataSource, api.url, { role: 'admin' });
      const target = path.replace(':self', trader.id);
      const res = await (request(api.url) as unknown as Record<string, (p: string) => request.Test>)[method](target).set(bearer(admin)).send(body);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details.fields.map((f: { field: string }) => f.field)).toContain(field);
    });
  });
});
