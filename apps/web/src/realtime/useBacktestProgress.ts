import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import { useEffect, useReducer, useRef } from 'react';
import { client, unwrap, type Schema } from '../api/client';
import {
  BACKTEST_EVENTS,
  type BacktestCanceledEvent,
  type BacktestCompletedEvent,
  type BacktestFailedEvent,
  type BacktestProgressEvent,
} from './events';
import {
  initialProgressState,
  isFinished,
  pollDelay,
  progressReducer,
  type ProgressEvent,
  type ProgressState,
} from './progressMachine';
import { getRealtimeSocket, onRealtimeSocketChange } from './socket';

export type Backtest = Schema<'BacktestDto'>;

// socket.io's own listener type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Handler = (...args: any[]) => void;

/** The part of a socket.io client the hook uses (a fake in tests). */
export interface SocketLike {
  connected: boolean;
  on(event: string, handler: Handler): unknown;
  off(event: string, handler: Handler): unknown;
}

export interface SocketSource {
  get(): SocketLike | null;
  onChange(listener: (socket: SocketLike | null) => void): () => void;
}

const defaultSource: SocketSource = { get: getRealtimeSocket, onChange: onRealtimeSocketChange };

export const backtestQueryKey = (id: string) => ['backtests', id] as const;

export function fetchBacktest(id: string): Promise<Backtest> {
  return unwrap(client.GET('/api/backtests/{id}', { params: { path: { id } } }));
}

export interface BacktestProgress extends ProgressState {
  /** The latest GET /api/backtests/:id answer (metrics, options, …). */
  query: UseQueryResult<Backtest>;
}

const TICK_MS = 1_000;

/**
 * Live progress of a backtest: socket events while the connection works, GET /api/backtests/:id every
 * 2 s while it does not (see progressMachine.ts), back to live when the socket reconnects.
 */
export function useBacktestProgress(backtestId: string, source: SocketSource = defaultSource): BacktestProgress {
  const [state, dispatch] = useReducer(progressReducer, backtestId, (id) =>
    initialProgressState(id, source.get()?.connected ?? false, Date.now()),
  );

  const query = useQuery({
    queryKey: backtestQueryKey(backtestId),
    queryFn: () => fetchBacktest(backtestId),
    refetchInterval: pollDelay(state) ?? false,
    refetchIntervalInBackground: true,
    // A poll that fails is retried by the next poll.
    retry: false,
  });

  // Every API answer is a snapshot for the machine.
  useEffect(() => {
    if (query.data) dispatch({ type: 'snapshot', backtest: query.data, at: Date.now() });
  }, [query.data, query.dataUpdatedAt]);

  // After a (re)connect, or a terminal event, fetch once: events may have been missed, and the
  // finished job's metrics are only in the API's answer.
  const { refetch } = query;
  useEffect(() => {
    if (state.needsResync) void refetch();
  }, [state.needsResync, refetch]);

  // Socket wiring; re-attached when the shared connection is re-created (new token).
  const sourceRef = useRef(source);
  useEffect(() => {
    const source = sourceRef.current;
    let detach: (() => void) | null = null;
    const now = () => Date.now();
    const send = (event: ProgressEvent) => dispatch(event);
    const attach = (socket: SocketLike | null) => {
      detach?.();
      detach = null;
      if (!socket) {
        send({ type: 'socket.disconnected', at: now() });
        return;
      }
      const handlers: Record<string, Handler> = {
        connect: () => send({ type: 'socket.connected', at: now() }),
        disconnect: () => send({ type: 'socket.disconnected', at: now() }),
        connect_error: () => send({ type: 'socket.disconnected', at: now() }),
        [BACKTEST_EVENTS.progress]: (event: BacktestProgressEvent) => send({ type: 'socket.progress', event, at: now() }),
        [BACKTEST_EVENTS.completed]: (event: BacktestCompletedEvent) => send({ type: 'socket.completed', event, at: now() }),
        [BACKTEST_EVENTS.failed]: (event: BacktestFailedEvent) => send({ type: 'socket.failed', event, at: now() }),
        [BACKTEST_EVENTS.canceled]: (event: BacktestCanceledEvent) => send({ type: 'socket.canceled', event, at: now() }),
      };
      for (const [name, handler] of Object.entries(handlers)) socket.on(name, handler);
      send(socket.connected ? { type: 'socket.connected', at: now() } : { type: 'socket.disconnected', at: now() });
      detach = () => {
        for (const [name, handler] of Object.entries(handlers)) socket.off(name, handler);
      };
    };
    attach(source.get());
    const unsubscribe = source.onChange(attach);
    return () => {
      unsubscribe();
      detach?.();
    };
  }, []);

  // The silence check runs only while live and the job is running.
  const watching = state.mode === 'live' && state.status === 'active';
  useEffect(() => {
    if (!watching) return;
    const timer = window.setInterval(() => dispatch({ type: 'tick', at: Date.now() }), TICK_MS);
    return () => window.clearInterval(timer);
  }, [watching]);

  return { ...state, query };
}

export { isFinished };
