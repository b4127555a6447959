import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiPaymentRequiredResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { AppException } from '@app/common';
// Leaf files, not '@app/auth': the auth module imports this library.
import { CurrentUser, Roles } from '../../auth/src/auth.decorators';
import { isStaff, type AuthUser } from '../../auth/src/auth.types';
import { AdjustCreditsDto, CreditAdjustmentDto, CreditBalanceDto, CreditLedgerEntryDto, CreditLedgerPageDto, LedgerQueryDto } from './credits.dto';
import { CreditsService } from './credits.service';

/** A trader sees only their own credits; staff may name a user. Another user's data answers 404 to a trader. */
function whose(user: AuthUser, userId: string | undefined): string {
  if (!userId || userId === user.id) return user.id;
  if (isStaff(user)) return userId;
  throw new AppException(404, 'NOT_FOUND', 'Ledger not found');
}

@ApiTags('credits')
@ApiBearerAuth('bearer')
@ApiSecurity('apiKey')
@Controller('credits')
export class CreditsController {
  constructor(private readonly credits: CreditsService) {}

  @Get()
  @ApiOkResponse({ type: CreditBalanceDto })
  async getCreditBalance(@CurrentUser() user: AuthUser): Promise<CreditBalanceDto> {
    return { balance: await this.credits.getBalance(user.id) };
  }

  @Get('ledger')
  @ApiOkResponse({ type: CreditLedgerPageDto })
  @ApiNotFoundResponse({ description: "A trader asked for another user's ledger" })
  async listCreditLedger(@CurrentUser() user: AuthUser, @Query() query: LedgerQueryDto): Promise<CreditLedgerPageDto> {
    const page = await this.credits.listLedger(user.id, whose(user, query.userId), query);
    return { items: page.items.map(CreditLedgerEntryDto.from), total: page.total, limit: query.limit, offset: query.offset };
  }
}

@ApiTags('admin')
@ApiBearerAuth('bearer')
@ApiSecurity('apiKey')
@Controller('admin/users')
export class AdminCreditsController {
  constructor(private readonly credits: CreditsService) {}

  @Post(':id/credits')
  @HttpCode(200)
  @Roles('admin')
  @ApiOkResponse({ type: CreditAdjustmentDto })
  @ApiForbiddenResponse({ description: 'Admins only' })
  @ApiNotFoundResponse({ description: 'No such user' })
  @ApiPaymentRequiredResponse({ description: 'A negative adjustment larger than the balance' })
  async adjustUserCredits(
    @CurrentUser() admin: AuthUser,
    @Param('id', new ParseUUIDPipe({ exceptionFactory: () => new AppException(404, 'USER_NOT_FOUND', 'User not found') })) userId: string,
    @Body() body: AdjustCreditsDto,
  ): Promise<CreditAdjustmentDto> {
    const result = await this.credits.adjust({
      userId,
      amount: body.amount,
      note: body.reason,
      actorId: admin.id,
      idempotencyKey: body.idempotencyKey ? `admin_adjustment:${userId}:${body.idempotencyKey}` : undefined,
    });
    return { balance: result.balance, entry: CreditLedgerEntryDto.from(result.entry!), replayed: result.replayed };
  }
}
