import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { Equals, IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { PageQueryDto } from '@app/common';
import { CreditLedgerEntryDto } from '@app/credits';
import { PaymentDto } from '@app/payments';
import type { RefundGatewayCallEntity } from '../entities/refund-gateway-call.entity';
import { REFUND_KINDS, type RefundKind, type RefundRequestEntity } from '../entities/refund-request.entity';
import { REFUSAL_CODES, type LocalizedMessage, type RefundDecision, type RefusalCode } from '../policy/refund-policy';
import { REFUND_STATUSES, type RefundStatus } from '../processing/refund-state';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class LocalizedMessageDto {
  @ApiProperty({ example: '환불을 요청할 수 있습니다.' })
  ko!: string;

  @ApiProperty({ example: 'This payment can be refunded.' })
  en!: string;
}

export class RefundEligibilityDto {
  @ApiProperty()
  eligible!: boolean;

  @ApiPropertyOptional({ enum: REFUSAL_CODES, description: 'Why not, when not eligible' })
  reason?: RefusalCode;

  @ApiProperty({ type: LocalizedMessageDto })
  message!: LocalizedMessage;

  @ApiProperty({ description: 'Integer won that would be refunded (0 when not eligible)', example: 19333 })
  refundAmount!: number;

  @ApiProperty({ description: 'Unused credits of the purchase that would be taken back', example: 20 })
  refundableCredits!: number;

  @ApiProperty({ description: 'Above the review threshold: support reviews the request before it is processed' })
  heldForReview!: boolean;

  static from(d: RefundDecision): RefundEligibilityDto {
    const dto: RefundEligibilityDto = {
      eligible: d.eligible,
      message: d.message,
      refundAmount: d.refundAmount,
      refundableCredits: d.refundableCredits,
      heldForReview: d.heldForReview,
    };
    if (d.reason) dto.reason = d.reason;
    return dto;
  }
}

export class CreateRefundDto {
  @ApiProperty({ description: 'The payment (its paymentKey) to refund' })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  paymentId!: string;

  @ApiProperty({ description: 'Why (kept with the request and sent to Toss as the cancel reason)', example: 'I no longer need the credits' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @Length(1, 500)
  reason!: string;
}

export class RefundDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  paymentKey!: string;

  @ApiProperty({ enum: REFUND_STATUSES })
  status!: RefundStatus;

  @ApiProperty({ enum: REFUND_KINDS })
  kind!: RefundKind;

  @ApiProperty()
  reason!: string;

  @ApiProperty({ description: 'Integer won' })
  refundAmount!: number;

  @ApiProperty({ description: 'Credits to take back' })
  refundableCredits!: number;

  @ApiProperty({ type: Number, nullable: true, description: 'Credits taken back (once approved)' })
  clawedBackCredits!: number | null;

  @ApiProperty({ description: 'Credits that could not be taken back because they were spent meanwhile' })
  clawbackShortfall!: number;

  @ApiProperty({ type: String, nullable: true, description: 'The gateway code of a refusal' })
  failureCode!: string | null;

  @ApiProperty({ type: String, nullable: true })
  failureMessage!: string | null;

  @ApiProperty({ type: String, nullable: true })
  rejectionReason!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The cancel transactionKey at Toss' })
  pgRefundId!: string | null;

  @ApiProperty()
  createdAt!: Date;

  @ApiProperty()
  updatedAt!: Date;

  @ApiProperty({ type: Date, nullable: true })
  finishedAt!: Date | null;

  static from(r: RefundRequestEntity): RefundDto {
    return {
      id: r.id,
      paymentKey: r.paymentKey,
      status: r.status,
      kind: r.kind,
      reason: r.reason,
      refundAmount: r.refundAmount,
      refundableCredits: r.refundableCredits,
      clawedBackCredits: r.clawedBackCredits,
      clawbackShortfall: r.clawbackShortfall,
      failureCode: r.failureCode,
      failureMessage: r.failureMessage,
      rejectionReason: r.rejectionReason,
      pgRefundId: r.pgRefundId,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      finishedAt: r.finishedAt,
    };
  }
}

export class RefundPageDto {
  @ApiProperty({ type: [RefundDto], description: 'Newest first' })
  items!: RefundDto[];

  @ApiProperty()
  total!: number;

  @ApiProperty()
  limit!: number;

  @ApiProperty()
  offset!: number;
}

export class RefundListQueryDto extends PageQueryDto {}

export class AdminRefundListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: REFUND_STATUSES })
  @IsOptional()
  @IsIn(REFUND_STATUSES)
  status?: RefundStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  userId?: string;

  @ApiPropertyOptional({ description: 'Created at or after (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'Created before (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

export class AdminRefundDto extends RefundDto {
  @ApiProperty({ format: 'uuid' })
  userId!: string;

  @ApiProperty({ description: 'Toss Idempotency-Key of the current attempt' })
  gatewayIdempotencyKey!: string;

  @ApiProperty()
  gatewayAttempt!: number;

  @ApiProperty({ type: Number, nullable: true, description: 'The refundableAmount guard of the current attempt' })
  guardBalanceAmount!: number | null;

  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  requestedBy!: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  reviewedBy!: string | null;

  @ApiProperty({ type: Date, nullable: true })
  reviewedAt!: Date | null;

  @ApiProperty({ type: String, nullable: true, description: 'worker or reconciler' })
  completedVia!: string | null;

  static fromAdmin(r: RefundRequestEntity): AdminRefundDto {
    return {
      ...RefundDto.from(r),
      userId: r.userId,
      gatewayIdempotencyKey: r.gatewayIdempotencyKey,
      gatewayAttempt: r.gatewayAttempt,
      guardBalanceAmount: r.guardBalanceAmount,
      requestedBy: r.requestedBy,
      reviewedBy: r.reviewedBy,
      reviewedAt: r.reviewedAt,
      completedVia: r.completedVia,
    };
  }
}

export class AdminRefundPageDto {
  @ApiProperty({ type: [AdminRefundDto], description: 'Newest first' })
  items!: AdminRefundDto[];

  @ApiProperty()
  total!: number;

  @ApiProperty()
  limit!: number;

  @ApiProperty()
  offset!: number;
}

export class RefundGatewayCallDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: ['cancel', 'get'] })
  operation!: string;

  @ApiProperty({ type: String, nullable: true })
  idempotencyKey!: string | null;

  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  request!: unknown;

  @ApiProperty({ enum: ['sent', 'ok', 'refused', 'unknown'], description: 'sent: no answer was recorded (e.g. a crash)' })
  outcome!: string;

  @ApiProperty({ type: Number, nullable: true })
  httpStatus!: number | null;

  @ApiProperty({ type: String, nullable: true })
  errorCode!: string | null;

  @ApiProperty({ type: String, nullable: true })
  errorMessage!: string | null;

  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  response!: unknown;

  @ApiProperty()
  startedAt!: Date;

  @ApiProperty({ type: Date, nullable: true })
  finishedAt!: Date | null;

  @ApiProperty({ type: Number, nullable: true })
  durationMs!: number | null;

  static from(c: RefundGatewayCallEntity): RefundGatewayCallDto {
    return {
      id: c.id,
      operation: c.operation,
      idempotencyKey: c.idempotencyKey,
      request: c.request,
      outcome: c.outcome,
      httpStatus: c.httpStatus,
      errorCode: c.errorCode,
      errorMessage: c.errorMessage,
      response: c.response,
      startedAt: c.startedAt,
      finishedAt: c.finishedAt,
      durationMs: c.durationMs,
    };
  }
}

