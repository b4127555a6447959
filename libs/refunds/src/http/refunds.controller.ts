import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiSecurity,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { AppException } from '@app/common';
import { CurrentUser, type AuthUser } from '@app/auth';
import { RefundsService, paymentNotFound, refundNotFound } from '../refunds.service';
import { CreateRefundDto, RefundDto, RefundEligibilityDto, RefundListQueryDto, RefundPageDto } from './refunds.dto';

export const refundIdPipe = new ParseUUIDPipe({ exceptionFactory: refundNotFound });

/** A path paymentKey longer than Toss allows names nothing: 404. */
export function paymentKeyParam(value: string): string {
  if (!value || value.length > 200) throw paymentNotFound();
  return value;
}

function checkIdempotencyKey(key: string | undefined): string | undefined {
  if (key === undefined) return undefined;
  const trimmed = key.trim();
  if (trimmed.length === 0 || trimmed.length > 200) throw new AppException(400, 'INVALID_IDEMPOTENCY_KEY', 'Idempotency-Key must be 1-200 characters');
  return trimmed;
}

@ApiTags('refunds')
@ApiBearerAuth('bearer')
@ApiSecurity('apiKey')
@Controller('payments')
export class PaymentRefundEligibilityController {
  constructor(private readonly refunds: RefundsService) {}

  @Get(':id/refund-eligibility')
  @ApiOkResponse({ type: RefundEligibilityDto, description: 'Whether the payment can be refunded now, how much, and why not' })
  @ApiNotFoundResponse({ description: "Unknown, or another user's payment" })
  async getRefundEligibility(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<RefundEligibilityDto> {
    return RefundEligibilityDto.from(await this.refunds.eligibility(user.id, paymentKeyParam(id)));
  }
}

@ApiTags('refunds')
@ApiBearerAuth('bearer')
@ApiSecurity('apiKey')
@Controller('refunds')
export class RefundsController {
  constructor(private readonly refunds: RefundsService) {}

  @Post()
  @ApiHeader({ name: 'idempotency-key', required: false, description: 'A repeat with the same key returns the same request (200) and creates nothing' })
  @ApiCreatedResponse({ type: RefundDto, description: 'Created: `pending` (processed automatically) or `held` (reviewed by support first)' })
  @ApiOkResponse({ type: RefundDto, description: 'A replay of an earlier request with the same Idempotency-Key' })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED or INVALID_IDEMPOTENCY_KEY' })
  @ApiNotFoundResponse({ description: "PAYMENT_NOT_FOUND (unknown, or another user's)" })
  @ApiConflictResponse({ description: 'REFUND_IN_PROGRESS, ALREADY_REFUNDED or IDEMPOTENCY_KEY_REUSED' })
  @ApiUnprocessableEntityResponse({ description: 'Not eligible: OUTSIDE_WINDOW, YEARLY_LIMIT, CREDITS_USED, NOT_REFUNDABLE_STATUS, AMOUNT_TOO_SMALL; details.message has ko and en' })
  async requestRefund(
    @CurrentUser() user: AuthUser,
    @Body() body: CreateRefundDto,
    @Res({ passthrough: true }) res: Response,
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<RefundDto> {
    const { refund, replayed } = await this.refunds.request(user.id, body, checkIdempotencyKey(idempotencyKey));
    res.status(replayed ? 200 : 201);
    return RefundDto.from(refund);
  }

  @Get()
  @ApiOkResponse({ type: RefundPageDto, description: "The caller's refund requests, newest first" })
  async listRefunds(@CurrentUser() user: AuthUser, @Query() query: RefundListQueryDto): Promise<RefundPageDto> {
    const page = await this.refunds.list(user.id, query);
    return { items: page.items.map(RefundDto.from), total: page.total, limit: query.limit, offset: query.offset };
  }

  @Get(':id')
  @ApiOkResponse({ type: RefundDto })
  @ApiNotFoundResponse({ description: "Unknown, or another user's refund" })
  async getRefund(@CurrentUser() user: AuthUser, @Param('id', refundIdPipe) id: string): Promise<RefundDto> {
    return RefundDto.from(await this.refunds.get(user.id, id));
  }
}
