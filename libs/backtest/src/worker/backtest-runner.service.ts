import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { UnrecoverableError, type Job } from 'bullmq';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@app/common';
import {
  BacktestCancelledError,
  EngineError,
  runBacktest,
  type BacktestResult,
  type StrategySpec,
} from '@app/engine';
import { MarketDataLoader } from '@app/market-data';
import type {
  BacktestJobOutcome,
  BacktestHeadlineMetrics,
  BacktestProgressStep,
} from '../events/backtest-events';
import { BacktestQueue, type BacktestRunData } from '../backtests/backtest-queue';
import { BacktestSettlement } from '../backtests/backtest-settlement.service';
import type { FrozenBacktestOptions } from '../backtests/backtest.entity';
import { CancelFlags } from '../backtests/cancel-flags';
import { returning } from '../backtests/sql';

interface RunnableRow {
  user_id: string;
  symbol_id: string;
  symbol: string;
  timeframe: string;
  period_from: Date;
  period_to: Date;
  strategy_spec: StrategySpec;
  options: FrozenBacktestOptions;
  cancel_requested_at: Date | null;
}

/** Engine errors are about the input, so a retry would fail the same way. */
const DETERMINISTIC = new Set([
  'INVALID_SERIES',
  'UNKNOWN_STRATEGY',
  'UNKNOWN_PARAMETER',
  'INVALID_PARAMETER',
  'INVALID_RULES',
  'INVALID_OPTIONS',
  'TOO_FEW_BARS',
]);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function headline(result: BacktestResult): BacktestHeadlineMetrics {
  const m = result.metrics;
  return { returnPct: m.returnPct, sharpe: m.sharpe, cagrPct: m.cagrPct, maxDrawdownPct: m.maxDrawdownPct };
}

/**
 * Runs one backtest job. Idempotent: the start, every progress write and the completion are
 * conditional on the row's status, the result is keyed by the backtest id, and the charge was made at
 * submit, so a re-run after a crashed worker neither writes twice nor charges twice. Writes per job:
 * start, progress 10, progress 80, and one statement that stores the result and completes the row.
 */
@Injectable()
export class BacktestRunner {
  private readonly logger = new Logger(BacktestRunner.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly loader: MarketDataLoader,
    private readonly settlement: BacktestSettlement,
    private readonly cancelFlags: CancelFlags,
    private readonly queue: BacktestQueue,
  ) {}

  async run(job: Job<BacktestRunData>): Promise<BacktestJobOutcome> {
    const { backtestId, userId } = job.data;
    const row = await this.start(backtestId);
    if (!row) return { outcome: 'skipped', userId, reason: 'the backtest is not pending or active' };
    if (row.cancel_requested_at !== null || (await this.cancelFlags.isRequested(backtestId)))
      return this.cancel(backtestId, userId);

    try {
      const data = await this.loader.load({
        symbolId: row.symbol_id,
        ownerId: row.user_id,
        timeframe: row.timeframe,
        from: row.period_from.getTime(),
        to: row.period_to.getTime(),
      });
      await this.progress(job, 10, 'data_loaded', true);
      if (await this.pauseForTests(backtestId)) return this.cancel(backtestId, userId);
      this.failForTests(row.symbol);

      // The engine is synchronous: collect its steps, then publish them (one DB write for all three).
      const steps: Array<{ pct: number; step: string }> = [];
      const result = runBacktest(
        data.series,
        row.strategy_spec,
        { ...row.options },
        { onProgress: (pct, step) => steps.push({ pct, step }) },
      );
      for (const s of steps) await this.progress(job, s.pct, s.step as BacktestProgressStep, s.pct === 80);
      if (await this.cancelFlags.isRequested(backtestId)) return this.cancel(backtestId, userId);

      if (!(await this.complete(backtestId, result))) {
        // A cancel accepted after the flag check above wins: the caller was told it is being canceled.
        if (await this.cancelAccepted(backtestId)) return this.cancel(backtestId, userId);
        return { outcome: 'skipped', userId, reason: 'finished elsewhere meanwhile' };
      }
      await this.progress(job, 100, 'saved', false);
      return { outcome: 'completed', userId, metrics: headline(result), emittedAt: Date.now() };
    } catch (error) {
      if (error instanceof BacktestCancelledError) return this.cancel(backtestId, userId);
      return this.handleFailure(job, error);
    }
  }

  /** Claims the row: pending (or active after a crashed worker) → active. Null when it is finished. */
  private async start(id: string): Promise<RunnableRow | null> {
    const [row] = await returning<RunnableRow>(
      this.dataSource.manager,
      `UPDATE backtests
          SET status = 'active', attempts = attempts + 1, progress = 0, progress_step = NULL, updated_at = now(),
              started_at = COALESCE(started_at, now()),
              queue_wait_ms = COALESCE(queue_wait_ms, (EXTRACT(EPOCH FROM (now() - created_at)) * 1000)::int)
        WHERE id = $1 AND status IN ('pending', 'active')
        RETURNING user_id, symbol_id, symbol, timeframe, period_from, period_to, strategy_spec, options, cancel_requested_at`,
      [id],
    );
    return row ?? null;
  }

