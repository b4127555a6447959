import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { PageQueryDto } from '@app/common';
import type { BacktestMetrics, DisplaySeries, OpenTradeRecord, StrategySpec, TradeRecord } from '@app/engine';
import { SUPPORTED_TIMEFRAMES } from '@app/market-data';
import { IsStrategySpec } from '../strategies/strategy-spec.validator';
import {
  BACKTEST_STATUSES,
  type BacktestEntity,
  type BacktestStatus,
  type FrozenBacktestOptions,
} from './backtest.entity';

export class SubmitBacktestDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'A saved strategy (yours or a public one). Give this or `strategy`.',
  })
  @ValidateIf((o: SubmitBacktestDto) => o.strategy === undefined || o.strategyId !== undefined)
  @IsUUID('all', { message: 'strategyId must be a UUID (give strategyId or an inline strategy)' })
  strategyId?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description:
      "An inline engine spec instead of a saved strategy: `{ kind: 'template', template, params }` or `{ kind: 'rules', rules }`",
    example: { kind: 'template', template: 'sma-cross', params: { fast: 10, slow: 30 } },
  })
  @ValidateIf((o: SubmitBacktestDto) => o.strategy !== undefined)
  @IsStrategySpec()
  strategy?: Record<string, unknown>;

  @ApiProperty({
    description: 'A ticker (your own dataset wins over a public one) or a market-data symbol id',
    example: 'SPY',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  symbol!: string;

  @ApiPropertyOptional({
    enum: SUPPORTED_TIMEFRAMES,
    default: '1d',
    description: 'Coarser than the stored data is resampled',
  })
  @IsOptional()
  @IsIn(SUPPORTED_TIMEFRAMES)
  timeframe: string = '1d';

  @ApiProperty({ description: 'Start of the range (ISO 8601, inclusive)', example: '2015-01-01' })
  @IsISO8601({ strict: true })
  from!: string;

  @ApiProperty({ description: 'End of the range (ISO 8601, inclusive)', example: '2020-12-31' })
  @IsISO8601({ strict: true })
  to!: string;

  @ApiPropertyOptional({ default: 10_000, description: 'Starting cash' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(1)
  @Max(1e12)
  cash: number = 10_000;

  @ApiPropertyOptional({ default: 0, description: 'Relative commission per fill, e.g. 0.002 for 0.2 %' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(0.0999)
  commission: number = 0;

  @ApiPropertyOptional({ default: 0, description: 'Relative bid-ask spread (worsens entries)' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(0.5)
  spread: number = 0;

  @ApiPropertyOptional({ default: false, description: 'Close trades still open after the last bar' })
  @IsOptional()
  @IsBoolean()
  finalize: boolean = false;

  @ApiPropertyOptional({
    default: false,
    description: "Fill at the signal bar's Close instead of the next Open",
  })
  @IsOptional()
  @IsBoolean()
  tradeOnClose: boolean = false;

  @ApiPropertyOptional({ default: false, description: 'Allow fractional position sizes (crypto)' })
  @IsOptional()
  @IsBoolean()
  fractional: boolean = false;
}

export class BacktestQuoteQueryDto {
  @ApiProperty({ example: '2015-01-01' })
  @IsISO8601({ strict: true })
  from!: string;

  @ApiProperty({ example: '2020-12-31' })
  @IsISO8601({ strict: true })
  to!: string;

  @ApiPropertyOptional({
    description: 'Not needed for the price; accepted so a form can send its whole state',
    example: 'SPY',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  symbol?: string;

  @ApiPropertyOptional({ enum: SUPPORTED_TIMEFRAMES })
  @IsOptional()
  @IsIn(SUPPORTED_TIMEFRAMES)
  timeframe?: string;
}

export class BacktestQuoteDto {
  @ApiProperty({ description: 'Credits this backtest would cost', example: 3 }) cost!: number;
  @ApiProperty({ description: "The caller's credit balance", example: 10 }) balance!: number;
  @ApiProperty({ description: 'balance >= cost' }) sufficient!: boolean;
  @ApiProperty({ description: 'Length of the range in days', example: 365 }) days!: number;
}

export const BACKTEST_SORTS = ['created', 'return', 'sharpe'] as const;
export type BacktestSort = (typeof BACKTEST_SORTS)[number];

export class BacktestListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: BACKTEST_STATUSES })
  @IsOptional()
  @IsIn(BACKTEST_STATUSES)
  status?: BacktestStatus;

  @ApiPropertyOptional({ description: 'Ticker', example: 'SPY' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  symbol?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  strategyId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: "Support/admin only: whose backtests (default: the caller). Another user's id answers 404 to a trader.",
  })
  @IsOptional()
  @IsUUID()
  userId?: string;

  @ApiPropertyOptional({ enum: BACKTEST_SORTS, default: 'created' })
  @IsOptional()
  @IsIn(BACKTEST_SORTS)
  sort: BacktestSort = 'created';

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'desc' })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order: 'asc' | 'desc' = 'desc';
}

export class BacktestOptionsDto {
  @ApiProperty() cash!: number;
  @ApiProperty() commission!: number;
  @ApiProperty() spread!: number;
  @ApiProperty() finalize!: boolean;
  @ApiProperty() tradeOnClose!: boolean;
  @ApiProperty() fractional!: boolean;
}

export class BacktestDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ enum: BACKTEST_STATUSES }) status!: BacktestStatus;
  @ApiProperty({ minimum: 0, maximum: 100 }) progress!: number;
  @ApiProperty({ type: String, nullable: true, example: 'simulating' }) progressStep!: string | null;
  @ApiPropertyOptional({ description: 'While pending: 1 = next to run (jobs of a better plan go first)' })
  queuePosition?: number;
  @ApiProperty({ description: 'Runs started so far' }) attempts!: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) strategyId!: string | null;
  @ApiProperty() strategyName!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'Frozen copy of the spec with its parameters',
  })
  strategySpec!: StrategySpec;
  @ApiProperty({ type: BacktestOptionsDto }) options!: FrozenBacktestOptions;
  @ApiProperty({ format: 'uuid' }) symbolId!: string;
  @ApiProperty({ example: 'SPY' }) symbol!: string;
  @ApiProperty({ example: '1d' }) timeframe!: string;
  @ApiProperty() from!: Date;
  @ApiProperty() to!: Date;
  @ApiProperty({ enum: ['free', 'basic', 'pro'] }) plan!: string;
  @ApiProperty({ description: 'Credits charged' }) cost!: number;
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ type: Date, nullable: true }) startedAt!: Date | null;
  @ApiProperty({ type: Date, nullable: true }) finishedAt!: Date | null;
  @ApiProperty({ type: Number, nullable: true, description: 'From submit to the first start' }) queueWaitMs!:
    number | null;
  @ApiProperty({ type: Date, nullable: true, description: 'Set when a cancel was asked while the job ran' })
  cancelRequestedAt!: Date | null;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
  @ApiProperty({ type: String, nullable: true }) errorCode!: string | null;
  @ApiProperty({ type: Number, nullable: true }) returnPct!: number | null;
  @ApiProperty({ type: Number, nullable: true }) sharpe!: number | null;
  @ApiProperty({ type: Number, nullable: true }) cagrPct!: number | null;
  @ApiProperty({ type: Number, nullable: true }) maxDrawdownPct!: number | null;
  @ApiProperty({ type: Number, nullable: true }) tradeCount!: number | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'Every engine statistic (null where undefined)',
  })
  metrics!: BacktestMetrics | null;

  static from(e: BacktestEntity, queuePosition?: number): BacktestDto {
    const dto: BacktestDto = {
      id: e.id,
      userId: e.userId,
      status: e.status,
      progress: e.progress,
      progressStep: e.progressStep,
      attempts: e.attempts,
      strategyId: e.strategyId,
      strategyName: e.strategyName,
      strategySpec: e.strategySpec,
      options: e.options,
      symbolId: e.symbolId,
      symbol: e.symbol,
      timeframe: e.timeframe,
      from: e.periodFrom,
      to: e.periodTo,
      plan: e.plan,
      cost: e.cost,
      createdAt: e.createdAt,
      startedAt: e.startedAt,
      finishedAt: e.finishedAt,
      queueWaitMs: e.queueWaitMs,
      cancelRequestedAt: e.cancelRequestedAt,
      error: e.error,
      errorCode: e.errorCode,
      returnPct: e.returnPct,
      sharpe: e.sharpe,
      cagrPct: e.cagrPct,
      maxDrawdownPct: e.maxDrawdownPct,
      tradeCount: e.tradeCount,
      metrics: e.metrics,
    };
    if (queuePosition !== undefined) dto.queuePosition = queuePosition;
    return dto;
  }
}

