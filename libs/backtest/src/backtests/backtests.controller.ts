import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPaymentRequiredResponse,
  ApiSecurity,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { AppException } from '@app/common';
import { CurrentUser, type AuthUser } from '@app/auth';
import { uuidParam } from '../uuid-param';
import {
  BacktestDto,
  BacktestListQueryDto,
  BacktestPageDto,
  BacktestQuoteDto,
  BacktestQuoteQueryDto,
  BacktestResultDto,
  SubmitBacktestDto,
} from './backtests.dto';
import { BacktestsService, backtestNotFound } from './backtests.service';

function checkIdempotencyKey(key: string | undefined): string | undefined {
  if (key === undefined) return undefined;
  const trimmed = key.trim();
  if (trimmed.length === 0 || trimmed.length > 200) {
    throw new AppException(400, 'INVALID_IDEMPOTENCY_KEY', 'Idempotency-Key must be 1-200 characters');
  }
  return trimmed;
}

@ApiTags('backtests')
@ApiBearerAuth('bearer')
@ApiSecurity('apiKey')
@Controller('backtests')
export class BacktestsController {
  constructor(private readonly backtests: BacktestsService) {}

  @Get('quote')
  @ApiOkResponse({
    type: BacktestQuoteDto,
    description: '3 credits for a range of up to 365 days, 10 for a longer one',
  })
  quoteBacktest(
    @CurrentUser() user: AuthUser,
    @Query() query: BacktestQuoteQueryDto,
  ): Promise<BacktestQuoteDto> {
    return this.backtests.quote(user, query);
  }

  @Post()
  @HttpCode(202)
  @ApiHeader({
    name: 'idempotency-key',
    required: false,
    description:
      'A retry with the same key and body returns the same job and charges nothing; the same key with a different body answers 422 IDEMPOTENCY_KEY_REUSED',
  })
  @ApiAcceptedResponse({ type: BacktestDto, description: 'Charged, recorded and queued (status pending)' })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED with details.fields' })
  @ApiPaymentRequiredResponse({
    description: 'INSUFFICIENT_CREDITS with details { balance, required, cost }; nothing written',
  })
  @ApiUnprocessableEntityResponse({
    description:
      'SYMBOL_NOT_FOUND, RANGE_OUTSIDE_HISTORY, NOT_ENOUGH_BARS, STRATEGY_NOT_FOUND, TIMEFRAME_UNAVAILABLE; IDEMPOTENCY_KEY_REUSED (the key was used with a different body; nothing charged)',
  })
  async submitBacktest(
    @CurrentUser() user: AuthUser,
    @Body() body: SubmitBacktestDto,
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<BacktestDto> {
    const { backtest } = await this.backtests.submit(user, body, checkIdempotencyKey(idempotencyKey));
    return BacktestDto.from(backtest);
  }

  @Get()
  @ApiOkResponse({ type: BacktestPageDto, description: "The caller's backtests (support/admin: `userId`'s)" })
  @ApiNotFoundResponse({ description: "A trader naming another user's id" })
  async listBacktests(
    @CurrentUser() user: AuthUser,
    @Query() query: BacktestListQueryDto,
  ): Promise<BacktestPageDto> {
    const page = await this.backtests.list(user, query);
    return {
      items: page.items.map((b) => BacktestDto.from(b)),
      total: page.total,
      limit: query.limit,
      offset: query.offset,
    };
  }

  @Get(':id')
  @ApiOkResponse({ type: BacktestDto, description: 'Support/admin may read any job' })
  @ApiNotFoundResponse({ description: "Unknown, or another user's backtest" })
  async getBacktest(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidParam(backtestNotFound)) id: string,
  ): Promise<BacktestDto> {
    const { backtest, queuePosition } = await this.backtests.get(user, id);
    return BacktestDto.from(backtest, queuePosition);
  }

  @Get(':id/result')
  @ApiOkResponse({ type: BacktestResultDto })
  @ApiNotFoundResponse({ description: "Unknown, or another user's backtest" })
  @ApiConflictResponse({ description: 'BACKTEST_NOT_COMPLETED' })
  async getBacktestResult(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidParam(backtestNotFound)) id: string,
  ): Promise<BacktestResultDto> {
    const r = await this.backtests.getResult(user, id);
    return {
      backtestId: r.backtestId,
      equity: r.equity,
      drawdown: r.drawdown,
      trades: r.trades,
      openTrade: r.openTrade,
      info: r.info,
    };
  }

  @Delete(':id')
  @ApiOkResponse({
    type: BacktestDto,
    description:
      'A waiting job comes back `canceled` (refunded); a running one comes back with `cancelRequestedAt` and stops at its next step',
  })
  @ApiNotFoundResponse({ description: "Unknown, or another user's backtest" })
  @ApiConflictResponse({ description: 'BACKTEST_FINISHED: it already completed, failed or was canceled' })
  async cancelBacktest(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidParam(backtestNotFound)) id: string,
  ): Promise<BacktestDto> {
    return BacktestDto.from(await this.backtests.cancel(user, id));
  }
}
