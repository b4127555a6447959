import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';
import { APP_CONFIG, AppException, AuditService, type AppConfig } from '@app/common';
import { CreditsService } from '@app/credits';
import {
  PAYMENT_GATEWAY,
  PaymentGatewayError,
  SandboxGateway,
  isDefiniteRefusal,
  type Payment,
  type PaymentGateway,
} from '../gateway';
import { CreditPackageEntity } from '../orders/credit-package.entity';
import { confirmIdempotencyKey, newOrderId, purchaseLedgerKey } from '../orders/order-id';
import { PaymentOrderEntity } from '../orders/payment-order.entity';
import { PaymentEntity } from '../orders/payment.entity';
import type { CheckoutInfoDto } from './payments.dto';

export interface ConfirmInput {
  paymentKey: string;
  orderId: string;
  amount: number;
}

export interface SettleResult {
  payment: PaymentEntity;
  /** Credits were granted by this call. */
  granted: boolean;
}

const webhookSchema = z.object({
  eventType: z.string().min(1).max(100),
  createdAt: z.string().optional(),
  data: z.looseObject({ paymentKey: z.string().min(1).max(200) }),
});

const orderNotFound = () => new AppException(404, 'ORDER_NOT_FOUND', 'Order not found');

/**
 * Credit purchases through Toss Payments. The rule of thumb: the gateway's word is final, the
 * client's is not. Amounts are checked against our order, webhooks are read back from the gateway,
 * and credits are granted (ledger key `purchase:<orderId>`) in the same transaction that stores the
 * approved payment, so a purchase grants exactly once whichever path (confirm, retry, webhook) wins.
 */
@Injectable()
export class PaymentsService {
  private readonly logger = new Logger(PaymentsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(PAYMENT_GATEWAY) private readonly gateway: PaymentGateway,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly credits: CreditsService,
    private readonly audit: AuditService,
  ) {}

  get checkout(): CheckoutInfoDto {
    return this.gateway instanceof SandboxGateway
      ? { mode: 'sandbox', clientKey: null }
      : { mode: 'toss', clientKey: this.config.TOSS_CLIENT_KEY ?? null };
  }

  listPackages(): Promise<CreditPackageEntity[]> {
    return this.dataSource.getRepository(CreditPackageEntity).find({ where: { active: true }, order: { sortOrder: 'ASC', priceWon: 'ASC' } });
  }

  async createOrder(userId: string, packageId: string): Promise<PaymentOrderEntity> {
    const pkg = await this.dataSource.getRepository(CreditPackageEntity).findOne({ where: { id: packageId, active: true } });
    if (!pkg) throw new AppException(404, 'PACKAGE_NOT_FOUND', `No credit package "${packageId}"`);
    const orderId = newOrderId();
    const repo = this.dataSource.getRepository(PaymentOrderEntity);
    return repo.save(
      repo.create({
        orderId,
        userId,
        packageId: pkg.id,
        orderName: `Stratbench ${pkg.name}`.slice(0, 100),
        credits: pkg.credits,
        amount: pkg.priceWon,
        status: 'PENDING',
        confirmIdempotencyKey: confirmIdempotencyKey(orderId),
      }),
    );
  }

  /** The caller's order and its payment; 404 for anyone else's. */
  async getOrder(userId: string, orderId: string): Promise<{ order: PaymentOrderEntity; payment: PaymentEntity | null }> {
    const order = await this.dataSource.getRepository(PaymentOrderEntity).findOne({ where: { orderId } });
    if (!order || order.userId !== userId) throw orderNotFound();
    const payment = await this.dataSource.getRepository(PaymentEntity).findOne({ where: { orderId } });
    return { order, payment };
  }

  /** `viewerId`: who asks; staff reading another user's payments is audited as `payment.list`. */
  async listPayments(viewerId: string, userId: string, page: { limit: number; offset: number }): Promise<{ items: PaymentEntity[]; total: number }> {
    await this.audit.recordRead({ actorId: viewerId, action: 'payment.list', subjectUserId: userId, details: { filter: { limit: page.limit, offset: page.offset } } });
    const [items, total] = await this.dataSource.getRepository(PaymentEntity).findAndCount({
      where: { userId },
      order: { createdAt: 'DESC', paymentKey: 'ASC' },
      take: page.limit,
      skip: page.offset,
    });
    return { items, total };
  }

