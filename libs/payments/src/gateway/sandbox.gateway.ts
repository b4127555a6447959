import type Redis from 'ioredis';
import type { Clock } from './clock';
import type { PaymentGateway } from './payment-gateway';
import { PaymentGatewayError, TransportErrorCode } from './payment-gateway.error';
import type { CancelPaymentParams, ConfirmPaymentParams, Payment, TossErrorBody } from './payment.types';
import { RedisTossStore, type RedisTossStoreOptions } from './simulator/redis-toss.store';
import {
  TossSimulator,
  type AuthorizeInput,
  type SimResult,
  type TossSimulatorOptions,
} from './simulator/toss-simulator';

export interface SandboxGatewayRedisOptions extends RedisTossStoreOptions {
  clock?: Clock;
  simulator?: Omit<TossSimulatorOptions, 'clock'>;
}

export type SandboxAuthorizeOptions = Omit<AuthorizeInput, 'orderId' | 'amount'>;

/**
 * Offline stand-in for Toss with the same rules and errors (see TossSimulator). Backed by Redis
 * so every process of the app shares one sandbox; used when no Toss secret key is configured.
 */
export class SandboxGateway implements PaymentGateway {
  constructor(private readonly simulator: TossSimulator) {}

  static withRedis(redis: Redis, options: SandboxGatewayRedisOptions = {}): SandboxGateway {
    const { clock, simulator, ...storeOptions } = options;
    return new SandboxGateway(
      new TossSimulator(new RedisTossStore(redis, storeOptions), { ...simulator, clock }),
    );
  }

  /** What the sandbox checkout page does when the customer pays: returns the IN_PROGRESS payment. */
  authorize(orderId: string, amount: number, options: SandboxAuthorizeOptions = {}): Promise<Payment> {
    return this.run(() => this.simulator.authorize({ ...options, orderId, amount }));
  }

  confirm(params: ConfirmPaymentParams, idempotencyKey: string): Promise<Payment> {
    return this.run(() => this.simulator.confirm(params, idempotencyKey));
  }

  cancel(paymentKey: string, params: CancelPaymentParams, idempotencyKey: string): Promise<Payment> {
    return this.run(() => this.simulator.cancel(paymentKey, params, idempotencyKey));
  }

  getPayment(paymentKey: string): Promise<Payment> {
    return this.run(() => this.simulator.getPayment(paymentKey));
  }

  private async run(call: () => Promise<SimResult>): Promise<Payment> {
    let result: SimResult;
    try {
      result = await call();
    } catch (err) {
      // The store failed (e.g. Redis unreachable) and a MULTI may or may not have landed.
      throw new PaymentGatewayError({
        outcome: 'unknown',
        code: TransportErrorCode.NETWORK_ERROR,
        message: `Sandbox store failed: ${err instanceof Error ? err.message : String(err)}`,
        cause: err,
      });
    }
    if (result.status < 300) return result.body as Payment;
    const { code, message } = result.body as TossErrorBody;
    throw PaymentGatewayError.fromTossError(result.status, code, message);
  }
}
