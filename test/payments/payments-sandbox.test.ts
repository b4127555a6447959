import request from 'supertest';
import { assertLedgerBalanced, bearer, signUpUser, type TestUser } from '../support/auth';
import { createTestEnv, type TestEnv } from '../support/test-env';
import { startTestApi } from '../support/test-app';

describe('sandbox checkout (no TOSS_SECRET_KEY)', () => {
  let env: TestEnv;
  let api: Awaited<ReturnType<typeof startTestApi>>;
  let buyer: TestUser;

  beforeAll(async () => {
    delete process.env.TOSS_SECRET_KEY;
    env = await createTestEnv({ SIGNUP_BONUS_CREDITS: '0' });
    api = await startTestApi();
    buyer = await signUpUser(api.url);
  });

  afterAll(async () => {
    await api?.close();
    await env?.teardown();
  });

  it('buys credits end to end: order, sandbox authorisation, confirm', async () => {
    const order = await request(api.url).post('/api/payments/orders').set(bearer(buyer)).send({ packageId: 'credits-30' }).expect(201);
    expect(order.body.checkout).toEqual({ mode: 'sandbox', clientKey: null });
    const auth = await request(api.url).post('/api/payments/sandbox/authorize').set(bearer(buyer)).send({ orderId: order.body.orderId }).expect(200);
    expect(auth.body).toEqual({ paymentKey: expect.any(String), orderId: order.body.orderId, amount: 9900 });

    await request(api.url).post('/api/payments/sandbox/authorize').set(bearer(buyer)).send({ orderId: order.body.orderId }).expect(409);
    await request(api.url).post('/api/payments/confirm').set(bearer(buyer)).send(auth.body).expect(200);
    expect((await request(api.url).get('/api/credits').set(bearer(buyer)).expect(200)).body.balance).toBe(30);
    await request(api.url).post('/api/payments/sandbox/authorize').set(bearer(buyer)).send({ orderId: order.body.orderId }).expect(409);
    await assertLedgerBalanced(env.dataSource);
  });

  it("refuses to authorise another user's order (404)", async () => {
    const other = await signUpUser(api.url);
    const order = await request(api.url).post('/api/payments/orders').set(bearer(buyer)).send({ packageId: 'credits-30' }).expect(201);
    await request(api.url).post('/api/payments/sandbox/authorize').set(bearer(other)).send({ orderId: order.body.orderId }).expect(404);
    await request(api.url).post('/api/payments/sandbox/authorize').set(bearer(buyer)).send({ orderId: 'no-such-order' }).expect(404);
  });

  it('opens a wallet at balance 0 when the signup bonus is 0', async () => {
    const fresh = await signUpUser(api.url);
    expect((await request(api.url).get('/api/credits').set(bearer(fresh)).expect(200)).body.balance).toBe(0);
    const [row] = await env.dataSource.query(`SELECT balance FROM credit_wallets WHERE user_id = $1`, [fresh.id]);
    expect(row.balance).toBe(0);
  });
});