export class BacktestPageDto {
  @ApiProperty({ type: [BacktestDto] }) items!: BacktestDto[];
  @ApiProperty() total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
}

export class DisplaySeriesDto {
  @ApiProperty({ type: [Number], description: 'Epoch ms' }) t!: number[];
  @ApiProperty({ type: [Number] }) v!: number[];
}

export class TradeDto {
  @ApiProperty() entryTime!: number;
  @ApiProperty() exitTime!: number;
  @ApiProperty() entryBar!: number;
  @ApiProperty() exitBar!: number;
  @ApiProperty() entryPrice!: number;
  @ApiProperty() exitPrice!: number;
  @ApiProperty({ description: 'Negative for shorts' }) size!: number;
  @ApiProperty() pnl!: number;
  @ApiProperty() returnPct!: number;
  @ApiProperty() commission!: number;
}

export class OpenTradeDto {
  @ApiProperty() entryTime!: number;
  @ApiProperty() entryBar!: number;
  @ApiProperty() entryPrice!: number;
  @ApiProperty() size!: number;
  @ApiProperty() pnl!: number;
}

export class BacktestResultDto {
  @ApiProperty({ format: 'uuid' }) backtestId!: string;
  @ApiProperty({ type: DisplaySeriesDto, description: 'Equity at each Close, downsampled keeping extremes' })
  equity!: DisplaySeries;
  @ApiProperty({ type: DisplaySeriesDto, description: 'Drawdown in percent (≤ 0), downsampled' })
  drawdown!: DisplaySeries;
  @ApiProperty({ type: [TradeDto] }) trades!: TradeRecord[];
  @ApiProperty({ type: OpenTradeDto, nullable: true }) openTrade!: OpenTradeRecord | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) info!: Record<string, unknown>;
}
