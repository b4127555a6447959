import { describe, expect, it } from 'vitest';
import {
  initialProgressState,
  PENDING_REFRESH_MS,
  POLL_MS,
  pollDelay,
  progressReducer,
  SILENCE_MS,
  type BacktestSnapshot,
  type ProgressEvent,
  type ProgressState,
} from './progressMachine';

const ID = 'b1';
const snap = (over: Partial<BacktestSnapshot> = {}): BacktestSnapshot => ({
  id: ID,
  status: 'pending',
  progress: 0,
  progressStep: null,
  queuePosition: 2,
  error: null,
  ...over,
});
const run = (state: ProgressState, ...events: ProgressEvent[]) => events.reduce(progressReducer, state);
const progress = (pct: number, step: string, at: number, backtestId = ID): ProgressEvent => ({
  type: 'socket.progress',
  event: { backtestId, pct, step: step as never, emittedAt: at },
  at,
});

describe('progress state machine', () => {
  it('starts polling until the socket connects, then goes live', () => {
    let s = initialProgressState(ID);
    expect(s.mode).toBe('polling');
    expect(pollDelay(s)).toBe(POLL_MS);
    s = run(s, { type: 'socket.connected', at: 1 });
    expect(s.mode).toBe('live');
    expect(s.needsResync).toBe(true);
  });

  it('shows the queue position while pending and refreshes it slowly while live', () => {
    const s = run(initialProgressState(ID, true), { type: 'snapshot', backtest: snap({ queuePosition: 3 }), at: 0 });
    expect(s.status).toBe('pending');
    expect(s.queuePosition).toBe(3);
    expect(pollDelay(s)).toBe(PENDING_REFRESH_MS);
  });

  it('follows socket progress live and needs no polling while the job runs', () => {
    const s = run(
      initialProgressState(ID, true),
      { type: 'snapshot', backtest: snap(), at: 0 },
      progress(10, 'data_loaded', 100),
      progress(20, 'indicators', 200),
    );
    expect(s).toMatchObject({ mode: 'live', status: 'active', pct: 20, step: 'indicators', queuePosition: null });
    expect(pollDelay(s)).toBeNull();
  });

  it('ignores events of other backtests', () => {
    const s = run(initialProgressState(ID, true), progress(30, 'simulating', 5, 'other'));
    expect(s.pct).toBe(0);
    expect(s.status).toBeNull();
  });

  it('falls back to polling every 2 s when the socket drops, and returns to live on reconnect', () => {
    let s = run(initialProgressState(ID, true), progress(10, 'data_loaded', 0));
    s = run(s, { type: 'socket.disconnected', at: 1_000 });
    expect(s.mode).toBe('polling');
    expect(pollDelay(s)).toBe(POLL_MS);
    // polls carry progress on
    s = run(s, { type: 'snapshot', backtest: snap({ status: 'active', progress: 30, progressStep: 'simulating' }), at: 3_000 });
    expect(s).toMatchObject({ pct: 30, step: 'simulating', mode: 'polling' });
    s = run(s, { type: 'socket.connected', at: 4_000 });
    expect(s.mode).toBe('live');
    expect(s.needsResync).toBe(true);
    expect(pollDelay(s)).toBeNull();
  });

  it('treats a connect_error like a drop (same event) and keeps polling until connected', () => {
    let s = run(initialProgressState(ID), { type: 'socket.disconnected', at: 0 });
    s = run(s, { type: 'snapshot', backtest: snap({ status: 'active', progress: 20, progressStep: 'indicators' }), at: 10 });
    expect(s.mode).toBe('polling');
    expect(pollDelay(s)).toBe(POLL_MS);
  });

  it('falls back to polling when a running job stays silent for SILENCE_MS', () => {
    let s = run(initialProgressState(ID, true, 0), progress(10, 'data_loaded', 1_000));
    s = run(s, { type: 'tick', at: 1_000 + SILENCE_MS - 1 });
    expect(s.mode).toBe('live');
    s = run(s, { type: 'tick', at: 1_000 + SILENCE_MS });
    expect(s.mode).toBe('polling');
    // an event arriving again proves the socket works: live again
    s = run(s, progress(30, 'simulating', 1_000 + SILENCE_MS + 10));
    expect(s.mode).toBe('live');
  });

  it('does not count the time spent in the queue as silence', () => {
    let s = run(initialProgressState(ID, true, 0), { type: 'snapshot', backtest: snap(), at: 0 });
    s = run(s, { type: 'tick', at: 60_000 });
    expect(s.mode).toBe('live');
    s = run(s, { type: 'snapshot', backtest: snap({ status: 'active', progress: 0 }), at: 60_000 });
    s = run(s, { type: 'tick', at: 60_000 + SILENCE_MS - 1 });
    expect(s.mode).toBe('live');
  });

  it('never moves progress backwards on a stale snapshot', () => {
    let s = run(initialProgressState(ID, true), progress(80, 'statistics', 0));
    s = run(s, { type: 'snapshot', backtest: snap({ status: 'active', progress: 30, progressStep: 'simulating' }), at: 1 });
    expect(s).toMatchObject({ pct: 80, step: 'statistics' });
  });

  it('completes from the socket, asks for the final record, and a late snapshot cannot undo it', () => {
    let s = run(initialProgressState(ID, true), progress(80, 'statistics', 0), {
      type: 'socket.completed',
      event: { backtestId: ID, status: 'completed', metrics: { returnPct: 1, sharpe: 1, cagrPct: 1, maxDrawdownPct: -1 }, emittedAt: 1 },
      at: 1,
    });
    expect(s).toMatchObject({ status: 'completed', pct: 100, step: 'saved', needsResync: true });
    expect(pollDelay(s)).toBeNull();
    s = run(s, { type: 'snapshot', backtest: snap({ status: 'active', progress: 80 }), at: 2 });
    expect(s.status).toBe('completed');
    expect(s.needsResync).toBe(false);
  });

  it('keeps the readable reason of a failure', () => {
    const s = run(initialProgressState(ID, true), {
      type: 'socket.failed',
      event: { backtestId: ID, status: 'failed', error: 'too few bars for the warm-up', emittedAt: 1 },
      at: 1,
    });
    expect(s).toMatchObject({ status: 'failed', error: 'too few bars for the warm-up' });
  });

  it('reaches the end by polling alone', () => {
    let s = run(initialProgressState(ID), { type: 'socket.disconnected', at: 0 });
    for (const [pct, step] of [[10, 'data_loaded'], [80, 'statistics']] as const)
      s = run(s, { type: 'snapshot', backtest: snap({ status: 'active', progress: pct, progressStep: step }), at: pct });
    s = run(s, { type: 'snapshot', backtest: snap({ status: 'completed', progress: 100, progressStep: 'saved' }), at: 200 });
    expect(s).toMatchObject({ status: 'completed', pct: 100, mode: 'polling' });
    expect(pollDelay(s)).toBeNull();
  });
});
