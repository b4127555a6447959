import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { PAYMENT_GATEWAY, PaymentGatewayError, type CancelPaymentParams, type Payment, type PaymentGateway } from '@app/payments';
import { RefundGatewayCallEntity, type GatewayCallOutcome } from '../entities/refund-gateway-call.entity';

/**
 * The payment gateway as refunds use it: every call is written to `refund_gateway_calls` as `sent`
 * before it goes out and completed with the answer (or error) and its duration afterwards.
 */
@Injectable()
export class RefundGatewayClient {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(PAYMENT_GATEWAY) private readonly gateway: PaymentGateway,
  ) {}

  cancel(refundId: string, paymentKey: string, params: CancelPaymentParams, idempotencyKey: string): Promise<Payment> {
    return this.recorded(refundId, 'cancel', idempotencyKey, { paymentKey, ...params }, () => this.gateway.cancel(paymentKey, params, idempotencyKey));
  }

  getPayment(refundId: string, paymentKey: string): Promise<Payment> {
    return this.recorded(refundId, 'get', null, { paymentKey }, () => this.gateway.getPayment(paymentKey));
  }

  /** Whether a cancel was already sent for this key (then its outcome may be unknown: read back first). */
  async cancelSent(refundId: string, idempotencyKey: string): Promise<boolean> {
    const rows = await this.dataSource.query(
      `SELECT 1 FROM refund_gateway_calls WHERE refund_id = $1 AND operation = 'cancel' AND idempotency_key = $2 LIMIT 1`,
      [refundId, idempotencyKey],
    );
    return rows.length > 0;
  }

  history(refundId: string): Promise<RefundGatewayCallEntity[]> {
    return this.dataSource.getRepository(RefundGatewayCallEntity).find({ where: { refundId }, order: { startedAt: 'ASC', id: 'ASC' } });
  }

  private async recorded(
    refundId: string,
    operation: 'cancel' | 'get',
    idempotencyKey: string | null,
    request: Record<string, unknown>,
    call: () => Promise<Payment>,
  ): Promise<Payment> {
    const repo = this.dataSource.getRepository(RefundGatewayCallEntity);
    const row = await repo.save(repo.create({ refundId, operation, idempotencyKey, request, outcome: 'sent', startedAt: new Date() }));
    const started = Date.now();
    const finish = (outcome: GatewayCallOutcome, extra: Partial<Pick<RefundGatewayCallEntity, 'response' | 'httpStatus' | 'errorCode' | 'errorMessage'>>) =>
      repo.save({ ...row, outcome, finishedAt: new Date(), durationMs: Date.now() - started, ...extra });
    try {
      const payment = await call();
      await finish('ok', { response: payment, httpStatus: 200 });
      return payment;
    } catch (error) {
      const e = error instanceof PaymentGatewayError ? error : null;
      await finish(e?.outcome ?? 'unknown', {
        httpStatus: e?.httpStatus ?? null,
        errorCode: e?.code ?? 'UNEXPECTED',
        errorMessage: (error as Error)?.message?.slice(0, 2000) ?? String(error),
      }).catch(() => undefined);
      throw error;
    }
  }
}
