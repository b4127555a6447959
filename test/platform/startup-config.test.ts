import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

function start(entry: string, env: Record<string, string>) {
  return spawnSync(process.execPath, ['-r', '@swc-node/register', entry], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
}

describe('start-up configuration', () => {
  it.each(['apps/api/src/main.ts', 'apps/worker/src/main.ts'])('%s refuses to start and lists every bad variable', (entry) => {
    const result = start(entry, {
      PORT: 'eighty',
      DATABASE_URL: 'mysql://localhost/db',
      WORKER_CONCURRENCY: '-3',
      TOSS_SECRET_KEY: 'not-a-key',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Invalid configuration (4 problem(s))');
    for (const name of ['PORT', 'DATABASE_URL', 'WORKER_CONCURRENCY', 'TOSS_SECRET_KEY']) expect(result.stderr).toContain(`- ${name}:`);
    expect(result.stdout).not.toContain('listening');
  });
});
