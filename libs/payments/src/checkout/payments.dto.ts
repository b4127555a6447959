import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { PageQueryDto } from '@app/common';
import type { PaymentStatus } from '../gateway';
import type { CreditPackageEntity } from '../orders/credit-package.entity';
import type { PaymentOrderEntity } from '../orders/payment-order.entity';
import type { PaymentEntity } from '../orders/payment.entity';

const PAYMENT_STATUSES: PaymentStatus[] = ['READY', 'IN_PROGRESS', 'WAITING_FOR_DEPOSIT', 'DONE', 'CANCELED', 'PARTIAL_CANCELED', 'ABORTED', 'EXPIRED'];
const ORDER_ID_RULE = { message: 'orderId must be 6-64 characters of [A-Za-z0-9_-]' };

export class CreditPackageDto {
  @ApiProperty({ example: 'credits-100' })
  id!: string;

  @ApiProperty({ example: '100 credits' })
  name!: string;

  @ApiProperty({ example: 100 })
  credits!: number;

  @ApiProperty({ description: 'Integer won', example: 29000 })
  priceWon!: number;

  static from(p: CreditPackageEntity): CreditPackageDto {
    return { id: p.id, name: p.name, credits: p.credits, priceWon: p.priceWon };
  }
}

export class CreditPackageListDto {
  @ApiProperty({ type: [CreditPackageDto] })
  items!: CreditPackageDto[];
}

export class CreateOrderDto {
  @ApiProperty({ example: 'credits-100' })
  @IsString()
  @Length(1, 40)
  packageId!: string;
}

export class CheckoutInfoDto {
  @ApiProperty({ enum: ['toss', 'sandbox'], description: 'sandbox: use /api/payments/sandbox/authorize instead of the Toss widget' })
  mode!: 'toss' | 'sandbox';

  @ApiProperty({ type: String, nullable: true, description: 'The Toss client key for the payment widget' })
  clientKey!: string | null;
}

export class PaymentDto {
  @ApiProperty()
  paymentKey!: string;

  @ApiProperty()
  orderId!: string;

  @ApiProperty({ enum: PAYMENT_STATUSES })
  status!: PaymentStatus;

  @ApiProperty({ type: String, nullable: true, example: '카드' })
  method!: string | null;

  @ApiProperty({ description: 'Integer won' })
  totalAmount!: number;

  @ApiProperty({ description: 'What can still be cancelled, integer won' })
  balanceAmount!: number;

  @ApiProperty({ type: Date, nullable: true })
  approvedAt!: Date | null;

  @ApiProperty()
  creditsGranted!: number;

  @ApiProperty()
  createdAt!: Date;

  static from(p: PaymentEntity): PaymentDto {
    return {
      paymentKey: p.paymentKey,
      orderId: p.orderId,
      status: p.status,
      method: p.method,
      totalAmount: p.totalAmount,
      balanceAmount: p.balanceAmount,
      approvedAt: p.approvedAt,
      creditsGranted: p.creditsGranted,
      createdAt: p.createdAt,
    };
  }
}

export class PaymentOrderDto {
  @ApiProperty({ example: 'sb_m0abc_xyz', description: '6-64 characters of [A-Za-z0-9_-]' })
  orderId!: string;

  @ApiProperty()
  packageId!: string;

  @ApiProperty()
  orderName!: string;

  @ApiProperty()
  credits!: number;

  @ApiProperty({ description: 'Integer won: the confirm must send exactly this' })
  amount!: number;

  @ApiProperty({ enum: ['PENDING', 'PAID'] })
  status!: string;

  @ApiProperty()
  createdAt!: Date;

  @ApiProperty({ type: CheckoutInfoDto })
  checkout!: CheckoutInfoDto;

  @ApiPropertyOptional({ type: PaymentDto, nullable: true })
  payment!: PaymentDto | null;

  static from(o: PaymentOrderEntity, checkout: CheckoutInfoDto, payment: PaymentEntity | null): PaymentOrderDto {
    return {
      orderId: o.orderId,
      packageId: o.packageId,
      orderName: o.orderName,
      credits: o.credits,
      amount: o.amount,
      status: o.status,
      createdAt: o.createdAt,
      checkout,
      payment: payment ? PaymentDto.from(payment) : null,
    };
  }
}

export class ConfirmPaymentDto {
  @ApiProperty({ maxLength: 200 })
  @IsString()
  @Length(1, 200)
  paymentKey!: string;

  @ApiProperty({ example: 'sb_m0abc_xyz' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{6,64}$/, ORDER_ID_RULE)
  orderId!: string;

  @ApiProperty({ description: 'Integer won; must equal the order amount', example: 29000 })
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  amount!: number;
}

export class SandboxAuthorizeDto {
  @ApiProperty()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{6,64}$/, ORDER_ID_RULE)
  orderId!: string;
}

export class SandboxAuthorizationDto {
  @ApiProperty()
  paymentKey!: string;

  @ApiProperty()
  orderId!: string;

  @ApiProperty()
  amount!: number;
}

export class PaymentListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: "Staff only: whose payments. Another user's answer 404 to a trader." })
  @IsOptional()
  @IsUUID()
  userId?: string;
}

export class PaymentListDto {
  @ApiProperty({ type: [PaymentDto], description: 'Newest first' })
  items!: PaymentDto[];

  @ApiProperty()
  total!: number;
}

/** Documentation only: the webhook body is parsed leniently (Toss may add fields). */
export class TossWebhookDto {
  @ApiProperty({ example: 'PAYMENT_STATUS_CHANGED' })
  eventType!: string;

  @ApiPropertyOptional()
  createdAt?: string;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The Payment object; only paymentKey is trusted, the rest is read back from Toss' })
  data!: Record<string, unknown>;
}

export class WebhookResultDto {
  @ApiProperty()
  received!: boolean;

  @ApiProperty({ description: 'False when the event was ignored (unknown event, payment or order)' })
  applied!: boolean;
}
