import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { PLAN_PRIORITY } from '@app/common';
import { isStaff, type AuthUser } from '@app/auth';
import { BacktestQueue } from '../backtests/backtest-queue';
import type { QueueJobDto, QueueJobsDto, QueueMetricsDto } from './queue-dashboard.dto';

const JOB_COLUMNS = `id, user_id AS "userId", status, progress, progress_step AS "progressStep", strategy_name AS "strategyName",
  symbol, timeframe, plan, attempts, created_at AS "createdAt", started_at AS "startedAt", finished_at AS "finishedAt",
  queue_wait_ms AS "queueWaitMs", return_pct AS "returnPct", sharpe, error`;

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Queue health for the dashboard: live counts from BullMQ, rates and waits from Postgres. */
@Injectable()
export class QueueDashboardService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly backtests: BacktestQueue,
  ) {}

  async metrics(): Promise<QueueMetricsDto> {
    const queue = this.backtests.queue;
    const [counts, perPriority, workersOnline, [stats]] = await Promise.all([
      queue.getJobCounts('waiting', 'prioritized', 'active', 'completed', 'failed', 'delayed'),
      queue.getCountsPerPriority([PLAN_PRIORITY.pro, PLAN_PRIORITY.basic, PLAN_PRIORITY.free]),
      queue.getWorkersCount(),
      this.dataSource.query(
        `SELECT
           count(*) FILTER (WHERE status = 'completed' AND finished_at > now() - interval '1 minute')::int AS done1,
           count(*) FILTER (WHERE status = 'completed' AND finished_at > now() - interval '5 minutes')::int AS done5,
           (SELECT count(*)::int FROM backtests WHERE started_at > now() - interval '5 minutes' AND queue_wait_ms IS NOT NULL) AS samples,
           (SELECT avg(queue_wait_ms)::float FROM backtests WHERE started_at > now() - interval '5 minutes') AS avg_wait,
           (SELECT percentile_cont(0.95) WITHIN GROUP (ORDER BY queue_wait_ms)::float FROM backtests
             WHERE started_at > now() - interval '5 minutes') AS p95_wait
         FROM backtests WHERE finished_at > now() - interval '5 minutes'`,
      ),
    ]);
    return {
      counts: {
        waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
        active: counts.active ?? 0,
        completed: counts.completed ?? 0,
        failed: counts.failed ?? 0,
        delayed: counts.delayed ?? 0,
      },
      waitingPerPlan: {
        pro: perPriority[String(PLAN_PRIORITY.pro)] ?? 0,
        basic: perPriority[String(PLAN_PRIORITY.basic)] ?? 0,
        free: perPriority[String(PLAN_PRIORITY.free)] ?? 0,
      },
      workersOnline,
      throughput: {
        lastMinute: stats.done1,
        last5Minutes: stats.done5,
        perSecond1m: round(stats.done1 / 60, 3),
        perSecond5m: round(stats.done5 / 300, 3),
      },
      wait: {
        samples: stats.samples,
        avgMs: stats.avg_wait === null ? null : Math.round(stats.avg_wait),
        p95Ms: stats.p95_wait === null ? null : Math.round(stats.p95_wait),
      },
      measuredAt: new Date(),
    };
  }

  /** Staff see every job; a trader sees their own. */
  async jobs(user: AuthUser, limit: number): Promise<QueueJobsDto> {
    const everyone = isStaff(user);
    const who = everyone ? '' : 'AND user_id = $1';
    const params = everyone ? [] : [user.id];
    const [active, waiting, recent] = await Promise.all([
      this.dataSource.query(
        `SELECT ${JOB_COLUMNS} FROM backtests WHERE status = 'active' ${who} ORDER BY started_at LIMIT 200`,
        params,
      ),
      this.dataSource.query(
        `SELECT ${JOB_COLUMNS} FROM backtests WHERE status = 'pending' ${who} ORDER BY priority, created_at LIMIT 200`,
        params,
      ),
      this.dataSource.query(
        `SELECT ${JOB_COLUMNS} FROM backtests WHERE finished_at IS NOT NULL ${who} ORDER BY finished_at DESC LIMIT ${Number(limit)}`,
        params,
      ),
    ]);
    return {
      everyone,
      active: active as QueueJobDto[],
      waiting: waiting as QueueJobDto[],
      recent: recent as QueueJobDto[],
    };
  }
}
