import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import Redis from 'ioredis';
import { createTemporaryDatabase, type TemporaryDatabase } from '@app/database';
import { deleteKeys, TEST_DATABASE_SERVER, TEST_REDIS_URL } from '../support/test-env';
import { freePort } from '../support/redis-server';

export const ROOT = join(__dirname, '..', '..');

export interface Stack {
  url: string;
  env: Record<string, string>;
  startWorker(): ChildProcess;
  stop(): Promise<void>;
}

function launch(entry: string, env: Record<string, string>, logs: string[]): ChildProcess {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', entry], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const keep = (chunk: Buffer) => {
    logs.push(chunk.toString());
    if (logs.length > 400) logs.splice(0, logs.length - 400);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return child;
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 8000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** The whole platform, as `npm start` runs it, on its own database, Redis prefix and port. */
export async function startStack(): Promise<Stack> {
  const db: TemporaryDatabase = await createTemporaryDatabase(TEST_DATABASE_SERVER, 'sb_e2e');
  const port = await freePort();
  const prefix = `e2e${randomBytes(4).toString('hex')}`;
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL: db.url,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: prefix,
    PORT: String(port),
    HOST: '127.0.0.1',
    WEB_DIST: 'dist/web',
    // The 350-credit package (₩99,000) must be held for review in the support journey (default ₩100,000).
    REFUND_REVIEW_THRESHOLD_WON: '50000',
  };
  const build = spawnSync('npx', ['vite', 'build', '--config', 'apps/web/vite.config.ts', '--logLevel', 'warn'], { cwd: ROOT, env, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('vite build failed');
  const prepare = spawnSync(process.execPath, ['-r', '@swc-node/register', 'scripts/prepare.ts'], { cwd: ROOT, env, encoding: 'utf8' });
  if (prepare.status !== 0) throw new Error(`prepare failed: ${prepare.stderr}`);

  const logs: string[] = [];
  const children = [launch('apps/api/src/main.ts', env, logs), launch('apps/worker/src/main.ts', env, logs)];
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    const ok = await fetch(`${url}/health/ready`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`The stack did not become ready:\n${logs.join('')}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    url,
    env,
    startWorker: () => {
      const worker = launch('apps/worker/src/main.ts', env, logs);
      children.push(worker);
      return worker;
    },
    async stop() {
      await Promise.all(children.map(stopChild));
      const redis = new Redis(TEST_REDIS_URL);
      await deleteKeys(redis, `${prefix}:*`);
      redis.disconnect();
      await db.drop();
    },
  };
}
