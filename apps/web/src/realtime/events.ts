/**
 * The socket.io events of the backtest pipeline (server → owner only). Mirrors
 * libs/backtest/src/events/backtest-events.ts — keep the two in step.
 */
export const BACKTEST_EVENTS = {
  progress: 'backtest.progress',
  completed: 'backtest.completed',
  failed: 'backtest.failed',
  canceled: 'backtest.canceled',
} as const;

export type BacktestProgressStep = 'data_loaded' | 'indicators' | 'simulating' | 'statistics' | 'saved';

/** queued → 10 data loaded → 20 indicators → 30 simulating → 80 statistics → 100 saved. */
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
  error: string;
  emittedAt: number;
}

export interface BacktestCanceledEvent {
  backtestId: string;
  status: 'canceled';
  emittedAt: number;
}

export interface BacktestServerToClientEvents {
  'backtest.progress': (event: BacktestProgressEvent) => void;
  'backtest.completed': (event: BacktestCompletedEvent) => void;
  'backtest.failed': (event: BacktestFailedEvent) => void;
  'backtest.canceled': (event: BacktestCanceledEvent) => void;
}
