import { Inject, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { BullModule, InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { APP_CONFIG, QUEUE_NAMES, type AppConfig, type JobData } from '@app/common';
import { LeaderboardCompletionsListener } from './leaderboard-completions.listener';
import { LeaderboardRefresher } from './leaderboard-refresher.service';

export const LEADERBOARD_SCHEDULER_ID = 'leaderboard.refresh';

/**
 * The worker side: the periodic refresh (a job scheduler on `maintenance`, so one run per interval
 * across all workers), the debounced refresh after completions, and the refresher that the worker
 * app's MaintenanceProcessor calls for `leaderboard.refresh` jobs.
 */
@Module({
  imports: [BullModule.registerQueue({ name: QUEUE_NAMES.maintenance })],
  providers: [LeaderboardRefresher, LeaderboardCompletionsListener],
  exports: [LeaderboardRefresher],
})
export class LeaderboardWorkerModule implements OnApplicationBootstrap {
  private readonly logger = new Logger(LeaderboardWorkerModule.name);

  constructor(
    @InjectQueue(QUEUE_NAMES.maintenance) private readonly maintenance: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const data: JobData<'maintenance', 'leaderboard.refresh'> = { reason: 'schedule' };
    try {
      await this.maintenance.upsertJobScheduler(
        LEADERBOARD_SCHEDULER_ID,
        { every: this.config.LEADERBOARD_REFRESH_INTERVAL_SECONDS * 1000 },
        { name: 'leaderboard.refresh', data, opts: { removeOnComplete: 100, removeOnFail: 100 } },
      );
    } catch (error) {
      this.logger.warn(`could not schedule the leaderboard refresh: ${(error as Error).message}`);
    }
  }
}
