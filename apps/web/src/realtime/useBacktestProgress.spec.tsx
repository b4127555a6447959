import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, mockFetch } from '../test/http';
import { POLL_MS } from './progressMachine';
import { useBacktestProgress, type SocketLike, type SocketSource } from './useBacktestProgress';

const FAKED = ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] as const;
const ID = '11111111-1111-4111-8111-111111111111';

/* eslint-disable @typescript-eslint/no-explicit-any */
class FakeSocket implements SocketLike {
  connected = false;
  private handlers = new Map<string, Set<(...args: any[]) => void>>();
  on(event: string, handler: (...args: any[]) => void) {
    if (!this.handlers.has(event)) this.handlers.set(event, new Set());
    this.handlers.get(event)!.add(handler);
  }
  off(event: string, handler: (...args: any[]) => void) {
    this.handlers.get(event)?.delete(handler);
  }
  emit(event: string, payload?: unknown) {
    if (event === 'connect') this.connected = true;
    if (event === 'disconnect' || event === 'connect_error') this.connected = false;
    this.handlers.get(event)?.forEach((h) => (h as (p: unknown) => void)(payload));
  }
}

function sourceOf(socket: FakeSocket): SocketSource {
  return { get: () => socket, onChange: () => () => {} };
}

let serverProgress = { status: 'active', progress: 10, progressStep: 'data_loaded' };

function backtestBody() {
  return { id: ID, ...serverProgress, error: null, queuePosition: undefined };
}

function wrapper({ children }: { children: ReactNode }) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

describe('useBacktestProgress', () => {
  beforeEach(() => {
    serverProgress = { status: 'active', progress: 10, progressStep: 'data_loaded' };
  });

  it('goes live over the socket, polls every 2 s after a drop, and returns to live on reconnect', async () => {
    vi.useFakeTimers({ toFake: [...FAKED] });
    const fetchMock = mockFetch((request) => {
      expect(new URL(request.url).pathname).toBe(`/api/backtests/${ID}`);
      return jsonResponse(backtestBody());
    });
    const socket = new FakeSocket();
    socket.connected = true;
    const source = sourceOf(socket);
    const { result, unmount } = renderHook(() => useBacktestProgress(ID, source), { wrapper });
    await act(() => vi.advanceTimersByTimeAsync(10));
    expect(result.current.mode).toBe('live');
    const afterStart = fetchMock.mock.calls.length;

    act(() => socket.emit('backtest.progress', { backtestId: ID, pct: 20, step: 'indicators', emittedAt: 1 }));
    expect(result.current).toMatchObject({ pct: 20, step: 'indicators', mode: 'live' });
    // live and running: no polling
    await act(() => vi.advanceTimersByTimeAsync(5_000));
    act(() => socket.emit('backtest.progress', { backtestId: ID, pct: 30, step: 'simulating', emittedAt: 2 }));
    expect(fetchMock.mock.calls.length).toBe(afterStart);

    // the socket drops: polling every 2 s
    act(() => socket.emit('disconnect'));
    expect(result.current.mode).toBe('polling');
    serverProgress = { status: 'active', progress: 80, progressStep: 'statistics' };
    await act(() => vi.advanceTimersByTimeAsync(POLL_MS + 10));
    const firstPoll = fetchMock.mock.calls.length;
    expect(firstPoll).toBeGreaterThan(afterStart);
    expect(result.current).toMatchObject({ pct: 80, step: 'statistics', mode: 'polling' });
    await act(() => vi.advanceTimersByTimeAsync(POLL_MS));
    expect(fetchMock.mock.calls.length).toBe(firstPoll + 1);
    await act(() => vi.advanceTimersByTimeAsync(POLL_MS));
    expect(fetchMock.mock.calls.length).toBe(firstPoll + 2);

    // reconnect: live again (one resync fetch), then no more polling
    act(() => socket.emit('connect'));
    expect(result.current.mode).toBe('live');
    await act(() => vi.advanceTimersByTimeAsync(10));
    const afterReconnect = fetchMock.mock.calls.length;
    expect(afterReconnect).toBe(firstPoll + 3);
    act(() => socket.emit('backtest.progress', { backtestId: ID, pct: 100, step: 'saved', emittedAt: 3 }));
    await act(() => vi.advanceTimersByTimeAsync(POLL_MS * 3));
    expect(fetchMock.mock.calls.length).toBe(afterReconnect);
    expect(result.current.pct).toBe(100);
    unmount();
    vi.useRealTimers();
  });

  it('polls from the start when the socket cannot connect, and reaches completion', async () => {
    vi.useFakeTimers({ toFake: [...FAKED] });
    const fetchMock = mockFetch(() => jsonResponse(backtestBody()));
    const socket = new FakeSocket();
    const { result, unmount } = renderHook(() => useBacktestProgress(ID, sourceOf(socket)), { wrapper });
    act(() => socket.emit('connect_error', new Error('blocked')));
    await act(() => vi.advanceTimersByTimeAsync(10));
    expect(result.current.mode).toBe('polling');
    serverProgress = { status: 'completed', progress: 100, progressStep: 'saved' };
    await act(() => vi.advanceTimersByTimeAsync(POLL_MS + 10));
    expect(result.current).toMatchObject({ status: 'completed', pct: 100 });
    const calls = fetchMock.mock.calls.length;
    await act(() => vi.advanceTimersByTimeAsync(POLL_MS * 3));
    expect(fetchMock.mock.calls.length).toBe(calls);
    unmount();
    vi.useRealTimers();
  });
});