  private async progress(
    job: Job<BacktestRunData>,
    pct: number,
    step: BacktestProgressStep,
    persist: boolean,
  ): Promise<void> {
    await job.updateProgress({ pct, step, emittedAt: Date.now(), userId: job.data.userId });
    if (!persist) return;
    await this.dataSource.query(
      `UPDATE backtests SET progress = $2, progress_step = $3 WHERE id = $1 AND status = 'active' AND progress < $2`,
      [job.data.backtestId, pct, step],
    );
  }

  private async cancelAccepted(id: string): Promise<boolean> {
    const [row] = (await this.dataSource.query(
      `SELECT 1 FROM backtests WHERE id = $1 AND status = 'active' AND cancel_requested_at IS NOT NULL`,
      [id],
    )) as unknown[];
    return row !== undefined;
  }

  /**
   * Stores the result and completes the row in one statement; false when the row was no longer active
   * or a cancel was accepted for it (the API records cancel_requested_at only while the row is active).
   */
  private async complete(id: string, result: BacktestResult): Promise<boolean> {
    const m = result.metrics;
    const rows = await returning<{ backtest_id: string }>(
      this.dataSource.manager,
      `WITH done AS (
         UPDATE backtests
            SET status = 'completed', progress = 100, progress_step = 'saved', finished_at = now(), updated_at = now(),
                metrics = $2::jsonb, return_pct = $3, sharpe = $4, cagr_pct = $5, max_drawdown_pct = $6, trade_count = $7,
                error = NULL, error_code = NULL
          WHERE id = $1 AND status = 'active' AND cancel_requested_at IS NULL
          RETURNING id)
       INSERT INTO backtest_results (backtest_id, equity, drawdown, trades, open_trade, info)
       SELECT id, $8::jsonb, $9::jsonb, $10::jsonb, $11::jsonb, $12::jsonb FROM done
       ON CONFLICT (backtest_id) DO NOTHING
       RETURNING backtest_id`,
      [
        id,
        JSON.stringify(m),
        m.returnPct,
        m.sharpe,
        m.cagrPct,
        m.maxDrawdownPct,
        m.trades,
        JSON.stringify(result.equity),
        JSON.stringify(result.drawdown),
        JSON.stringify(result.trades),
        JSON.stringify(result.openTrade),
        JSON.stringify(result.info),
      ],
    );
    return rows.length > 0;
  }

  private async cancel(id: string, userId: string): Promise<BacktestJobOutcome> {
    const settled = await this.settlement.finishWithRefund(id, 'canceled', ['active', 'pending'], {
      message: 'Canceled by the user',
      code: 'CANCELED',
    });
    await this.cancelFlags.clear(id);
    if (settled) await this.queue.publishCanceled(id, userId);
    return { outcome: 'canceled', userId, emittedAt: Date.now() };
  }

  /**
   * The last attempt (or an error a retry cannot fix) fails the row and refunds it in one transaction,
   * before BullMQ moves the job to failed; an earlier attempt puts the row back to pending for the retry.
   */
  private async handleFailure(job: Job<BacktestRunData>, error: unknown): Promise<never> {
    const id = job.data.backtestId;
    const engineError = error instanceof EngineError ? error : null;
    const deterministic = engineError !== null && DETERMINISTIC.has(engineError.code);
    const final = deterministic || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const message = readableError(error);
    const code = engineError?.code ?? 'BACKTEST_FAILED';
    this.logger.warn(
      `backtest ${id} attempt ${job.attemptsMade + 1} failed${final ? ' (final)' : ''}: ${message}`,
    );
    if (final) {
      await this.settlement.finishWithRefund(id, 'failed', ['active', 'pending'], { message, code });
      if (deterministic) throw new UnrecoverableError(message);
    } else {
      await this.dataSource.query(
        `UPDATE backtests SET status = 'pending', progress = 0, progress_step = NULL, error = $2, error_code = $3, updated_at = now()
          WHERE id = $1 AND status = 'active'`,
        [id, message.slice(0, 1000), code],
      );
    }
    throw error instanceof Error ? error : new Error(message);
  }

  /** Test-only pause after loading, polling the cancel flag; true when a cancel arrived. */
  private async pauseForTests(id: string): Promise<boolean> {
    if (this.config.NODE_ENV !== 'test' || this.config.BACKTEST_TEST_DELAY_MS === 0)
      return this.cancelFlags.isRequested(id);
    const until = Date.now() + this.config.BACKTEST_TEST_DELAY_MS;
    while (Date.now() < until) {
      if (await this.cancelFlags.isRequested(id)) return true;
      await sleep(Math.min(100, until - Date.now()));
    }
    return this.cancelFlags.isRequested(id);
  }

  private failForTests(ticker: string): void {
    if (this.config.NODE_ENV === 'test' && this.config.BACKTEST_TEST_FAIL_TICKER === ticker) {
      throw new Error(`simulated engine failure for ${ticker}`);
    }
  }
}

function readableError(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
