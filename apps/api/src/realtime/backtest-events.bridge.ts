import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { QueueEvents } from 'bullmq';
import { APP_CONFIG, QUEUE_NAMES, bullConnection, type AppConfig } from '@app/common';
import {
  BACKTEST_EVENTS,
  BACKTEST_STREAM_EVENTS,
  BacktestsService,
  type BacktestCanceledEvent,
  type BacktestCompletedEvent,
  type BacktestFailedEvent,
  type BacktestJobOutcome,
  type BacktestJobProgress,
  type BacktestProgressEvent,
} from '@app/backtest';
import { RealtimeGateway } from './realtime.gateway';

/**
 * Turns the `backtests` queue's event stream into socket.io events in the owner's room.
 *
 * Fan-out with several API instances: every instance reads the whole stream (QueueEvents) and emits
 * only to the sockets connected to itself (`server.local`), so each client gets each event exactly
 * once and no event crosses the Redis adapter a second time.
 */
@Injectable()
export class BacktestEventsBridge implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(BacktestEventsBridge.name);
  private events?: QueueEvents;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly gateway: RealtimeGateway,
    private readonly backtests: BacktestsService,
  ) {}

  onModuleInit(): void {
    const events = new QueueEvents(QUEUE_NAMES.backtests, {
      connection: bullConnection(this.config.REDIS_URL),
      prefix: this.config.REDIS_PREFIX,
      blockingTimeout: 5000,
    });
    events.on('error', (error: Error) => this.logger.warn(`backtest events: ${error.message}`));
    events.on('progress', ({ jobId, data }) =>
      this.onProgress(jobId, data as unknown as BacktestJobProgress),
    );
    events.on('completed', ({ jobId, returnvalue }) =>
      this.onCompleted(jobId, returnvalue as unknown as BacktestJobOutcome | string),
    );
    events.on('failed', ({ jobId, failedReason }) => void this.onFailed(jobId, failedReason));
    const custom = events as unknown as {
      on(event: string, listener: (args: Record<string, string>) => void): void;
    };
    custom.on(BACKTEST_STREAM_EVENTS.canceled, (args) => this.onCanceled(args));
    custom.on(BACKTEST_STREAM_EVENTS.failed, (args) => this.onLost(args));
    this.events = events;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.events?.close().catch(() => undefined);
  }

  private emit(userId: string | undefined, event: string, payload: unknown): void {
    if (!userId || !this.gateway.server) return;
    this.gateway.emitToUserLocally(userId, event, payload);
  }

  private onProgress(jobId: string, data: BacktestJobProgress): void {
    if (!data || typeof data !== 'object') return;
    const payload: BacktestProgressEvent = {
      backtestId: jobId,
      pct: data.pct,
      step: data.step,
      emittedAt: data.emittedAt,
    };
    this.emit(data.userId, BACKTEST_EVENTS.progress, payload);
  }

  private onCompleted(jobId: string, raw: BacktestJobOutcome | string): void {
    const outcome = typeof raw === 'string' ? (JSON.parse(raw) as BacktestJobOutcome) : raw;
    if (!outcome || outcome.outcome !== 'completed') return; // canceled ones are announced by their own event
    const payload: BacktestCompletedEvent = {
      backtestId: jobId,
      status: 'completed',
      metrics: outcome.metrics,
      emittedAt: outcome.emittedAt,
    };
    this.emit(outcome.userId, BACKTEST_EVENTS.completed, payload);
  }

  private async onFailed(jobId: string, failedReason: string): Promise<void> {
    try {
      const backtest = await this.backtests.findForEvent(jobId);
      if (!backtest) return;
      const payload: BacktestFailedEvent = {
        backtestId: jobId,
        status: 'failed',
        error: backtest.error ?? failedReason,
        emittedAt: Date.now(),
      };
      this.emit(backtest.userId, BACKTEST_EVENTS.failed, payload);
    } catch (error) {
      this.logger.warn(`could not announce the failure of ${jobId}: ${(error as Error).message}`);
    }
  }

  private onCanceled(args: Record<string, string>): void {
    const payload: BacktestCanceledEvent = {
      backtestId: args.jobId,
      status: 'canceled',
      emittedAt: Number(args.emittedAt),
    };
    this.emit(args.userId, BACKTEST_EVENTS.canceled, payload);
  }

  private onLost(args: Record<string, string>): void {
    const payload: BacktestFailedEvent = {
      backtestId: args.jobId,
      status: 'failed',
      error: args.error ?? 'The job was lost',
      emittedAt: Number(args.emittedAt),
    };
    this.emit(args.userId, BACKTEST_EVENTS.failed, payload);
  }
}
