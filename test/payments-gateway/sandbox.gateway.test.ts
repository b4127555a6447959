import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import {
  PaymentGatewayError,
  RedisTossStore,
  SandboxGateway,
  TossSimulator,
  createPaymentGateway,
  paymentGatewayMode,
  TossPaymentsGateway,
} from '../../libs/payments/src/gateway';
import { ManualClock } from '../support/fake-toss';
import { caught, describeGatewayContract, newKey, newOrderId } from './gateway-contract';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const keyPrefix = `test:payments-gateway:sandbox:${randomUUID()}:`;

describe('SandboxGateway over Redis', () => {
  let clock: ManualClock;
  let redis: Redis;
  let gateway: SandboxGateway;
  const extraConnections: Redis[] = [];

  beforeAll(() => {
    clock = new ManualClock();
    redis = new Redis(REDIS_URL);
    gateway = SandboxGateway.withRedis(redis, { keyPrefix, clock });
  });

  afterEach(() => clock.advance(10_000));

  afterAll(async () => {
    await new RedisTossStore(redis, { keyPrefix }).clear();
    expect(await redis.keys(`${keyPrefix}*`)).toEqual([]);
    await Promise.all([...extraConnections, redis].map((c) => c.quit()));
  });

  describeGatewayContract(() => ({
    gateway,
    clock,
    authorize: async (orderId, amount, options) =>
      (await gateway.authorize(orderId, amount, options)).paymentKey,
  }));

  /** A gateway with its own connection, as another API or worker process would have. */
  function otherProcess(): SandboxGateway {
    const connection = new Redis(REDIS_URL);
    extraConnections.push(connection);
    return SandboxGateway.withRedis(connection, { keyPrefix, clock });
  }

  it('authorize gives an IN_PROGRESS payment and refuses a reused orderId', async () => {
    const orderId = newOrderId();
    const payment = await gateway.authorize(orderId, 12_000);
    expect(payment).toMatchObject({
      orderId,
      status: 'IN_PROGRESS',
      totalAmount: 12_000,
      approvedAt: null,
      cancels: [],
    });
    const err = await caught(gateway.authorize(orderId, 12_000));
    expect(err).toMatchObject({ outcome: 'refused', code: 'DUPLICATED_ORDER_ID' });
  });

  it('authorize refuses a malformed orderId or amount', async () => {
    expect(await caught(gateway.authorize('short', 1_000))).toMatchObject({
      outcome: 'refused',
      code: 'INVALID_REQUEST',
    });
    expect(await caught(gateway.authorize(newOrderId(), 0))).toMatchObject({ code: 'INVALID_REQUEST' });
  });

  it('several processes cancelling one payment at once: exactly one cancel applied', async () => {
    const orderId = newOrderId();
    const { paymentKey } = await gateway.authorize(orderId, 100_000);
    await gateway.confirm({ paymentKey, orderId, amount: 100_000 }, newKey());

    const processes = Array.from({ length: 8 }, () => otherProcess());
    const results = await Promise.allSettled(
      processes.map((p, i) =>
        p.cancel(paymentKey, { cancelReason: `worker ${i}`, refundableAmount: 100_000 }, newKey()),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) {
      if (r.status === 'rejected') {
        expect(r.reason).toBeInstanceOf(PaymentGatewayError);
        expect((r.reason as PaymentGatewayError).outcome).toBe('refused');
      }
    }
    const payment = await gateway.getPayment(paymentKey);
    expect(payment).toMatchObject({ status: 'CANCELED', balanceAmount: 0 });
    expect(payment.cancels).toHaveLength(1);
  });

  it('a retry from another process with the same key replays instead of cancelling twice', async () => {
    const orderId = newOrderId();
    const { paymentKey } = await gateway.authorize(orderId, 10_000);
    await gateway.confirm({ paymentKey, orderId, amount: 10_000 }, newKey());
    const key = newKey();
    const first = await gateway.cancel(paymentKey, { cancelReason: 'r', cancelAmount: 2_500 }, key);
    clock.advance(60_000);
    const replay = await otherProcess().cancel(paymentKey, { cancelReason: 'r', cancelAmount: 2_500 }, key);
    expect(replay).toEqual(first);
    expect((await gateway.getPayment(paymentKey)).cancels).toHaveLength(1);
  });

  it('confirm expires 10 minutes after the authorisation', async () => {
    const orderId = newOrderId();
    const { paymentKey } = await gateway.authorize(orderId, 1_000);
    clock.advance(10 * 60 * 1000 + 1);
    const err = await caught(gateway.confirm({ paymentKey, orderId, amount: 1_000 }, newKey()));
    expect(err).toMatchObject({ outcome: 'refused', code: 'NOT_FOUND_PAYMENT_SESSION' });
    expect((await gateway.getPayment(paymentKey)).status).toBe('EXPIRED');
  });

  it('a store failure is an unknown outcome', async () => {
    const broken = new Redis(REDIS_URL, { lazyConnect: true, enableOfflineQueue: false });
    const sandbox = new SandboxGateway(new TossSimulator(new RedisTossStore(broken, { keyPrefix })));
    const err = await caught(sandbox.getPayment('pk'));
    expect(err).toMatchObject({ outcome: 'unknown', code: 'NETWORK_ERROR' });
    broken.disconnect();
  });

  describe('createPaymentGateway', () => {
    it('chooses the sandbox without a Toss key and Toss with one', () => {
      expect(paymentGatewayMode({})).toBe('sandbox');
      expect(createPaymentGateway({ REDIS_PREFIX: 'sb' }, redis)).toBeInstanceOf(SandboxGateway);
      const toss = createPaymentGateway(
        { TOSS_SECRET_KEY: 'test_sk_abc', TOSS_BASE_URL: 'http://127.0.0.1:1', TOSS_TIMEOUT_MS: 1234 },
        redis,
      );
      expect(toss).toBeInstanceOf(TossPaymentsGateway);
      expect(toss).toMatchObject({ baseUrl: 'http://127.0.0.1:1', timeoutMs: 1234 });
    });
  });
});
