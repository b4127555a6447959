import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { BACKTEST_STATUSES, type BacktestStatus } from '../backtests/backtest.entity';

export class QueueCountsDto {
  @ApiProperty({ description: 'Waiting to run (prioritized included)' }) waiting!: number;
  @ApiProperty() active!: number;
  @ApiProperty({ description: 'Kept in Redis (recent ones)' }) completed!: number;
  @ApiProperty({ description: 'Kept in Redis (recent ones)' }) failed!: number;
  @ApiProperty({ description: 'Waiting for a retry (backoff)' }) delayed!: number;
}

export class WaitingPerPlanDto {
  @ApiProperty() pro!: number;
  @ApiProperty() basic!: number;
  @ApiProperty() free!: number;
}

export class ThroughputDto {
  @ApiProperty({ description: 'Backtests completed in the last minute' }) lastMinute!: number;
  @ApiProperty({ description: 'Backtests completed in the last 5 minutes' }) last5Minutes!: number;
  @ApiProperty({ description: 'Per second over the last minute' }) perSecond1m!: number;
  @ApiProperty({ description: 'Per second over the last 5 minutes' }) perSecond5m!: number;
}

export class WaitStatsDto {
  @ApiProperty({ description: 'Jobs started in the last 5 minutes' }) samples!: number;
  @ApiProperty({ type: Number, nullable: true }) avgMs!: number | null;
  @ApiProperty({ type: Number, nullable: true }) p95Ms!: number | null;
}

export class QueueMetricsDto {
  @ApiProperty({ type: QueueCountsDto }) counts!: QueueCountsDto;
  @ApiProperty({ type: WaitingPerPlanDto }) waitingPerPlan!: WaitingPerPlanDto;
  @ApiProperty({ description: 'Worker connections on the backtests queue' }) workersOnline!: number;
  @ApiProperty({ type: ThroughputDto }) throughput!: ThroughputDto;
  @ApiProperty({ type: WaitStatsDto, description: 'Queue wait (submit → start), from Postgres' })
  wait!: WaitStatsDto;
  @ApiProperty() measuredAt!: Date;
}

export class QueueJobsQueryDto {
  @ApiPropertyOptional({
    minimum: 1,
    maximum: 200,
    default: 50,
    description: 'How many of the most recent finished jobs',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit: number = 50;
}

export class QueueJobDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ enum: BACKTEST_STATUSES }) status!: BacktestStatus;
  @ApiProperty() progress!: number;
  @ApiProperty({ type: String, nullable: true }) progressStep!: string | null;
  @ApiProperty() strategyName!: string;
  @ApiProperty() symbol!: string;
  @ApiProperty() timeframe!: string;
  @ApiProperty() plan!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ type: Date, nullable: true }) startedAt!: Date | null;
  @ApiProperty({ type: Date, nullable: true }) finishedAt!: Date | null;
  @ApiProperty({ type: Number, nullable: true }) queueWaitMs!: number | null;
  @ApiProperty({ type: Number, nullable: true }) returnPct!: number | null;
  @ApiProperty({ type: Number, nullable: true }) sharpe!: number | null;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
}

export class QueueJobsDto {
  @ApiProperty({ description: 'false for a trader: only their own jobs are listed' }) everyone!: boolean;
  @ApiProperty({ type: [QueueJobDto], description: 'Running now' }) active!: QueueJobDto[];
  @ApiProperty({ type: [QueueJobDto], description: 'Waiting, best priority first' }) waiting!: QueueJobDto[];
  @ApiProperty({ type: [QueueJobDto], description: 'Most recently finished first' }) recent!: QueueJobDto[];
}