  /**
   * Confirms the customer's authorisation. Safe to repeat: the gateway call reuses the order's
   * idempotency key and the grant is keyed by the order. An unknown outcome leaves the order
   * confirmable again (503 PAYMENT_OUTCOME_UNKNOWN).
   */
  async confirm(userId: string, input: ConfirmInput): Promise<PaymentEntity> {
    const order = await this.dataSource.getRepository(PaymentOrderEntity).findOne({ where: { orderId: input.orderId } });
    if (!order || order.userId !== userId) throw orderNotFound();
    if (input.amount !== order.amount) {
      throw new AppException(400, 'AMOUNT_MISMATCH', `The amount does not match the order (${order.amount} won)`, {
        fields: [{ field: 'amount', messages: [`amount must equal the order amount`] }],
      });
    }

    const existing = await this.dataSource.getRepository(PaymentEntity).findOne({ where: { orderId: order.orderId } });
    if (existing && existing.creditsGranted > 0) {
      if (existing.paymentKey !== input.paymentKey) throw new AppException(409, 'ORDER_ALREADY_PAID', 'This order was paid with another payment');
      return existing;
    }

    const payment = await this.confirmAtGateway(order, input.paymentKey);
    if (payment.orderId !== order.orderId || payment.totalAmount !== order.amount) {
      this.logger.error(`Gateway payment ${payment.paymentKey} does not match order ${order.orderId}`);
      throw new AppException(409, 'PAYMENT_MISMATCH', 'The payment does not belong to this order');
    }
    return (await this.settle(order.orderId, payment)).payment;
  }

