import type { Schema } from '../../../api/client';

export type QueueMetrics = Schema<'QueueMetricsDto'>;

export interface QueueSample {
  at: number;
  perSecond1m: number;
  perSecond5m: number;
  avgWaitMs: number | null;
  p95WaitMs: number | null;
  waiting: number;
  active: number;
}

/** Samples kept: 5 minutes at one poll every 2.5 s. */
export const BUFFER_SIZE = 120;

export function toSample(m: QueueMetrics, fallbackAt = Date.now()): QueueSample {
  const at = new Date(m.measuredAt).getTime();
  return {
    at: Number.isFinite(at) ? at : fallbackAt,
    perSecond1m: m.throughput.perSecond1m,
    perSecond5m: m.throughput.perSecond5m,
    avgWaitMs: m.wait.avgMs,
    p95WaitMs: m.wait.p95Ms,
    waiting: m.counts.waiting,
    active: m.counts.active,
  };
}

/** Appends a sample (ignoring a repeat of the last measurement) and keeps the newest `size`. */
export function pushSample(buffer: QueueSample[], sample: QueueSample, size = BUFFER_SIZE): QueueSample[] {
  const last = buffer[buffer.length - 1];
  if (last && last.at >= sample.at) return buffer;
  const next = [...buffer, sample];
  return next.length > size ? next.slice(next.length - size) : next;
}
