import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Queue } from 'bullmq';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { APP_CONFIG, QUEUE_NAMES, bullConnection, type AppConfig } from '@app/common';
import { AuthService } from '@app/auth';
import { BOARD_BASE_PATH, queueBoardAuth } from './queue-board-auth';

/** Bull Board over every queue of the platform, owning its own Queue handles. */
@Injectable()
export class QueueBoard implements OnApplicationShutdown {
  private queues: Queue[] = [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly auth: AuthService,
  ) {}

  mount(app: NestExpressApplication): void {
    const serverAdapter = new ExpressAdapter();
    serverAdapter.setBasePath(BOARD_BASE_PATH);
    this.queues = Object.values(QUEUE_NAMES).map((name) => {
      const queue = new Queue(name, {
        connection: bullConnection(this.config.REDIS_URL),
        prefix: this.config.REDIS_PREFIX,
      });
      queue.on('error', () => undefined); // readiness reports Redis outages; the board just shows errors
      return queue;
    });
    // @bull-board/express pins its own copy of @bull-board/api (a patch version apart): same shape.
    type BoardAdapter = Parameters<typeof createBullBoard>[0]['serverAdapter'];
    createBullBoard({
      queues: this.queues.map((q) => new BullMQAdapter(q)),
      serverAdapter: serverAdapter as unknown as BoardAdapter,
    });
    const secure = (this.config.PUBLIC_URL ?? '').startsWith('https:');
    app.use(BOARD_BASE_PATH, queueBoardAuth(this.auth, secure), serverAdapter.getRouter());
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.queues.map((q) => q.close().catch(() => undefined)));
  }
}
