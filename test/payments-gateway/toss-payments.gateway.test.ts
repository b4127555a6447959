import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TossPaymentsGateway, isDefiniteRefusal, type Payment } from '../../libs/payments/src/gateway';
import { FakeTossServer, ManualClock } from '../support/fake-toss';
import { caught, describeGatewayContract, newKey, newOrderId } from './gateway-contract';

const TIMEOUT_MS = 300;

describe('TossPaymentsGateway against the fake Toss server', () => {
  let clock: ManualClock;
  let fake: FakeTossServer;
  let gateway: TossPaymentsGateway;

  beforeAll(async () => {
    clock = new ManualClock();
    fake = await FakeTossServer.start({ secretKey: 'test_sk_gateway_suite', clock });
    gateway = new TossPaymentsGateway({
      secretKey: fake.secretKey,
      baseUrl: `${fake.baseUrl}/`,
      timeoutMs: TIMEOUT_MS,
    });
  });

  afterAll(() => fake.close());

  afterEach(() => {
    fake.clearFaults();
    clock.advance(10_000);
  });

  describeGatewayContract(() => ({
    gateway,
    clock,
    authorize: async (orderId, amount, options) =>
      (await fake.authorize(orderId, amount, options)).paymentKey,
  }));

  async function paid(amount: number): Promise<Payment> {
    const orderId = newOrderId();
    const { paymentKey } = await fake.authorize(orderId, amount);
    return gateway.confirm({ paymentKey, orderId, amount }, newKey());
  }

  describe('HTTP', () => {
    it('sends Basic auth of "secretKey:", Accept-Language and the Idempotency-Key on POSTs only', async () => {
      const { paymentKey } = await paid(1_000);
      const key = newKey();
      await gateway.cancel(paymentKey, { cancelReason: 'headers' }, key);
      await gateway.getPayment(paymentKey);

      const expectedAuth = `Basic ${Buffer.from('test_sk_gateway_suite:').toString('base64')}`;
      const [cancel] = fake.requestsFor('cancel', paymentKey);
      expect(cancel.path).toBe(`/v1/payments/${paymentKey}/cancel`);
      expect(cancel.headers).toMatchObject({
        authorization: expectedAuth,
        'accept-language': 'en-US',
        'idempotency-key': key,
        'content-type': 'application/json',
      });
      expect(cancel.body).toEqual({ cancelReason: 'headers' });

      const [get] = fake.requestsFor('get', paymentKey);
      expect(get.headers.authorization).toBe(expectedAuth);
      expect(get.headers['idempotency-key']).toBeUndefined();

      const [confirm] = fake.requestsFor('confirm', paymentKey);
      expect(confirm.path).toBe('/v1/payments/confirm');
      expect(confirm.headers['idempotency-key']).toBeTruthy();
    });

    it('normalises cancels: null from Toss to an empty array', async () => {
      const confirmed = await paid(1_000);
      expect(confirmed.cancels).toEqual([]);
    });

    it('maps a wrong secret key to a refused 401 UNAUTHORIZED_KEY', async () => {
      const wrong = new TossPaymentsGateway({
        secretKey: 'test_sk_wrong',
        baseUrl: fake.baseUrl,
        timeoutMs: TIMEOUT_MS,
      });
      const err = await caught(wrong.getPayment('whatever'));
      expect(err).toMatchObject({ outcome: 'refused', code: 'UNAUTHORIZED_KEY', httpStatus: 401 });
    });

    it('refuses an over-long idempotency key without sending anything', async () => {
      const before = fake.requests.length;
      const err = await caught(gateway.cancel('pk', { cancelReason: 'x' }, 'k'.repeat(301)));
      expect(err).toMatchObject({ outcome: 'refused', code: 'INVALID_IDEMPOTENCY_KEY' });
      expect(fake.requests.length).toBe(before);
    });

    it('refuses a non-integer amount without sending anything', async () => {
      const before = fake.requests.length;
      const err = await caught(gateway.cancel('pk', { cancelReason: 'x', cancelAmount: 10.5 }, newKey()));
      expect(err).toMatchObject({ outcome: 'refused', code: 'INVALID_REQUEST' });
      expect(fake.requests.length).toBe(before);
    });
  });

  describe('faults', () => {
    it('timeout after the cancel was applied: unknown, then getPayment shows it and the same key replays', async () => {
      const { paymentKey } = await paid(10_000);
      const key = newKey();
      fake.injectFault({ op: 'cancel', kind: 'timeout-after-apply', paymentKey });

      const err = await caught(
        gateway.cancel(paymentKey, { cancelReason: 'refund', cancelAmount: 3_000 }, key),
      );
      expect(err).toMatchObject({ outcome: 'unknown', code: 'TIMEOUT' });
      expect(err.httpStatus).toBeUndefined();
      expect(isDefiniteRefusal(err)).toBe(false);

      const payment = await gateway.getPayment(paymentKey);
      expect(payment.cancels).toHaveLength(1);
      expect(payment.cancels[0]).toMatchObject({ cancelAmount: 3_000, cancelStatus: 'DONE' });

      clock.advance(5_000);
      const retried = await gateway.cancel(paymentKey, { cancelReason: 'refund', cancelAmount: 3_000 }, key);
      expect(retried.cancels).toEqual(payment.cancels);
      expect(fake.appliedCancels(paymentKey)).toBe(1);
    });

    it('timeout before the cancel was applied: unknown, nothing in cancels[], the retry applies once', async () => {
      const { paymentKey } = await paid(10_000);
      const key = newKey();
      fake.injectFault({ op: 'cancel', kind: 'timeout-before-apply', paymentKey });

      const err = await caught(gateway.cancel(paymentKey, { cancelReason: 'refund' }, key));
      expect(err).toMatchObject({ outcome: 'unknown', code: 'TIMEOUT' });
      expect((await gateway.getPayment(paymentKey)).cancels).toEqual([]);

      const retried = await gateway.cancel(paymentKey, { cancelReason: 'refund' }, key);
      expect(retried.status).toBe('CANCELED');
      expect(fake.appliedCancels(paymentKey)).toBe(1);
    });

    it('timeout after the confirm was applied: the retry with the same key replays DONE', async () => {
      const orderId = newOrderId();
      const { paymentKey } = await fake.authorize(orderId, 9_900);
      const key = newKey();
      fake.injectFault({ op: 'confirm', kind: 'timeout-after-apply' });
      const err = await caught(gateway.confirm({ paymentKey, orderId, amount: 9_900 }, key));
      expect(err).toMatchObject({ outcome: 'unknown', code: 'TIMEOUT' });
      const retried = await gateway.confirm({ paymentKey, orderId, amount: 9_900 }, key);
      expect(retried.status).toBe('DONE');
      expect(fake.appliedConfirms(paymentKey)).toBe(1);
    });

    it('connection reset after applying: unknown NETWORK_ERROR', async () => {
      const { paymentKey } = await paid(10_000);
      fake.injectFault({ op: 'cancel', kind: 'reset-after-apply', paymentKey });
      const err = await caught(gateway.cancel(paymentKey, { cancelReason: 'x' }, newKey()));
      expect(err).toMatchObject({ outcome: 'unknown', code: 'NETWORK_ERROR' });
      expect((await gateway.getPayment(paymentKey)).status).toBe('CANCELED');
    });

    it('500 is unknown and the same key may then be retried', async () => {
      const { paymentKey } = await paid(10_000);
      const key = newKey();
      fake.injectFault({ op: 'cancel', kind: 'http500', paymentKey, times: 2 });
      for (let i = 0; i < 2; i++) {
        const err = await caught(gateway.cancel(paymentKey, { cancelReason: 'x' }, key));
        expect(err).toMatchObject({
          outcome: 'unknown',
          code: 'FAILED_INTERNAL_SYSTEM_PROCESSING',
          httpStatus: 500,
        });
      }
      expect((await gateway.cancel(paymentKey, { cancelReason: 'x' }, key)).status).toBe('CANCELED');
      expect(fake.appliedCancels(paymentKey)).toBe(1);
    });

    it('PROVIDER_ERROR (a 400) is unknown', async () => {
      const { paymentKey } = await paid(10_000);
      fake.injectFault({ op: 'cancel', kind: 'provider-error' });
      const err = await caught(gateway.cancel(paymentKey, { cancelReason: 'x' }, newKey()));
      expect(err).toMatchObject({ outcome: 'unknown', code: 'PROVIDER_ERROR', httpStatus: 400 });
      expect(fake.appliedCancels(paymentKey)).toBe(0);
    });

    it('409 IDEMPOTENT_REQUEST_PROCESSING is unknown', async () => {
      const { paymentKey } = await paid(10_000);
      fake.injectFault({ op: 'cancel', kind: 'idempotent-processing' });
      const err = await caught(gateway.cancel(paymentKey, { cancelReason: 'x' }, newKey()));
      expect(err).toMatchObject({
        outcome: 'unknown',
        code: 'IDEMPOTENT_REQUEST_PROCESSING',
        httpStatus: 409,
      });
    });

    it('ALREADY_CANCELED_PAYMENT is a refusal carrying that code', async () => {
      const { paymentKey } = await paid(10_000);
      fake.injectFault({ op: 'cancel', kind: 'already-canceled' });
      const err = await caught(gateway.cancel(paymentKey, { cancelReason: 'x' }, newKey()));
      expect(err).toMatchObject({ outcome: 'refused', code: 'ALREADY_CANCELED_PAYMENT', httpStatus: 400 });
    });

    it('a fault on getPayment is unknown too', async () => {
      const { paymentKey } = await paid(10_000);
      fake.injectFault({ op: 'get', kind: 'http500' });
      const err = await caught(gateway.getPayment(paymentKey));
      expect(err).toMatchObject({ outcome: 'unknown', httpStatus: 500 });
      expect((await gateway.getPayment(paymentKey)).status).toBe('DONE');
    });
  });

  describe('transport', () => {
    it('an unreachable server is NETWORK_ERROR, unknown', async () => {
      const probe = createServer();
      probe.listen(0, '127.0.0.1');
      await once(probe, 'listening');
      const { port } = probe.address() as AddressInfo;
      await new Promise((resolve) => probe.close(resolve));
      const dead = new TossPaymentsGateway({
        secretKey: 'test_sk_x',
        baseUrl: `http://127.0.0.1:${port}`,
        timeoutMs: TIMEOUT_MS,
      });
      const err = await caught(dead.cancel('pk', { cancelReason: 'x' }, newKey()));
      expect(err).toMatchObject({ outcome: 'unknown', code: 'NETWORK_ERROR' });
      expect(err.message).toContain('ECONNREFUSED');
    });

    it('an error without a Toss body is classified by status', async () => {
      const stub =
        (status: number, text: string): typeof fetch =>
        async () =>
          new Response(text, { status });
      const g502 = new TossPaymentsGateway({
        secretKey: 'test_sk_x',
        fetch: stub(502, '<html>bad gateway</html>'),
      });
      expect(await caught(g502.getPayment('pk'))).toMatchObject({
        outcome: 'unknown',
        code: 'HTTP_502',
        httpStatus: 502,
      });
      const g404 = new TossPaymentsGateway({ secretKey: 'test_sk_x', fetch: stub(404, 'not json') });
      expect(await caught(g404.getPayment('pk'))).toMatchObject({ outcome: 'unknown', code: 'HTTP_404' });
    });

    it('a 2xx that is not a Payment is unknown INVALID_RESPONSE', async () => {
      const g = new TossPaymentsGateway({
        secretKey: 'test_sk_x',
        fetch: async () => new Response('{"ok":true}', { status: 200 }),
      });
      expect(await caught(g.cancel('pk', { cancelReason: 'x' }, newKey()))).toMatchObject({
        outcome: 'unknown',
        code: 'INVALID_RESPONSE',
        httpStatus: 200,
      });
    });

    it('uses the default base URL and encodes the paymentKey in the path', async () => {
      const urls: string[] = [];
      const g = new TossPaymentsGateway({
        secretKey: 'test_sk_x',
        fetch: async (input) => {
          urls.push(String(input));
          return new Response(JSON.stringify({ code: 'NOT_FOUND_PAYMENT', message: 'nope' }), {
            status: 404,
          });
        },
      });
      await caught(g.getPayment('a/b c'));
      expect(urls).toEqual(['https://api.tosspayments.com/v1/payments/a%2Fb%20c']);
    });
  });
});
