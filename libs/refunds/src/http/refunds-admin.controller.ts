import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '@app/auth';
import { CreditLedgerEntryDto } from '@app/credits';
import { PaymentDto } from '@app/payments';
import { RefundsAdminService } from '../refunds-admin.service';
import {
  AdminRefundDetailDto,
  AdminRefundDto,
  AdminRefundListQueryDto,
  AdminRefundPageDto,
  OverrideRefundDto,
  RefundGatewayCallDto,
  RejectRefundDto,
} from './refunds.dto';
import { paymentKeyParam, refundIdPipe } from './refunds.controller';

/** The support console's refund API: support and admin only; every change and every read is audited. */
@ApiTags('admin')
@ApiBearerAuth('bearer')
@ApiSecurity('apiKey')
@ApiForbiddenResponse({ description: 'Staff only' })
@Roles('support', 'admin')
@Controller('admin')
export class RefundsAdminController {
  constructor(private readonly admin: RefundsAdminService) {}

  @Get('refunds')
  @ApiOkResponse({ type: AdminRefundPageDto, description: 'Newest first' })
  async listRefundsForSupport(@CurrentUser() staff: AuthUser, @Query() query: AdminRefundListQueryDto): Promise<AdminRefundPageDto> {
    const page = await this.admin.list(staff, query);
    return { items: page.items.map(AdminRefundDto.fromAdmin), total: page.total, limit: query.limit, offset: query.offset };
  }

  @Get('refunds/:id')
  @ApiOkResponse({ type: AdminRefundDetailDto, description: 'The refund, its payment, the related ledger entries and every gateway call' })
  @ApiNotFoundResponse({ description: 'REFUND_NOT_FOUND' })
  async getRefundForSupport(@CurrentUser() staff: AuthUser, @Param('id', refundIdPipe) id: string): Promise<AdminRefundDetailDto> {
    const d = await this.admin.detail(staff, id);
    return {
      refund: AdminRefundDto.fromAdmin(d.refund),
      payment: PaymentDto.from(d.payment),
      balance: d.balance,
      ledger: d.ledger.map(CreditLedgerEntryDto.from),
      gatewayCalls: d.gatewayCalls.map(RefundGatewayCallDto.from),
    };
  }

  @Post('refunds/:id/approve')
  @HttpCode(200)
  @ApiOkResponse({ type: AdminRefundDto, description: 'held → processing; queued' })
  @ApiNotFoundResponse({ description: 'REFUND_NOT_FOUND' })
  @ApiConflictResponse({ description: 'INVALID_REFUND_TRANSITION' })
  async approveRefund(@CurrentUser() actor: AuthUser, @Param('id', refundIdPipe) id: string): Promise<AdminRefundDto> {
    return AdminRefundDto.fromAdmin(await this.admin.approve(actor, id));
  }

  @Post('refunds/:id/reject')
  @HttpCode(200)
  @ApiOkResponse({ type: AdminRefundDto, description: 'held | pending → rejected' })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED' })
  @ApiNotFoundResponse({ description: 'REFUND_NOT_FOUND' })
  @ApiConflictResponse({ description: 'INVALID_REFUND_TRANSITION' })
  async rejectRefund(@CurrentUser() actor: AuthUser, @Param('id', refundIdPipe) id: string, @Body() body: RejectRefundDto): Promise<AdminRefundDto> {
    return AdminRefundDto.fromAdmin(await this.admin.reject(actor, id, body.reason));
  }

  @Post('refunds/:id/retry')
  @HttpCode(200)
  @ApiOkResponse({ type: AdminRefundDto, description: 'failed → pending with a new gateway idempotency key; queued' })
  @ApiNotFoundResponse({ description: 'REFUND_NOT_FOUND' })
  @ApiConflictResponse({ description: 'INVALID_REFUND_TRANSITION or REFUND_IN_PROGRESS' })
  async retryRefund(@CurrentUser() actor: AuthUser, @Param('id', refundIdPipe) id: string): Promise<AdminRefundDto> {
    return AdminRefundDto.fromAdmin(await this.admin.retry(actor, id));
  }

  @Post('payments/:id/refund')
  @ApiCreatedResponse({ type: AdminRefundDto, description: 'A goodwill refund outside the policy, queued' })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED (a reason of at least 10 characters and overridePolicy: true are required) or INVALID_REFUND_AMOUNT' })
  @ApiNotFoundResponse({ description: 'PAYMENT_NOT_FOUND' })
  @ApiConflictResponse({ description: 'REFUND_IN_PROGRESS or NOT_REFUNDABLE_STATUS' })
  async issueGoodwillRefund(@CurrentUser() actor: AuthUser, @Param('id') id: string, @Body() body: OverrideRefundDto): Promise<AdminRefundDto> {
    return AdminRefundDto.fromAdmin(await this.admin.override(actor, paymentKeyParam(id), { reason: body.reason, amount: body.amount }));
  }
}
