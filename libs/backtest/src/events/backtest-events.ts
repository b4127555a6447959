/**
 * The socket.io events of the backtest pipeline, server → client. Every event goes to the owner's
 * room `user:<id>` only. The SPA mirrors this file; keep it free of imports.
 */
export const BACKTEST_EVENTS = {
  progress: 'backtest.progress',
  completed: 'backtest.completed',
  failed: 'backtest.failed',
  canceled: 'backtest.canceled',
} as const;

export type BacktestEventName = (typeof BACKTEST_EVENTS)[keyof typeof BACKTEST_EVENTS];

/** 10 data loaded, 20 indicators, 30 simulating, 80 statistics, 100 saved. */
export type BacktestProgressStep = 'data_loaded' | 'indicators' | 'simulating' | 'statistics' | 'saved';

export const PROGRESS_STEPS: ReadonlyArray<{ pct: number; step: BacktestProgressStep }> = [
  { pct: 10, step: 'data_loaded' },
  { pct: 20, step: 'indicators' },
  { pct: 30, step: 'simulating' },
  { pct: 80, step: 'statistics' },
  { pct: 100, step: 'saved' },
];

export interface BacktestProgressEvent {
  backtestId: string;
  pct: number;
  step: BacktestProgressStep;
  /** Epoch ms on the worker when the step was published (latency = receipt time − emittedAt). */
  emittedAt: number;
}

export interface BacktestHeadlineMetrics {
  returnPct: number | null;
  sharpe: number | null;
  cagrPct: number | null;
  maxDrawdownPct: number | null;
}

export interface BacktestCompletedEvent {
  backtestId: string;
  status: 'completed';
  metrics: BacktestHeadlineMetrics;
  emittedAt: number;
}

export interface BacktestFailedEvent {
  backtestId: string;
  status: 'failed';
  /** A readable reason, e.g. "too few bars for the warm-up: …". */
  error: string;
  emittedAt: number;
}

export interface BacktestCanceledEvent {
  backtestId: string;
  status: 'canceled';
  emittedAt: number;
}

/** socket.io typing: `io<BacktestServerToClientEvents>(...)`. */
export interface BacktestServerToClientEvents {
  'backtest.progress': (event: BacktestProgressEvent) => void;
  'backtest.completed': (event: BacktestCompletedEvent) => void;
  'backtest.failed': (event: BacktestFailedEvent) => void;
  'backtest.canceled': (event: BacktestCanceledEvent) => void;
}

/** What the worker stores with `job.updateProgress` (the owner lets the API pick the room). */
export interface BacktestJobProgress {
  pct: number;
  step: BacktestProgressStep;
  emittedAt: number;
  userId: string;
}

/** What the processor returns (BullMQ keeps it as the job's return value; keep it small). */
export type BacktestJobOutcome =
  | { outcome: 'completed'; userId: string; metrics: BacktestHeadlineMetrics; emittedAt: number }
  | { outcome: 'canceled'; userId: string; emittedAt: number }
  | { outcome: 'skipped'; userId: string; reason: string };

/** Custom events on the `backtests` queue's event stream (QueueEventsProducer), with jobId, userId, emittedAt. */
export const BACKTEST_STREAM_EVENTS = { canceled: 'backtest.canceled', failed: 'backtest.lost' } as const;
export type BacktestStreamEvent = (typeof BACKTEST_STREAM_EVENTS)[keyof typeof BACKTEST_STREAM_EVENTS];
