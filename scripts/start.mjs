// `npm start`: installs what is missing, finds or starts Postgres and Redis, migrates, seeds,
// builds, then runs the API and one worker until Ctrl-C, which stops everything it started.
// `npm run dev` does the same with hot reload (API and worker under node --watch, Vite dev server).
import { spawn, spawnSync } from 'node:child_process';
import { ROOT, ensureDependencies, ensurePostgres, ensureRedis, log } from './lib/services.mjs';

const dev = process.argv.includes('--dev');
const children = [];
const stoppers = [];
let stopping = false;

function run(cmd, args, env) {
  const result = spawnSync(cmd, args, { cwd: ROOT, env, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed`);
}

function launch(name, cmd, args, env) {
  const child = spawn(cmd, args, { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit'] });
  children.push(child);
  child.on('exit', (code, signal) => {
    if (stopping) return;
    log(`${name} exited (${signal ?? code}); stopping the platform.`);
    void shutdown(1);
  });
  return child;
}

async function waitForReady(url, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${url}/health/ready`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`The API did not become ready at ${url}/health/ready within ${timeoutMs / 1000} s`);
}

async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  log('Stopping...');
  await Promise.all(
    children.map(
      (c) =>
        new Promise((resolve) => {
          if (c.exitCode !== null || c.signalCode !== null) return resolve();
          const timer = setTimeout(() => c.kill('SIGKILL'), 10_000);
          c.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          c.kill('SIGTERM');
        }),
    ),
  );
  for (const stop of stoppers.reverse()) await stop().catch(() => undefined);
  log('Stopped.');
  process.exit(code);
}

async function main() {
  ensureDependencies();
  const postgres = await ensurePostgres('stratbench');
  stoppers.push(postgres.stop);
  const redis = await ensureRedis();
  stoppers.push(redis.stop);
  log(`Postgres: ${postgres.source}; Redis: ${redis.source}`);

  const port = process.env.PORT ?? '3000';
  const env = { ...process.env, DATABASE_URL: postgres.url, REDIS_URL: redis.url, PORT: port };
  const ts = [process.execPath, '-r', '@swc-node/register'];
  run(ts[0], [...ts.slice(1), 'scripts/prepare.ts'], env);

  if (dev) {
    launch('api', ts[0], ['--watch', ...ts.slice(1), 'apps/api/src/main.ts'], env);
    launch('worker', ts[0], ['--watch', ...ts.slice(1), 'apps/worker/src/main.ts'], env);
    launch('web', process.execPath, ['node_modules/vite/bin/vite.js', '--config', 'apps/web/vite.config.ts'], env);
  } else {
    log('Building...');
    run('npm', ['run', '-s', 'build'], env);
    launch('api', process.execPath, ['dist/apps/api/src/main.js'], env);
    const workers = Math.max(1, Number(process.env.STRATBENCH_WORKERS ?? 1));
    for (let i = 1; i <= workers; i++) launch(`worker ${i}`, process.execPath, ['dist/apps/worker/src/main.js'], env);
  }
  const url = `http://localhost:${port}`;
  await waitForReady(url);
  log('Stratbench is running:');
  log(`  app      ${dev ? 'http://localhost:5173 (Vite, hot reload)' : url}`);
  log(`  API docs ${url}/docs`);
  log(`  health   ${url}/health/ready`);
  log(`  queues   ${url}/admin/queues (support/admin)`);
  log('Press Ctrl-C to stop.');
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
main().catch(async (err) => {
  console.error(`\n${err instanceof Error ? err.message : err}`);
  await shutdown(1);
});
