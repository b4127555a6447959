import { Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiResponse,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Public, type AuthUser } from '@app/auth';
import { StrategyDto } from '@app/backtest';
import { ifNoneMatchSatisfied } from './etag';
import { LeaderboardPageDto, LeaderboardQueryDto, StrategyPerformanceDto } from './leaderboard.dto';
import { LeaderboardService } from './leaderboard.service';
import { StrategyCopyService } from './strategy-copy.service';
import { StrategyPerformanceService } from './strategy-performance.service';
import { strategyIdParam } from './strategy-id-param';

/**
 * The same for every caller (public strategies only), so shared caches may keep it briefly; the ETag
 * makes revalidation cheap after that.
 */
export const LEADERBOARD_CACHE_CONTROL = 'public, max-age=60';

/** Registered before the backtest module's StrategiesController, so that `leaderboard` is not taken for an `:id`. */
@ApiTags('leaderboard')
@ApiBearerAuth('bearer')
@ApiSecurity('apiKey')
@Controller('strategies')
export class LeaderboardController {
  constructor(
    private readonly leaderboard: LeaderboardService,
    private readonly performance: StrategyPerformanceService,
    private readonly copies: StrategyCopyService,
  ) {}

  @Get('leaderboard')
  @Public()
  @ApiOkResponse({ type: LeaderboardPageDto, description: 'Public strategies ranked by their distinct completed backtests; no authentication needed' })
  @ApiResponse({ status: 304, description: 'If-None-Match matched the current ETag' })
  @ApiHeader({ name: 'If-None-Match', required: false })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED with details.fields' })
  async getStrategyLeaderboard(
    @Query() query: LeaderboardQueryDto,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    const page = await this.leaderboard.getPage(query);
    res.setHeader('Cache-Control', LEADERBOARD_CACHE_CONTROL);
    res.setHeader('ETag', page.etag);
    if (ifNoneMatchSatisfied(ifNoneMatch, page.etag)) {
      res.status(304).end();
      return;
    }
    res.status(200).setHeader('Content-Type', 'application/json; charset=utf-8');
    res.send(page.bytes);
  }

  @Get(':id/performance')
  @ApiOkResponse({ type: StrategyPerformanceDto })
  @ApiNotFoundResponse({ description: "Unknown, or another user's private strategy" })
  getStrategyPerformance(@CurrentUser() user: AuthUser, @Param('id', strategyIdParam) id: string): Promise<StrategyPerformanceDto> {
    return this.performance.get(user.id, id);
  }

  @Post(':id/copy')
  @HttpCode(201)
  @ApiCreatedResponse({ type: StrategyDto, description: 'A private copy owned by the caller (copiedFrom set)' })
  @ApiNotFoundResponse({ description: "Unknown, or another user's private strategy" })
  async copyStrategy(@CurrentUser() user: AuthUser, @Param('id', strategyIdParam) id: string): Promise<StrategyDto> {
    return StrategyDto.from(await this.copies.copy(user.id, id));
  }
}

