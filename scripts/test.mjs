// `npm test`: installs what is missing, finds or starts Postgres and Redis, then runs lint,
// type-checks, unit and integration tests (Jest), the web app's tests (Vitest) and the browser
// end-to-end tests, and ends with one summary line. `--only <step>` runs one step.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, ensureDependencies, ensurePostgres, ensureRedis, log } from './lib/services.mjs';

const OUT = join(ROOT, 'test-output');
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;

const readJson = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined);

const steps = [
  { name: 'lint', cmd: ['npx', 'eslint', '.', '--max-warnings=0'] },
  { name: 'typecheck', cmd: ['npx', 'tsc', '-p', 'tsconfig.json'] },
  { name: 'typecheck-web', cmd: ['npx', 'tsc', '-p', 'apps/web/tsconfig.json'] },
  { name: 'typecheck-e2e', cmd: ['npx', 'tsc', '-p', 'test/e2e/tsconfig.json'] },
  {
    name: 'jest',
    cmd: ['npx', 'jest', '--maxWorkers=2', '--json', `--outputFile=${join(OUT, 'jest.json')}`],
    counts: () => {
      const r = readJson(join(OUT, 'jest.json'));
      return r && { passed: r.numPassedTests, failed: r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0) };
    },
  },
  {
    name: 'vitest',
    cmd: ['npx', 'vitest', 'run', '--config', 'apps/web/vitest.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${join(OUT, 'vitest.json')}`],
    counts: () => {
      const r = readJson(join(OUT, 'vitest.json'));
      return r && { passed: r.numPassedTests, failed: r.numFailedTests };
    },
  },
  {
    name: 'e2e',
    cmd: ['node', '-r', '@swc-node/register', 'test/e2e/run-e2e.ts'],
    when: () => existsSync(join(ROOT, 'test/e2e/run-e2e.ts')),
    counts: () => readJson(join(OUT, 'e2e.json')),
  },
];

async function main() {
  const started = Date.now();
  ensureDependencies();
  mkdirSync(OUT, { recursive: true });
  const postgres = await ensurePostgres('postgres');
  const redis = await ensureRedis();
  log(`Postgres: ${postgres.source}; Redis: ${redis.source}`);
  const env = { ...process.env, TEST_DATABASE_URL: postgres.url, DATABASE_URL: postgres.url, REDIS_URL: redis.url, TEST_REDIS_URL: redis.url, FORCE_COLOR: '1' };

  const results = [];
  for (const step of steps) {
    if (only && step.name !== only) continue;
    if (step.when && !step.when()) continue;
    log(`── ${step.name} ──`);
    const t0 = Date.now();
    const r = spawnSync(step.cmd[0], step.cmd.slice(1), { cwd: ROOT, env, stdio: 'inherit' });
    results.push({ name: step.name, ok: r.status === 0, seconds: (Date.now() - t0) / 1000, counts: step.counts?.() });
  }
  await postgres.stop();
  await redis.stop();

  const passed = results.reduce((n, r) => n + (r.counts?.passed ?? 0), 0);
  const failed = results.reduce((n, r) => n + (r.counts?.failed ?? 0), 0) + results.filter((r) => !r.ok && !r.counts).length;
  console.log('');
  for (const r of results) {
    const counts = r.counts ? ` (${r.counts.passed} passed, ${r.counts.failed} failed)` : '';
    console.log(`${r.ok ? '✔' : '✘'} ${r.name.padEnd(14)} ${r.seconds.toFixed(1).padStart(6)} s${counts}`);
  }
  const allOk = results.every((r) => r.ok);
  console.log(`\nTotal time ${((Date.now() - started) / 1000).toFixed(0)} s, ${allOk ? 'all steps green' : `failed steps: ${results.filter((r) => !r.ok).map((r) => r.name).join(', ')}`}`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(allOk ? 0 : 1);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
