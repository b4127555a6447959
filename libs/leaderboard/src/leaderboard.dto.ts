import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { LEADERBOARD_DEFAULTS, LEADERBOARD_SORTS, SORT_ORDERS, type LeaderboardSort, type SortOrder } from './leaderboard-query';

export class LeaderboardQueryDto {
  @ApiPropertyOptional({ enum: LEADERBOARD_SORTS, default: LEADERBOARD_DEFAULTS.sortBy, description: 'Ties: more backtests first, then by strategy id' })
  @IsOptional()
  @IsIn(LEADERBOARD_SORTS)
  sortBy: LeaderboardSort = LEADERBOARD_DEFAULTS.sortBy;

  @ApiPropertyOptional({ enum: SORT_ORDERS, default: LEADERBOARD_DEFAULTS.order, description: 'Strategies without the metric come last either way' })
  @IsOptional()
  @IsIn(SORT_ORDERS)
  order: SortOrder = LEADERBOARD_DEFAULTS.order;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: LEADERBOARD_DEFAULTS.limit })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = LEADERBOARD_DEFAULTS.limit;

  @ApiPropertyOptional({ minimum: 0, default: LEADERBOARD_DEFAULTS.offset })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  offset: number = LEADERBOARD_DEFAULTS.offset;

  @ApiPropertyOptional({ minimum: 1, default: LEADERBOARD_DEFAULTS.minBacktests, description: 'Only strategies with at least this many distinct backtests' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  minBacktests: number = LEADERBOARD_DEFAULTS.minBacktests;

  @ApiPropertyOptional({ maxLength: 64, example: 'sma-cross', description: "A template id, or 'rules' for rule-based strategies" })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  template?: string;

  @ApiPropertyOptional({ maxLength: 32, example: 'AAPL', description: 'Only strategies backtested on this ticker (exact match)' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  symbol?: string;
}

export class LeaderboardEntryDto {
  @ApiProperty({ description: '1-based position in this sort and filter' }) rank!: number;
  @ApiProperty({ format: 'uuid' }) strategyId!: string;
  @ApiProperty() strategyName!: string;
  @ApiProperty({ description: "The author's display name" }) author!: string;
  @ApiProperty({ example: 'sma-cross', description: "Template id, or 'rules'" }) template!: string;
  @ApiProperty({ type: Number, nullable: true }) avgSharpe!: number | null;
  @ApiProperty({ type: Number, nullable: true }) medianSharpe!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Percent' }) avgCagr!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Percent' }) avgReturn!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Percent' }) avgMaxDrawdown!: number | null;
  @ApiProperty({ description: 'Distinct backtests (same strategy, parameters, symbol and range count once)' }) backtestCount!: number;
  @ApiProperty({ type: [String] }) symbols!: string[];
  @ApiProperty({ description: 'Share of the backtests with a positive return, 0..1' }) consistency!: number;
  @ApiProperty() copyCount!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastRunAt!: string | null;
}

export class LeaderboardPaginationDto {
  @ApiProperty() total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
  @ApiProperty() hasMore!: boolean;
}

export class LeaderboardPageDto {
  @ApiProperty({ type: [LeaderboardEntryDto] }) strategies!: LeaderboardEntryDto[];
  @ApiProperty({ type: LeaderboardPaginationDto }) pagination!: LeaderboardPaginationDto;
}

export class SymbolPerformanceDto {
  @ApiProperty() symbol!: string;
  @ApiProperty() backtestCount!: number;
  @ApiProperty({ type: Number, nullable: true }) avgSharpe!: number | null;
  @ApiProperty({ type: Number, nullable: true }) avgReturn!: number | null;
  @ApiProperty({ type: Number, nullable: true }) avgCagr!: number | null;
  @ApiProperty({ type: Number, nullable: true }) avgMaxDrawdown!: number | null;
}

export class RecentBacktestDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() symbol!: string;
  @ApiProperty() timeframe!: string;
  @ApiProperty({ type: String, format: 'date-time' }) periodFrom!: string;
  @ApiProperty({ type: String, format: 'date-time' }) periodTo!: string;
  @ApiProperty({ type: Number, nullable: true }) returnPct!: number | null;
  @ApiProperty({ type: Number, nullable: true }) sharpe!: number | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt!: string | null;
}

export class StrategyPerformanceDto {
  @ApiProperty({ format: 'uuid' }) strategyId!: string;
  @ApiProperty() strategyName!: string;
  @ApiProperty() author!: string;
  @ApiProperty({ enum: ['private', 'public'] }) visibility!: 'private' | 'public';
  @ApiProperty() template!: string;
  @ApiProperty({ description: 'Distinct completed backtests (duplicates count once), computed live' }) backtestCount!: number;
  @ApiProperty({ type: [SymbolPerformanceDto], description: 'Per symbol, most backtests first' }) symbols!: SymbolPerformanceDto[];
  @ApiProperty({ type: [RecentBacktestDto], description: 'The latest distinct completed backtests, newest first' })
  recentBacktests!: RecentBacktestDto[];
}

export class LeaderboardRefreshResultDto {
  @ApiProperty({ enum: ['refreshed', 'skipped'], description: 'skipped: another refresh was running (it will run once more to include this request)' })
  status!: 'refreshed' | 'skipped';
  @ApiProperty({ description: 'The cache version after the call' }) version!: number;
  @ApiPropertyOptional() durationMs?: number;
  @ApiPropertyOptional({ enum: ['in_progress'] }) reason?: 'in_progress';
}
