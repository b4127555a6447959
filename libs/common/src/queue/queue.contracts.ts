/**
 * The one place that names queues, jobs and their payloads. Queue names are permanent:
 * renaming one strands every job already stored under the old name.
 */
export const QUEUE_NAMES = {
  backtests: 'backtests',
  refunds: 'refunds',
  maintenance: 'maintenance',
} as const;

export type QueueName = (typeof QUEUE_NAMES)[keyof typeof QUEUE_NAMES];

export interface BacktestRunJob {
  queue: 'backtests';
  name: 'backtest.run';
  data: { backtestId: string; userId: string };
}

export interface RefundProcessJob {
  queue: 'refunds';
  name: 'refund.process';
  data: { refundId: string };
}

export interface ReconcileBacktestsJob {
  queue: 'maintenance';
  name: 'backtests.reconcile';
  data: Record<string, never>;
}

export interface ReconcileRefundsJob {
  queue: 'maintenance';
  name: 'refunds.reconcile';
  data: Record<string, never>;
}

export interface RefreshLeaderboardJob {
  queue: 'maintenance';
  name: 'leaderboard.refresh';
  data: { reason: 'schedule' | 'completion' };
}

export type QueueJob =
  | BacktestRunJob
  | RefundProcessJob
  | ReconcileBacktestsJob
  | ReconcileRefundsJob
  | RefreshLeaderboardJob;

export type JobsOf<Q extends QueueName> = Extract<QueueJob, { queue: Q }>;
export type JobName<Q extends QueueName> = JobsOf<Q>['name'];
export type JobData<Q extends QueueName, N extends JobName<Q>> = Extract<JobsOf<Q>, { name: N }>['data'];

/** BullMQ priorities: a lower number runs first. */
export const PLAN_PRIORITY = { pro: 1, basic: 5, free: 10 } as const;
