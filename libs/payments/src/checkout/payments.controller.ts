import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiSecurity,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { AppException } from '@app/common';
import { CurrentUser, Public, isStaff, type AuthUser } from '@app/auth';
import {
  ConfirmPaymentDto,
  CreateOrderDto,
  CreditPackageDto,
  CreditPackageListDto,
  PaymentDto,
  PaymentListDto,
  PaymentListQueryDto,
  PaymentOrderDto,
  SandboxAuthorizationDto,
  SandboxAuthorizeDto,
  TossWebhookDto,
  WebhookResultDto,
} from './payments.dto';
import { PaymentsService } from './payments.service';

/** The catalogue and Toss's webhook: no credentials. */
@ApiTags('payments')
@Controller('payments')
export class PaymentsPublicController {
  constructor(private readonly payments: PaymentsService) {}

  @Public()
  @Get('packages')
  @ApiOkResponse({ type: CreditPackageListDto })
  async listCreditPackages(): Promise<CreditPackageListDto> {
    return { items: (await this.payments.listPackages()).map(CreditPackageDto.from) };
  }

  @Public()
  @Post('webhook')
  @HttpCode(200)
  @ApiBody({ type: TossWebhookDto })
  @ApiOkResponse({ type: WebhookResultDto })
  @ApiServiceUnavailableResponse({ description: 'The gateway could not be read; Toss retries' })
  handlePaymentWebhook(@Body() body: unknown): Promise<WebhookResultDto> {
    return this.payments.handleWebhook(body);
  }
}

@ApiTags('payments')
@ApiBearerAuth('bearer')
@ApiSecurity('apiKey')
@Controller('payments')
export class PaymentsController {
  constructor(private readonly payments: PaymentsService) {}

  @Post('orders')
  @ApiCreatedResponse({ type: PaymentOrderDto })
  @ApiNotFoundResponse({ description: 'PACKAGE_NOT_FOUND' })
  async createPaymentOrder(@CurrentUser() user: AuthUser, @Body() body: CreateOrderDto): Promise<PaymentOrderDto> {
    const order = await this.payments.createOrder(user.id, body.packageId);
    return PaymentOrderDto.from(order, this.payments.checkout, null);
  }

  @Get('orders/:orderId')
  @ApiOkResponse({ type: PaymentOrderDto })
  @ApiNotFoundResponse({ description: 'No such order of yours' })
  async getPaymentOrder(@CurrentUser() user: AuthUser, @Param('orderId') orderId: string): Promise<PaymentOrderDto> {
    const { order, payment } = await this.payments.getOrder(user.id, orderId);
    return PaymentOrderDto.from(order, this.payments.checkout, payment);
  }

  @Post('confirm')
  @HttpCode(200)
  @ApiOkResponse({ type: PaymentDto, description: 'Approved and credited; repeating the call returns the same payment' })
  @ApiBadRequestResponse({ description: 'AMOUNT_MISMATCH (nothing sent to the gateway), PAYMENT_REFUSED or VALIDATION_FAILED' })
  @ApiNotFoundResponse({ description: 'ORDER_NOT_FOUND' })
  @ApiConflictResponse({ description: 'ORDER_ALREADY_PAID with another payment' })
  @ApiServiceUnavailableResponse({ description: 'PAYMENT_OUTCOME_UNKNOWN: nothing granted; confirm again with the same body' })
  async confirmPayment(@CurrentUser() user: AuthUser, @Body() body: ConfirmPaymentDto): Promise<PaymentDto> {
    return PaymentDto.from(await this.payments.confirm(user.id, body));
  }

  @Get()
  @ApiOkResponse({ type: PaymentListDto })
  @ApiNotFoundResponse({ description: "A trader asked for another user's payments" })
  async listPayments(@CurrentUser() user: AuthUser, @Query() query: PaymentListQueryDto): Promise<PaymentListDto> {
    if (query.userId && query.userId !== user.id && !isStaff(user)) throw new AppException(404, 'NOT_FOUND', 'Payments not found');
    const page = await this.payments.listPayments(user.id, query.userId ?? user.id, query);
    return { items: page.items.map(PaymentDto.from), total: page.total };
  }

  @Post('sandbox/authorize')
  @HttpCode(200)
  @ApiOkResponse({ type: SandboxAuthorizationDto, description: 'What the Toss widget would hand back: confirm it next' })
  @ApiNotFoundResponse({ description: 'SANDBOX_DISABLED or ORDER_NOT_FOUND' })
  @ApiConflictResponse({ description: 'ALREADY_AUTHORIZED or ORDER_ALREADY_PAID' })
  authorizeSandboxPayment(@CurrentUser() user: AuthUser, @Body() body: SandboxAuthorizeDto): Promise<SandboxAuthorizationDto> {
    return this.payments.authorizeInSandbox(user.id, body.orderId);
  }
}
