import request from 'supertest';
import { FakeTossServer } from '../support/fake-toss';
import { assertLedgerBalanced, bearer, signUpUser, type TestUser } from '../support/auth';
import { createTestEnv, type TestEnv } from '../support/test-env';
import { startTestApi } from '../support/test-app';

const SECRET = 'test_sk_stratbench_fake';

describe('credit purchases through Toss Payments (real HTTP client, fake Toss server)', () => {
  let fake: FakeTossServer;
  let env: TestEnv;
  let api: Awaited<ReturnType<typeof startTestApi>>;
  let buyer: TestUser;

  beforeAll(async () => {
    fake = await FakeTossServer.start({ secretKey: SECRET });
    env = await createTestEnv({ TOSS_SECRET_KEY: SECRET, TOSS_BASE_URL: fake.baseUrl, TOSS_TIMEOUT_MS: '400', SIGNUP_BONUS_CREDITS: '10' });
    api = await startTestApi();
    buyer = await signUpUser(api.url);
  });

  afterAll(async () => {
    await api?.close();
    await env?.teardown();
    await fake?.close();
  });

  afterEach(async () => {
    fake.clearFaults();
    await assertLedgerBalanced(env.dataSource);
  });

  const balance = async (user: TestUser) => (await request(api.url).get('/api/credits').set(bearer(user)).expect(200)).body.balance as number;
  const order = async (user: TestUser, packageId = 'credits-100') =>
    (await request(api.url).post('/api/payments/orders').set(bearer(user)).send({ packageId }).expect(201)).body as {
      orderId: string;
      amount: number;
      credits: number;
    };
  const confirm = (user: TestUser, body: Record<string, unknown>) => request(api.url).post('/api/payments/confirm').set(bearer(user)).send(body);
  const purchaseEntries = async (orderId: string) =>
    Number((await env.dataSource.query(`SELECT count(*) AS n FROM credit_ledger WHERE idempotency_key = $1`, [`purchase:${orderId}`]))[0].n);

  it('lists the seeded packages publicly, in integer won', async () => {
    const res = await request(api.url).get('/api/payments/packages').expect(200);
    expect(res.body.items).toEqual([
      { id: 'credits-30', name: '30 credits', credits: 30, priceWon: 9900 },
      { id: 'credits-100', name: '100 credits', credits: 100, priceWon: 29000 },
      { id: 'credits-350', name: '350 credits', credits: 350, priceWon: 99000 },
    ]);
  });

  it('creates an order with a Toss-valid orderId and the package price', async () => {
    const created = await request(api.url).post('/api/payments/orders').set(bearer(buyer)).send({ packageId: 'credits-30' }).expect(201);
    expect(created.body).toMatchObject({ amount: 9900, credits: 30, status: 'PENDING', checkout: { mode: 'toss' }, payment: null });
    expect(created.body.orderId).toMatch(/^[A-Za-z0-9_-]{6,64}$/);
    await request(api.url).post('/api/payments/orders').set(bearer(buyer)).send({ packageId: 'credits-9999' }).expect(404);
  });

  it('confirms a payment: stores it and grants the credits once', async () => {
    const before = await balance(buyer);
    const o = await order(buyer);
    const auth = await fake.authorize(o.orderId, o.amount);
    const res = await confirm(buyer, { paymentKey: auth.paymentKey, orderId: o.orderId, amount: o.amount }).expect(200);
    expect(res.body).toMatchObject({ paymentKey: auth.paymentKey, orderId: o.orderId, status: 'DONE', totalAmount: 29000, balanceAmount: 29000, creditsGranted: 100 });
    expect(res.body.approvedAt).toEqual(expect.any(String));
    expect(await balance(buyer)).toBe(before + 100);

    const sent = fake.requestsFor('confirm', auth.paymentKey);
    expect(sent[0].headers['idempotency-key']).toBe(`confirm:${o.orderId}`);

    const again = await confirm(buyer, { paymentKey: auth.paymentKey, orderId: o.orderId, amount: o.amount }).expect(200);
    expect(again.body).toEqual(res.body);
    expect(await balance(buyer)).toBe(before + 100);
    expect(fake.appliedConfirms(auth.paymentKey)).toBe(1);
    expect(await purchaseEntries(o.orderId)).toBe(1);

    const list = await request(api.url).get('/api/payments').set(bearer(buyer)).expect(200);
    expect(list.body.items.map((p: { paymentKey: string }) => p.paymentKey)).toContain(auth.paymentKey);
  });

  it('refuses a tampered amount with 400, without calling the gateway, granting nothing', async () => {
    const before = await balance(buyer);
    const o = await order(buyer);
    const auth = await fake.authorize(o.orderId, o.amount);
    const res = await confirm(buyer, { paymentKey: auth.paymentKey, orderId: o.orderId, amount: 100 }).expect(400);
    expect(res.body.code).toBe('AMOUNT_MISMATCH');
    expect(fake.requestsFor('confirm', auth.paymentKey)).toHaveLength(0);
    expect(await balance(buyer)).toBe(before);
    expect(await purchaseEntries(o.orderId)).toBe(0);
  });

  it('grants once under concurrent double confirms', async () => {
    const before = await balance(buyer);
    const o = await order(buyer, 'credits-350');
    const auth = await fake.authorize(o.orderId, o.amount);
    const body = { paymentKey: auth.paymentKey, orderId: o.orderId, amount: o.amount };
    const results = await Promise.all([0, 1, 2, 3, 4].map(() => confirm(buyer, body)));
    for (const r of results) expect([200, 503]).toContain(r.status);
    expect(results.some((r) => r.status === 200)).toBe(true);
    await confirm(buyer, body).expect(200);
    expect(await balance(buyer)).toBe(before + 350);
    expect(fake.appliedConfirms(auth.paymentKey)).toBe(1);
    expect(await purchaseEntries(o.orderId)).toBe(1);
  });

  it('on a timeout before Toss applied the confirm: 503, nothing granted, and the retry with the same key succeeds once', async () => {
    const before = await balance(buyer);
    const o = await order(buyer, 'credits-30');
    const auth = await fake.authorize(o.orderId, o.amount);
    fake.injectFault({ op: 'confirm', kind: 'timeout-before-apply' });
    const body = { paymentKey: auth.paymentKey, orderId: o.orderId, amount: o.amount };
    const failed = await confirm(buyer, body).expect(503);
    expect(failed.body).toMatchObject({ statusCode: 503, code: 'PAYMENT_OUTCOME_UNKNOWN', details: { retryable: true, gatewayCode: 'TIMEOUT' } });
    expect(await balance(buyer)).toBe(before);
    expect(await purchaseEntries(o.orderId)).toBe(0);

    await confirm(buyer, body).expect(200);
    expect(await balance(buyer)).toBe(before + 30);
    const keys = fake.requestsFor('confirm', auth.paymentKey).map((r) => r.headers['idempotency-key']);
    expect(new Set(keys)).toEqual(new Set([`confirm:${o.orderId}`]));
    expect(fake.appliedConfirms(auth.paymentKey)).toBe(1);
  });

  it('on a timeout after Toss applied the confirm and a failed read-back: 503 and nothing granted; the retry grants once', async () => {
    const before = await balance(buyer);
    const o = await order(buyer, 'credits-30');
    const auth = await fake.authorize(o.orderId, o.amount);
    fake.injectFault({ op: 'confirm', kind: 'timeout-after-apply' });
    fake.injectFault({ op: 'get', kind: 'http500' });
    const body = { paymentKey: auth.paymentKey, orderId: o.orderId, amount: o.amount };
    await confirm(buyer, body).expect(503);
    expect(await balance(buyer)).toBe(before);
    expect(fake.appliedConfirms(auth.paymentKey)).toBe(1);

    const retry = await confirm(buyer, body).expect(200);
    expect(retry.body).toMatchObject({ status: 'DONE', creditsGranted: 30 });
    expect(await balance(buyer)).toBe(before + 30);
    expect(fake.appliedConfirms(auth.paymentKey)).toBe(1);
  });

  it('reconciles a timed-out confirm by reading the payment back when Toss did apply it', async () => {
    const before = await balance(buyer);
    const o = await order(buyer, 'credits-30');
    const auth = await fake.authorize(o.orderId, o.amount);
    fake.injectFault({ op: 'confirm', kind: 'reset-after-apply' });
    await confirm(buyer, { paymentKey: auth.paymentKey, orderId: o.orderId, amount: o.amount }).expect(200);
    expect(await balance(buyer)).toBe(before + 30);
    expect(await purchaseEntries(o.orderId)).toBe(1);
  });

  it('passes a definite refusal on as 400 PAYMENT_REFUSED, granting nothing', async () => {
    const before = await balance(buyer);
    const o = await order(buyer, 'credits-30');
    const res = await confirm(buyer, { paymentKey: 'tsim_never_authorised', orderId: o.orderId, amount: o.amount }).expect(400);
    expect(res.body).toMatchObject({ code: 'PAYMENT_REFUSED', details: { gatewayCode: expect.any(String) } });
    expect(await balance(buyer)).toBe(before);
  });

  describe('webhook', () => {
    const webhook = (data: Record<string, unknown>, eventType = 'PAYMENT_STATUS_CHANGED') =>
      request(api.url).post('/api/payments/webhook').send({ eventType, createdAt: '2024-01-01T00:00:00.000000', data });

    it('grants exactly once for a DONE payment whose client vanished before confirming with us', async () => {
      const before = await balance(buyer);
      const o = await order(buyer);
      const auth = await fake.authorize(o.orderId, o.amount);
      const done = (await fake.simulator.confirm({ paymentKey: auth.paymentKey, orderId: o.orderId, amount: o.amount }, 'client-side')).body;

      const first = await webhook({ ...done }).expect(200);
      expect(first.body).toEqual({ received: true, applied: true });
      await webhook({ ...done }).expect(200);
      expect(await balance(buyer)).toBe(before + 100);
      expect(await purchaseEntries(o.orderId)).toBe(1);

      // The client comes back later and confirms: same payment, no second grant.
      const late = await confirm(buyer, { paymentKey: auth.paymentKey, orderId: o.orderId, amount: o.amount }).expect(200);
      expect(late.body).toMatchObject({ status: 'DONE', creditsGranted: 100 });
      expect(await balance(buyer)).toBe(before + 100);
    });

    it('never trusts the body: a forged DONE for an unconfirmed payment grants nothing', async () => {
      const before = await balance(buyer);
      const o = await order(buyer);
      const auth = await fake.authorize(o.orderId, o.amount);
      await webhook({ ...auth, status: 'DONE', approvedAt: '2024-01-01T00:00:00+09:00' }).expect(200);
      await webhook({ paymentKey: 'tsim_does_not_exist', orderId: o.orderId, status: 'DONE' }).expect(200, { received: true, applied: false });
      expect(await balance(buyer)).toBe(before);
      expect(await purchaseEntries(o.orderId)).toBe(0);
    });

    it('updates status and balanceAmount when the payment is cancelled at Toss', async () => {
      const o = await order(buyer, 'credits-30');
      const auth = await fake.authorize(o.orderId, o.amount);
      await confirm(buyer, { paymentKey: auth.paymentKey, orderId: o.orderId, amount: o.amount }).expect(200);
      const canceled = await fake.simulator.cancel(auth.paymentKey, { cancelReason: 'customer request' }, 'cancel-1');
      expect(canceled.status).toBe(200);
      await webhook({ paymentKey: auth.paymentKey, status: 'CANCELED' }).expect(200, { received: true, applied: true });
      const [row] = await env.dataSource.query(`SELECT status, balance_amount, credits_granted FROM payments WHERE payment_key = $1`, [auth.paymentKey]);
      expect(row).toEqual({ status: 'CANCELED', balance_amount: 0, credits_granted: 30 });
    });

    it('answers 503 when the payment cannot be read back, so that Toss retries', async () => {
      fake.injectFault({ op: 'get', kind: 'http500' });
      const res = await webhook({ paymentKey: 'tsim_any' }).expect(503);
      expect(res.body.code).toBe('PAYMENT_OUTCOME_UNKNOWN');
    });

    it('ignores other events and refuses a body without a paymentKey (400 with field errors)', async () => {
      await webhook({ paymentKey: 'x' }, 'DEPOSIT_CALLBACK').expect(200, { received: true, applied: false });
      const res = await request(api.url).post('/api/payments/webhook').send({ eventType: 'PAYMENT_STATUS_CHANGED', data: {} }).expect(400);
      expect(res.body.details.fields.map((f: { field: string }) => f.field)).toContain('data.paymentKey');
    });
  });

  describe('ownership and validation', () => {
    it("answers 404 to a trader confirming, reading or listing another user's orders and payments", async () => {
      const other = await signUpUser(api.url);
      const o = await order(buyer, 'credits-30');
      const auth = await fake.authorize(o.orderId, o.amount);
      await confirm(other, { paymentKey: auth.paymentKey, orderId: o.orderId, amount: o.amount }).expect(404);
      await request(api.url).get(`/api/payments/orders/${o.orderId}`).set(bearer(other)).expect(404);
      await request(api.url).get('/api/payments').query({ userId: buyer.id }).set(bearer(other)).expect(404);
      const mine = await request(api.url).get(`/api/payments/orders/${o.orderId}`).set(bearer(buyer)).expect(200);
      expect(mine.body).toMatchObject({ orderId: o.orderId, status: 'PENDING', payment: null });
      expect(fake.requestsFor('confirm', auth.paymentKey)).toHaveLength(0);
    });

    it('keeps the sandbox checkout closed when the gateway is Toss (404)', async () => {
      const o = await order(buyer, 'credits-30');
      const res = await request(api.url).post('/api/payments/sandbox/authorize').set(bearer(buyer)).send({ orderId: o.orderId }).expect(404);
      expect(res.body.code).toBe('SANDBOX_DISABLED');
    });

    it('requires authentication for orders and confirms', async () => {
      await request(api.url).post('/api/payments/orders').send({ packageId: 'credits-30' }).expect(401);
      await request(api.url).post('/api/payments/confirm').send({ paymentKey: 'k', orderId: 'order-123', amount: 1 }).expect(401);
      await request(api.url).get('/api/payments').expect(401);
    });

    it.each([
      ['/api/payments/orders', {}, 'packageId'],
      ['/api/payments/orders', { packageId: 7 }, 'packageId'],
      ['/api/payments/confirm', { orderId: 'order-123', amount: 100 }, 'paymentKey'],
      ['/api/payments/confirm', { paymentKey: 'k', orderId: 'bad id!', amount: 100 }, 'orderId'],
      ['/api/payments/confirm', { paymentKey: 'k', orderId: 'order-123', amount: '100' }, 'amount'],
      ['/api/payments/confirm', { paymentKey: 'k', orderId: 'order-123', amount: 99.5 }, 'amount'],
      ['/api/payments/confirm', { paymentKey: 'k', orderId: 'order-123', amount: 100, credits: 1e6 }, 'credits'],
      ['/api/payments/sandbox/authorize', { orderId: 'x' }, 'orderId'],
    ])('POST %s with %p answers 400 naming %s', async (path, body, field) => {
      const res = await request(api.url).post(path).set(bearer(buyer)).send(body).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details.fields.map((f: { field: string }) => f.field)).toContain(field);
    });
  });
});
