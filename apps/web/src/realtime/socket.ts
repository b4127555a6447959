import { io, type Socket } from 'socket.io-client';
import { authStore } from '../api/authStore';
/** Untyped on purpose: several screens listen to different events (see events.ts for the backtest ones). */
export type RealtimeSocket = Socket;
type Listener = (socket: RealtimeSocket | null) => void;

/**
 * The app's one socket.io connection (same origin, path /socket.io), created on first use and
 * authenticated with the current access token. When the token changes (refresh, login, logout) the
 * connection is closed and, if there is still a token, opened again with the new one; subscribers
 * are told so they can re-attach their handlers.
 */
let current: { token: string; socket: RealtimeSocket } | null = null;
let unsubscribeAuth: (() => void) | null = null;
const listeners = new Set<Listener>();

function open(token: string): RealtimeSocket {
  // Polling first, then the upgrade to WebSocket (socket.io's default): works through any proxy.
  return io({ path: '/socket.io', auth: { token }, reconnectionDelayMax: 10_000 });
}

function sync(): RealtimeSocket | null {
  const token = authStore.getAccessToken();
  if (current && current.token === token) return current.socket;
  const previous = current;
  current = token ? { token, socket: open(token) } : null;
  previous?.socket.disconnect();
  if (previous) listeners.forEach((listener) => listener(current?.socket ?? null));
  return current?.socket ?? null;
}

/** The shared connection, or null when nobody is signed in. */
export function getRealtimeSocket(): RealtimeSocket | null {
  if (!unsubscribeAuth) unsubscribeAuth = authStore.subscribe(() => sync());
  return sync();
}

/** Called with the new connection whenever it is re-created. Returns an unsubscribe function. */
export function onRealtimeSocketChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Closes the connection (tests, logout). */
export function closeRealtimeSocket(): void {
  unsubscribeAuth?.();
  unsubscribeAuth = null;
  current?.socket.disconnect();
  current = null;
}
