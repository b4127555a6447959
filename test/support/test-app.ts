import type { NestExpressApplication } from '@nestjs/platform-express';
import { createApiApp } from '../../apps/api/src/app.bootstrap';

/** The real API (real Postgres, Redis, BullMQ) booted in-process and listening on a free port. */
export async function startTestApi(): Promise<{ app: NestExpressApplication; url: string; close(): Promise<void> }> {
  const app = await createApiApp({ bufferLogs: false });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return { app, url: `http://127.0.0.1:${address.port}`, close: () => app.close() };
}