  /**
   * PAYMENT_STATUS_CHANGED: the body only names the payment; its state is read back from the
   * gateway. Unknown payments and orders are acknowledged and ignored; a gateway failure answers
   * 503 so that Toss retries.
   */
  async handleWebhook(body: unknown): Promise<{ received: true; applied: boolean }> {
    const parsed = webhookSchema.safeParse(body);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => ({ field: i.path.join('.') || '(body)', messages: [i.message] }));
      throw new AppException(400, 'VALIDATION_FAILED', 'Invalid webhook body', { fields });
    }
    if (parsed.data.eventType !== 'PAYMENT_STATUS_CHANGED') return { received: true, applied: false };

    let payment: Payment;
    try {
      payment = await this.gateway.getPayment(parsed.data.data.paymentKey);
    } catch (err) {
      if (isDefiniteRefusal(err)) {
        this.logger.warn(`Webhook for a payment the gateway does not know: ${err.code}`);
        return { received: true, applied: false };
      }
      throw unknownOutcome(err, 'Could not read the payment back from the gateway');
    }

    const order = await this.dataSource.getRepository(PaymentOrderEntity).findOne({ where: { orderId: payment.orderId } });
    if (!order || payment.totalAmount !== order.amount) {
      this.logger.warn(`Webhook payment ${payment.paymentKey} matches no order of ours (${payment.orderId})`);
      return { received: true, applied: false };
    }
    await this.settle(order.orderId, payment);
    return { received: true, applied: true };
  }

  /** The sandbox checkout page's "pay" button: only with the sandbox gateway, only for one's own open order. */
  async authorizeInSandbox(userId: string, orderId: string): Promise<{ paymentKey: string; orderId: string; amount: number }> {
    if (!(this.gateway instanceof SandboxGateway)) throw new AppException(404, 'SANDBOX_DISABLED', 'The sandbox checkout is not enabled');
    const { order } = await this.getOrder(userId, orderId);
    if (order.status !== 'PENDING') throw new AppException(409, 'ORDER_ALREADY_PAID', 'This order is already paid');
    try {
      const payment = await this.gateway.authorize(order.orderId, order.amount, { orderName: order.orderName });
      return { paymentKey: payment.paymentKey, orderId: payment.orderId, amount: payment.totalAmount };
    } catch (err) {
      if (err instanceof PaymentGatewayError && err.code === 'DUPLICATED_ORDER_ID') {
        throw new AppException(409, 'ALREADY_AUTHORIZED', 'This order was already authorised; confirm it');
      }
      if (isDefiniteRefusal(err)) throw new AppException(400, 'PAYMENT_REFUSED', err.message, { gatewayCode: err.code });
      throw unknownOutcome(err, 'The sandbox did not answer');
    }
  }

  /**
   * Stores the gateway's view of a payment and, the first time it is seen DONE, grants the
   * order's credits, all in one transaction under the order's row lock. Never moves a payment
   * back to a larger cancellable balance (a late, stale read).
   */
  async settle(orderId: string, payment: Payment, manager?: EntityManager): Promise<SettleResult> {
    const work = async (m: EntityManager): Promise<SettleResult> => {
      const [order] = await m.query(`SELECT user_id, credits, status FROM payment_orders WHERE order_id = $1 FOR UPDATE`, [orderId]);
      if (!order) throw orderNotFound();
      await m.query(
        `INSERT INTO payments (payment_key, order_id, user_id, status, method, total_amount, balance_amount, approved_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (payment_key) DO UPDATE
           SET status = EXCLUDED.status, method = COALESCE(EXCLUDED.method, payments.method),
               balance_amount = EXCLUDED.balance_amount, approved_at = COALESCE(payments.approved_at, EXCLUDED.approved_at), updated_at = now()
           WHERE payments.balance_amount >= EXCLUDED.balance_amount`,
        [payment.paymentKey, orderId, order.user_id, payment.status, payment.method, payment.totalAmount, payment.balanceAmount, payment.approvedAt],
      );
      let granted = false;
      if (payment.status === 'DONE' && order.status === 'PENDING') {
        const result = await this.credits.grant(
          {
            userId: order.user_id,
            amount: order.credits,
            reason: 'purchase',
            idempotencyKey: purchaseLedgerKey(orderId),
            reference: { type: 'payment_order', id: orderId },
          },
          m,
        );
        granted = !result.replayed;
        await m.query(`UPDATE payments SET credits_granted = $2, updated_at = now() WHERE payment_key = $1`, [payment.paymentKey, order.credits]);
        await m.query(`UPDATE payment_orders SET status = 'PAID', updated_at = now() WHERE order_id = $1`, [orderId]);
      }
      const stored = await m.getRepository(PaymentEntity).findOneOrFail({ where: { paymentKey: payment.paymentKey } });
      return { payment: stored, granted };
    };
    return manager?.queryRunner?.isTransactionActive ? work(manager) : (manager ?? this.dataSource.manager).transaction(work);
  }

  /** The approved payment, or an AppException: refused (400) or unknown outcome (503). */
  private async confirmAtGateway(order: PaymentOrderEntity, paymentKey: string): Promise<Payment> {
    try {
      return await this.gateway.confirm({ paymentKey, orderId: order.orderId, amount: order.amount }, order.confirmIdempotencyKey);
    } catch (err) {
      // ALREADY_PROCESSED_PAYMENT may mean an earlier attempt of ours went through: reconcile it too.
      const refused = isDefiniteRefusal(err) && err.code !== 'ALREADY_PROCESSED_PAYMENT';
      if (refused) throw new AppException(400, 'PAYMENT_REFUSED', `The payment was refused: ${err.message}`, { gatewayCode: err.code });
      const readBack = await this.gateway.getPayment(paymentKey).catch(() => null);
      if (readBack?.status === 'DONE' && readBack.orderId === order.orderId) return readBack;
      this.logger.warn(`Confirm of ${order.orderId} has an unknown outcome: ${describe(err)}`);
      throw unknownOutcome(err, 'The payment provider gave no definite answer; nothing was charged to your credits yet. Confirm again.');
    }
  }
}

function describe(err: unknown): string {
  return err instanceof PaymentGatewayError ? `${err.code}: ${err.message}` : String(err);
}

function unknownOutcome(err: unknown, message: string): AppException {
  return new AppException(503, 'PAYMENT_OUTCOME_UNKNOWN', message, {
    retryable: true,
    gatewayCode: err instanceof PaymentGatewayError ? err.code : undefined,
  });
}
