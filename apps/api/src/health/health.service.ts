import { Inject, Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { QUEUE_NAMES, REDIS } from '@app/common';

export type DependencyName = 'postgres' | 'redis' | 'queue';
export interface DependencyStatus {
  name: DependencyName;
  ok: boolean;
  latencyMs: number;
  error?: string;
}

const CHECK_TIMEOUT_MS = 1500;

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS).unref()),
  ]);
}

@Injectable()
export class HealthService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    @InjectQueue(QUEUE_NAMES.backtests) private readonly queue: Queue,
  ) {}

  async readiness(): Promise<DependencyStatus[]> {
    return Promise.all([
      this.check('postgres', () => this.db.query('SELECT 1')),
      this.check('redis', () => this.redis.ping()),
      this.check('queue', () => this.queue.getJobCounts('waiting')),
    ]);
  }

  private async check(name: DependencyName, probe: () => Promise<unknown>): Promise<DependencyStatus> {
    const started = performance.now();
    try {
      await withTimeout(probe());
      return { name, ok: true, latencyMs: Math.round(performance.now() - started) };
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      return { name, ok: false, latencyMs: Math.round(performance.now() - started), error };
    }
  }
}
