import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** A real worker process (`apps/worker/src/main.ts`), as production runs it. */
export interface WorkerProcess {
  child: ChildProcess;
  pid: number;
  /** stdout + stderr so far, for failure messages. */
  output(): string;
  /** SIGKILL: no shutdown hooks, no lock release (a crashed machine). */
  kill(): Promise<void>;
  /** SIGTERM, then SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
  });
}

/**
 * Spawns `node -r @swc-node/register apps/worker/src/main.ts` with the test's environment (`env.env`
 * from createTestEnv) plus `extraEnv`, and resolves once it reports that it runs.
 */
export async function startWorker(
  env: Record<string, string>,
  extraEnv: Record<string, string> = {},
  timeoutMs = 60_000,
): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/worker/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`worker did not start within ${timeoutMs} ms:\n${log}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('Stratbench worker') && log.includes('running')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`worker exited early (${signal ?? code}):\n${log}`));
    });
  });
  await ready;
  return {
    child,
    pid: child.pid!,
    output: () => log,
    async kill() {
      child.kill('SIGKILL');
      await exited(child);
    },
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      child.kill('SIGTERM');
      await exited(child);
      clearTimeout(timer);
    },
  };
}