export class AdminRefundDetailDto {
  @ApiProperty({ type: AdminRefundDto })
  refund!: AdminRefundDto;

  @ApiProperty({ type: PaymentDto })
  payment!: PaymentDto;

  @ApiProperty({ description: "The user's credit balance now" })
  balance!: number;

  @ApiProperty({ type: [CreditLedgerEntryDto], description: "The user's ledger entries of this purchase and its refunds, oldest first" })
  ledger!: CreditLedgerEntryDto[];

  @ApiProperty({ type: [RefundGatewayCallDto], description: 'Every gateway call for this refund, oldest first' })
  gatewayCalls!: RefundGatewayCallDto[];
}

export class RejectRefundDto {
  @ApiProperty({ description: 'Why (kept on the refund and in the audit log)', example: 'Duplicate request' })
  @Transform(trim)
  @IsString()
  @Length(3, 500)
  reason!: string;
}

export const OVERRIDE_REASON_MIN = 10;

export class OverrideRefundDto {
  @ApiProperty({ description: `A written reason, at least ${OVERRIDE_REASON_MIN} characters`, example: 'Goodwill: outage on 2024-03-02 ruined the run' })
  @Transform(trim)
  @IsString()
  @Length(OVERRIDE_REASON_MIN, 500)
  reason!: string;

  @ApiProperty({ enum: [true], description: 'Must be true: this refund ignores the self-service policy' })
  @Equals(true, { message: 'overridePolicy must be true' })
  overridePolicy!: true;

  @ApiPropertyOptional({ description: 'Integer won; default: everything still cancellable', minimum: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  amount?: number;
}
