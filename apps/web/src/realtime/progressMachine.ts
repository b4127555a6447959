import type {
  BacktestCanceledEvent,
  BacktestCompletedEvent,
  BacktestFailedEvent,
  BacktestProgressEvent,
} from './events';

/**
 * The progress of one backtest as a pure state machine, so the live/polling fallback can be tested
 * without sockets or timers. The hook (useBacktestProgress) feeds it events and acts on
 * `pollDelay()` / `needsResync`.
 *
 * - `live`: progress arrives over the socket. While the job waits in the queue the API is still
 *   asked every PENDING_REFRESH_MS for the queue position (no event carries it).
 * - `polling`: the socket dropped (disconnect, connect_error) or stayed silent for SILENCE_MS while
 *   the job ran; GET /api/backtests/:id every POLL_MS until the socket (re)connects.
 */
export type ProgressMode = 'live' | 'polling';
export type BacktestStatus = 'pending' | 'active' | 'completed' | 'failed' | 'canceled';

export const POLL_MS = 2_000;
export const PENDING_REFRESH_MS = 5_000;
export const SILENCE_MS = 8_000;

export interface ProgressState {
  backtestId: string;
  /** null until the first snapshot or event. */
  status: BacktestStatus | null;
  pct: number;
  step: string | null;
  queuePosition: number | null;
  error: string | null;
  mode: ProgressMode;
  socketConnected: boolean;
  /** Since when the socket has been quiet (last connect, event, or the job starting), for the silence check. */
  quietSince: number | null;
  /** After a (re)connect events may have been missed: fetch once. */
  needsResync: boolean;
  /** Where the last update came from. */
  lastSource: 'socket' | 'api' | null;
}

/** The fields of GET /api/backtests/:id the machine reads. */
export interface BacktestSnapshot {
  id: string;
  status: BacktestStatus;
  progress: number;
  progressStep: string | null;
  queuePosition?: number;
  error: string | null;
}

export type ProgressEvent =
  | { type: 'socket.connected'; at: number }
  | { type: 'socket.disconnected'; at: number }
  | { type: 'socket.progress'; event: BacktestProgressEvent; at: number }
  | { type: 'socket.completed'; event: BacktestCompletedEvent; at: number }
  | { type: 'socket.failed'; event: BacktestFailedEvent; at: number }
  | { type: 'socket.canceled'; event: BacktestCanceledEvent; at: number }
  | { type: 'snapshot'; backtest: BacktestSnapshot; at: number }
  | { type: 'tick'; at: number };

export function initialProgressState(backtestId: string, socketConnected = false, at = 0): ProgressState {
  return {
    backtestId,
    status: null,
    pct: 0,
    step: null,
    queuePosition: null,
    error: null,
    mode: socketConnected ? 'live' : 'polling',
    socketConnected,
    quietSince: socketConnected ? at : null,
    needsResync: false,
    lastSource: null,
  };
}

export function isFinished(status: BacktestStatus | null): boolean {
  return status === 'completed' || status === 'failed' || status === 'canceled';
}

function goLive(state: ProgressState, at: number): ProgressState {
  return { ...state, mode: 'live', quietSince: at };
}

export function progressReducer(state: ProgressState, event: ProgressEvent): ProgressState {
  switch (event.type) {
    case 'socket.connected':
      return { ...goLive(state, event.at), socketConnected: true, needsResync: !isFinished(state.status) };

    case 'socket.disconnected':
      if (!state.socketConnected && state.mode === 'polling') return state;
      return { ...state, socketConnected: false, mode: 'polling' };

    case 'socket.progress': {
      if (event.event.backtestId !== state.backtestId) return state;
      const next = goLive({ ...state, socketConnected: true }, event.at);
      if (isFinished(state.status)) return next;
      return {
        ...next,
        status: 'active',
        pct: Math.max(state.status === 'active' ? state.pct : 0, event.event.pct),
        step: event.event.pct >= state.pct || state.status !== 'active' ? event.event.step : state.step,
        queuePosition: null,
        lastSource: 'socket',
      };
    }

    case 'socket.completed':
    case 'socket.failed':
    case 'socket.canceled': {
      if (event.event.backtestId !== state.backtestId) return state;
      const next = goLive({ ...state, socketConnected: true }, event.at);
      if (isFinished(state.status)) return next;
      const e = event.event;
      return {
        ...next,
        status: e.status,
        pct: e.status === 'completed' ? 100 : state.pct,
        step: e.status === 'completed' ? 'saved' : state.step,
        queuePosition: null,
        error: e.status === 'failed' ? e.error : null,
        // The metrics and final record are in the API's answer: fetch it once.
        needsResync: true,
        lastSource: 'socket',
      };
    }

    case 'snapshot': {
      const b = event.backtest;
      if (b.id !== state.backtestId) return state;
      // A finished job never goes back; an older snapshot must not undo a newer socket event.
      if (isFinished(state.status) && !isFinished(b.status)) return { ...state, needsResync: false };
      const sameRun = state.status === 'active' && b.status === 'active';
      const pct = sameRun ? Math.max(state.pct, b.progress) : b.progress;
      return {
        ...state,
        status: b.status,
        pct: b.status === 'completed' ? 100 : pct,
        step: b.status === 'completed' ? 'saved' : sameRun && state.pct > b.progress ? state.step : b.progressStep,
        queuePosition: b.status === 'pending' ? (b.queuePosition ?? null) : null,
        error: b.error,
        // The job just started: give the socket SILENCE_MS from now to deliver its first step.
        quietSince: state.status !== 'active' && b.status === 'active' ? event.at : state.quietSince,
        needsResync: false,
        lastSource: 'api',
      };
    }

    case 'tick': {
      // Connected but silent while the job runs: the events are not reaching us, so poll.
      const silent =
        state.mode === 'live' &&
        state.status === 'active' &&
        state.quietSince !== null &&
        event.at - state.quietSince >= SILENCE_MS;
      return silent ? { ...state, mode: 'polling' } : state;
    }
  }
}

/** How long until the next GET /api/backtests/:id, or null for none. */
export function pollDelay(state: ProgressState): number | null {
  if (isFinished(state.status)) return null;
  if (state.mode === 'polling') return POLL_MS;
  if (state.status === 'pending' || state.status === null) return PENDING_REFRESH_MS;
  return null;
}
