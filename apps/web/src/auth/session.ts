import type { Middleware } from 'openapi-fetch';
import { authStore, client, unwrap, type Schema } from '../api/client';

export type Me = Schema<'MeDto'>;
export type AuthSession = Schema<'AuthSessionDto'>;

type ExpiredListener = () => void;
const expiredListeners = new Set<ExpiredListener>();

/** Called when the session can no longer be refreshed (tokens already cleared). Returns an unsubscribe. */
export function onSessionExpired(listener: ExpiredListener): () => void {
  expiredListeners.add(listener);
  return () => expiredListeners.delete(listener);
}

export function storeSession(session: Pick<AuthSession, 'accessToken' | 'refreshToken'>): void {
  authStore.setTokens({ accessToken: session.accessToken, refreshToken: session.refreshToken });
}

let inflight: Promise<string | null> | null = null;

async function exchangeRefreshToken(): Promise<string | null> {
  const refreshToken = authStore.getRefreshToken();
  if (!refreshToken) return null;
  try {
    const session = await unwrap(client.POST('/api/auth/refresh', { body: { refreshToken } }));
    storeSession(session);
    return session.accessToken;
  } catch {
    // A network failure must not log anyone out; a rejected refresh token (expired, reused, revoked) must.
    return null;
  }
}

/**
 * Exchanges the refresh token for a new pair. Single-flight: concurrent callers share one request, because
 * refresh tokens are single use and presenting one twice revokes the whole family. Resolves to the new
 * access token, or null after clearing the session (and notifying onSessionExpired listeners).
 */
export function refreshSession(): Promise<string | null> {
  if (!inflight) {
    inflight = exchangeRefreshToken()
      .then((token) => {
        if (!token) {
          authStore.clear();
          expiredListeners.forEach((listener) => listener());
        }
        return token;
      })
      .finally(() => {
        inflight = null;
      });
  }
  return inflight;
}

/** Endpoints whose 401 means "wrong credentials", not "access token expired". */
const NO_RETRY = /^\/api\/auth\//;
const pending = new Map<string, { copy: Request; token: string | null }>();

/**
 * On a 401, refreshes the session once (shared with concurrent requests) and retries the request once with
 * the new access token. If another request refreshed meanwhile, retries with the current token directly.
 */
export const refreshMiddleware: Middleware = {
  onRequest({ request, id, schemaPath }) {
    if (NO_RETRY.test(schemaPath)) return undefined;
    const auth = request.headers.get('Authorization');
    const token = auth?.startsWith('Bearer ') ? auth.slice(7) : null;
    if (token) pending.set(id, { copy: request.clone(), token });
    return undefined;
  },
  async onResponse({ response, id, options }) {
    const entry = pending.get(id);
    pending.delete(id);
    if (!entry || response.status !== 401) return undefined;
    const current = authStore.getAccessToken();
    const token = current && current !== entry.token ? current : await refreshSession();
    if (!token) return undefined;
    const retry = entry.copy;
    retry.headers.set('Authorization', `Bearer ${token}`);
    return options.fetch(retry);
  },
  onError({ id }) {
    pending.delete(id);
    return undefined;
  },
};

const installed = new WeakSet<object>();

/** Adds the refresh middleware to a client once (the app's client gets it when the auth module loads). */
export function installRefresh(target: { use: (...m: Middleware[]) => void } = client): void {
  if (installed.has(target)) return;
  installed.add(target);
  target.use(refreshMiddleware);
}

/** Test hook: forget an in-flight refresh. */
export function resetRefreshState(): void {
  inflight = null;
  pending.clear();
}
