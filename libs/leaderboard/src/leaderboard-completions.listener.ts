import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { QueueEvents, type Queue } from 'bullmq';
import { APP_CONFIG, QUEUE_NAMES, bullConnection, type AppConfig, type JobData } from '@app/common';
import type { BacktestJobOutcome } from '@app/backtest';
import { debouncedRefreshSlot } from './refresh-debounce';

/**
 * Listens to the `backtests` queue's completions (no hook in the pipeline's code) and schedules a
 * debounced `leaderboard.refresh` on the maintenance queue. Every worker process listens; the shared
 * job id of the debounce window makes their adds one job.
 */
@Injectable()
export class LeaderboardCompletionsListener implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(LeaderboardCompletionsListener.name);
  private events?: QueueEvents;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectQueue(QUEUE_NAMES.maintenance) private readonly maintenance: Queue,
  ) {}

  onModuleInit(): void {
    const events = new QueueEvents(QUEUE_NAMES.backtests, {
      connection: bullConnection(this.config.REDIS_URL),
      prefix: this.config.REDIS_PREFIX,
      blockingTimeout: 5000,
    });
    events.on('error', (error: Error) => this.logger.warn(`backtest events: ${error.message}`));
    events.on('completed', ({ returnvalue }) => void this.onCompleted(returnvalue as unknown as BacktestJobOutcome | string));
    this.events = events;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.events?.close().catch(() => undefined);
  }

  private async onCompleted(raw: BacktestJobOutcome | string): Promise<void> {
    try {
      const outcome = typeof raw === 'string' ? (JSON.parse(raw) as BacktestJobOutcome) : raw;
      if (outcome?.outcome !== 'completed') return;
      await this.scheduleRefresh();
    } catch (error) {
      this.logger.warn(`could not schedule a leaderboard refresh: ${(error as Error).message} (the schedule will catch up)`);
    }
  }

  async scheduleRefresh(now = Date.now()): Promise<void> {
    const slot = debouncedRefreshSlot(now, this.config.LEADERBOARD_REFRESH_DEBOUNCE_SECONDS);
    const data: JobData<'maintenance', 'leaderboard.refresh'> = { reason: 'completion' };
    await this.maintenance.add('leaderboard.refresh', data, {
      jobId: slot.jobId,
      delay: slot.delayMs,
      removeOnComplete: 100,
      removeOnFail: 100,
    });
  }
}
