import { useEffect, useRef, useState } from 'react';
import { getRealtimeSocket, onRealtimeSocketChange } from '../../realtime/socket';

/** Mirrors libs/refunds/src/events/refund-events.ts (server → owner's room). */
export const REFUND_UPDATED = 'refund.updated';

export interface RefundUpdatedEvent {
  refundId: string;
  paymentKey: string;
  status: string;
  refundAmount: number;
  failureCode: string | null;
  emittedAt: number;
}

/** The part of a socket.io client used here (a fake in tests). */
export interface RefundSocketLike {
  connected: boolean;
  on(event: string, handler: (...args: never[]) => void): unknown;
  off(event: string, handler: (...args: never[]) => void): unknown;
}

export interface RefundSocketSource {
  get(): RefundSocketLike | null;
  onChange(listener: (socket: RefundSocketLike | null) => void): () => void;
}

const defaultSource: RefundSocketSource = {
  get: () => getRealtimeSocket() as unknown as RefundSocketLike | null,
  onChange: (listener) =>
    onRealtimeSocketChange((socket) => listener(socket as unknown as RefundSocketLike | null)),
};

/**
 * Calls `onUpdate` for every `refund.updated` event on the shared socket and `onReconnect` after a
 * reconnect (events may have been missed). Returns whether the socket is connected, so callers can
 * poll while it is not.
 */
export function useRefundUpdates(
  onUpdate: (event: RefundUpdatedEvent) => void,
  onReconnect?: () => void,
  source: RefundSocketSource = defaultSource,
): boolean {
  const [connected, setConnected] = useState(() => source.get()?.connected ?? false);
  const handlers = useRef({ onUpdate, onReconnect });
  handlers.current = { onUpdate, onReconnect };

  useEffect(() => {
    let detach: (() => void) | null = null;
    let wasConnected = false;
    const attach = (socket: RefundSocketLike | null) => {
      detach?.();
      detach = null;
      if (!socket) {
        setConnected(false);
        return;
      }
      const onConnect = () => {
        setConnected(true);
        if (wasConnected) handlers.current.onReconnect?.();
        wasConnected = true;
      };
      const onDisconnect = () => setConnected(false);
      const onEvent = (event: RefundUpdatedEvent) => handlers.current.onUpdate(event);
      socket.on('connect', onConnect);
      socket.on('disconnect', onDisconnect);
      socket.on('connect_error', onDisconnect);
      socket.on(REFUND_UPDATED, onEvent as (...args: never[]) => void);
      wasConnected = socket.connected || wasConnected;
      setConnected(socket.connected);
      detach = () => {
        socket.off('connect', onConnect);
        socket.off('disconnect', onDisconnect);
        socket.off('connect_error', onDisconnect);
        socket.off(REFUND_UPDATED, onEvent as (...args: never[]) => void);
      };
    };
    attach(source.get());
    const unsubscribe = source.onChange(attach);
    return () => {
      unsubscribe();
      detach?.();
    };
  }, [source]);

  return connected;
}
