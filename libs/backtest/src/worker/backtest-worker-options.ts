import type { WorkerOptions } from 'bullmq';
import { loadConfig } from '@app/common';

/**
 * Worker options read when the worker is created (at bootstrap), not when this file is imported:
 * @Processor stores this object and @nestjs/bullmq spreads it, which evaluates the getters then.
 * A SIGKILLed worker's job is picked up again after the lock expires (lockDuration) and the next
 * stalled check runs (stalledInterval): about 10 s + 5 s with the defaults.
 */
export function backtestWorkerOptions(): Partial<WorkerOptions> {
  return {
    get concurrency() {
      return loadConfig().WORKER_CONCURRENCY;
    },
    get lockDuration() {
      return loadConfig().BACKTEST_LOCK_DURATION_MS;
    },
    get stalledInterval() {
      return loadConfig().BACKTEST_STALLED_INTERVAL_MS;
    },
    get maxStalledCount() {
      return loadConfig().BACKTEST_MAX_STALLED_COUNT;
    },
  };
}
