import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { QueueEvents } from 'bullmq';
import { APP_CONFIG, QUEUE_NAMES, bullConnection, type AppConfig } from '@app/common';
import { REFUND_EVENTS, REFUND_STREAM_EVENT, toRefundUpdatedEvent } from '@app/refunds';
import { RealtimeGateway } from './realtime.gateway';

/**
 * `refund.updated` to the owner's room: the API and the worker publish status changes on the
 * `refunds` queue's event stream; like the backtest bridge, every instance reads the stream and
 * emits only to its own sockets.
 */
@Injectable()
export class RefundEventsBridge implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(RefundEventsBridge.name);
  private events?: QueueEvents;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly gateway: RealtimeGateway,
  ) {}

  onModuleInit(): void {
    const events = new QueueEvents(QUEUE_NAMES.refunds, {
      connection: bullConnection(this.config.REDIS_URL),
      prefix: this.config.REDIS_PREFIX,
      blockingTimeout: 5000,
    });
    events.on('error', (error: Error) => this.logger.warn(`refund events: ${error.message}`));
    const custom = events as unknown as {
      on(event: string, listener: (args: Record<string, string>) => void): void;
    };
    custom.on(REFUND_STREAM_EVENT, (args) => {
      const { userId, event } = toRefundUpdatedEvent(args);
      if (userId && this.gateway.server) this.gateway.emitToUserLocally(userId, REFUND_EVENTS.updated, event);
    });
    this.events = events;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.events?.close().catch(() => undefined);
  }
}
