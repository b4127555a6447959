import request from 'supertest';
import { assertLedgerBalanced, bearer, createUser, signUpUser, type TestUser } from '../support/auth';
import { createTestEnv, type TestEnv } from '../support/test-env';
import { startTestApi } from '../support/test-app';

describe('credits over HTTP', () => {
  let env: TestEnv;
  let api: Awaited<ReturnType<typeof startTestApi>>;
  let trader: TestUser;
  let other: TestUser;
  let support: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    env = await createTestEnv({ SIGNUP_BONUS_CREDITS: '10' });
    api = await startTestApi();
    trader = await signUpUser(api.url);
    other = await signUpUser(api.url);
    support = await createUser(env.dataSource, api.url, { role: 'support' });
    admin = await createUser(env.dataSource, api.url, { role: 'admin' });
  });

  afterAll(async () => {
    await api?.close();
    await env?.teardown();
  });

  it('gives a new user the signup bonus through the ledger', async () => {
    const balance = await request(api.url).get('/api/credits').set(bearer(trader)).expect(200);
    expect(balance.body).toEqual({ balance: 10 });
    const ledger = await request(api.url).get('/api/credits/ledger').set(bearer(trader)).expect(200);
    expect(ledger.body).toMatchObject({ total: 1, items: [{ amount: 10, balanceAfter: 10, reason: 'signup_bonus', referenceType: 'user' }] });
    await assertLedgerBalanced(env.dataSource);
  });

  it('lets an admin adjust a balance with a reason, audited, and repeatable by idempotency key', async () => {
    const body = { amount: 25, reason: 'Compensation for outage #12', idempotencyKey: 'outage-12' };
    const first = await request(api.url).post(`/api/admin/users/${trader.id}/credits`).set(bearer(admin)).send(body).expect(200);
    expect(first.body).toMatchObject({ balance: 35, replayed: false, entry: { amount: 25, reason: 'admin_adjustment', note: body.reason } });
    const again = await request(api.url).post(`/api/admin/users/${trader.id}/credits`).set(bearer(admin)).send(body).expect(200);
    expect(again.body).toMatchObject({ balance: 35, replayed: true, entry: { id: first.body.entry.id } });

    const down = await request(api.url)
      .post(`/api/admin/users/${trader.id}/credits`)
      .set(bearer(admin))
      .send({ amount: -5, reason: 'Duplicate grant' })
      .expect(200);
    expect(down.body.balance).toBe(30);

    const tooMuch = await request(api.url)
      .post(`/api/admin/users/${trader.id}/credits`)
      .set(bearer(admin))
      .send({ amount: -1000, reason: 'Way too much' })
      .expect(402);
    expect(tooMuch.body).toMatchObject({ code: 'INSUFFICIENT_CREDITS', details: { balance: 30, required: 1000 } });

    const audit = await request(api.url)
      .get('/api/admin/audit')
      .query({ action: 'credits.adjust', targetId: trader.id })
      .set(bearer(admin))
      .expect(200);
    expect(audit.body.total).toBe(2);
    expect(audit.body.items[0]).toMatchObject({
      actorId: admin.id,
      action: 'credits.adjust',
      targetType: 'user',
      before: { balance: 35 },
      after: { balance: 30, amount: -5, reason: 'Duplicate grant' },
    });
    await assertLedgerBalanced(env.dataSource);
  });

  it('pages the ledger newest first', async () => {
    const page1 = await request(api.url).get('/api/credits/ledger').query({ limit: 2, offset: 0 }).set(bearer(trader)).expect(200);
    const page2 = await request(api.url).get('/api/credits/ledger').query({ limit: 2, offset: 2 }).set(bearer(trader)).expect(200);
    expect(page1.body).toMatchObject({ total: 3, limit: 2, offset: 0 });
    expect(page1.body.items.map((e: { amount: number }) => e.amount)).toEqual([-5, 25]);
    expect(page2.body.items.map((e: { amount: number }) => e.amount)).toEqual([10]);
  });

  it("answers 404 to a trader reading another user's ledger, and shows it to staff", async () => {
    const res = await request(api.url).get('/api/credits/ledger').query({ userId: other.id }).set(bearer(trader)).expect(404);
    expect(res.body.code).toBe('NOT_FOUND');
    const staff = await request(api.url).get('/api/credits/ledger').query({ userId: other.id }).set(bearer(support)).expect(200);
    expect(staff.body.items[0]).toMatchObject({ reason: 'signup_bonus' });
  });

  it('answers 403 to traders and support on admin credit and audit routes', async () => {
    await request(api.url).post(`/api/admin/users/${other.id}/credits`).set(bearer(trader)).send({ amount: 5, reason: 'gift to a friend' }).expect(403);
    await request(api.url).post(`/api/admin/users/${other.id}/credits`).set(bearer(support)).send({ amount: 5, reason: 'gift' }).expect(403);
    const audit = await request(api.url).get('/api/admin/audit').set(bearer(trader)).expect(403);
    expect(audit.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
    await request(api.url).get('/api/credits').expect(401);
  });

  it.each([
    ['a zero amount', { amount: 0, reason: 'nothing at all' }, 'amount'],
    ['a fractional amount', { amount: 1.5, reason: 'half a credit' }, 'amount'],
    ['a missing reason', { amount: 5 }, 'reason'],
    ['an unknown field', { amount: 5, reason: 'fine reason', balance: 1e9 }, 'balance'],
  ])('refuses an adjustment with %s (400 with field errors)', async (_label, body, field) => {
    const res = await request(api.url).post(`/api/admin/users/${other.id}/credits`).set(bearer(admin)).send(body).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details.fields.map((f: { field: string }) => f.field)).toContain(field);
  });

  it.each([
    [{ limit: 0 }, 'limit'],
    [{ limit: 'lots' }, 'limit'],
    [{ offset: -1 }, 'offset'],
    [{ userId: 'not-a-uuid' }, 'userId'],
  ])('refuses bad ledger query %p (400)', async (query, field) => {
    const res = await request(api.url).get('/api/credits/ledger').query(query).set(bearer(trader)).expect(400);
    expect(res.body.details.fields.map((f: { field: string }) => f.field)).toContain(field);
  });

  it('answers 404 for an adjustment of an unknown user', async () => {
    await request(api.url)
      .post('/api/admin/users/00000000-0000-4000-8000-000000000000/credits')
      .set(bearer(admin))
      .send({ amount: 5, reason: 'ghost user' })
      .expect(404);
    await request(api.url).post('/api/admin/users/nope/credits').set(bearer(admin)).send({ amount: 5, reason: 'ghost user' }).expect(404);
  });
});
