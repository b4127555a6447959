import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { LeaderboardHotPath } from '@app/leaderboard';
import { bodyParsingMiddleware, createValidationPipe, loadConfig, requestIdMiddleware, type AppConfig } from '@app/common';
import { AppModule } from './app.module';
import { buildOpenApiDocument } from './openapi/swagger';
import { RedisIoAdapter } from './realtime/redis-io.adapter';
import { QueueBoard } from './queue-dashboard/queue-board';

export interface CreateApiOptions {
  /** Build the module graph without instantiating providers (no DB or Redis): for generating the spec. */
  preview?: boolean;
  bufferLogs?: boolean;
}

export function configureApp(app: NestExpressApplication, config: AppConfig): void {
  app.use(requestIdMiddleware());
  app.use(bodyParsingMiddleware(config.BODY_LIMIT));
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'script-src': ["'self'"],
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:', 'blob:'],
          'connect-src': ["'self'", 'ws:', 'wss:'],
          'frame-src': ["'self'"],
        },
      },
    }),
  );
  const origins = config.CORS_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean);
  app.enableCors({ origin: origins.includes('*') ? true : origins, credentials: true });
  app.setGlobalPrefix('api', { exclude: ['health', 'health/ready', 'admin/queues', 'admin/queues/{*path}'] });
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
}

export async function createApiApp(options: CreateApiOptions = {}): Promise<NestExpressApplication> {
  const config = loadConfig();
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    bodyParser: false,
    bufferLogs: options.bufferLogs ?? true,
    preview: options.preview ?? false,
    logger: options.preview ? false : undefined,
    abortOnError: false,
  });
  configureApp(app, config);
  if (options.preview) return app;
  app.useLogger(app.get(Logger));
  app.get(LeaderboardHotPath).install(app.getHttpServer());
  app.useWebSocketAdapter(new RedisIoAdapter(app, config.REDIS_URL, config.REDIS_PREFIX));
  app.get(QueueBoard).mount(app);
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), { jsonDocumentUrl: 'docs-json' });
  return app;
}
