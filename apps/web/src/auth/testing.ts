import { authStore, type Schema } from '../api/client';
import { jsonResponse } from '../test/http';

/** Test helpers: a signed-in session without a server. */
export type TestUser = Schema<'MeDto'>;

export const TEST_TRADER: TestUser = {
  id: '00000000-0000-4000-8000-000000000001',
  email: 'trader@stratbench.dev',
  displayName: 'Demo Trader',
  role: 'trader',
  plan: 'basic',
  locale: 'ko',
  createdAt: '2024-01-02T03:04:05.000Z',
};

export const TEST_ADMIN: TestUser = {
  ...TEST_TRADER,
  id: '00000000-0000-4000-8000-000000000009',
  email: 'admin@stratbench.dev',
  displayName: 'Admin',
  role: 'admin',
  plan: 'pro',
};

/** Stores tokens so the app starts signed in (pair it with `sessionResponse` in your mockFetch handler). */
export function signInForTest(tokens = { accessToken: 'test-access', refreshToken: 'test-refresh' }): void {
  authStore.setTokens(tokens);
}

/**
 * Answers the session endpoints (GET /api/me, GET /api/credits) for `user`; returns null for any other
 * request so a handler can go on: `mockFetch((r) => sessionResponse(r) ?? myHandler(r))`.
 */
export function sessionResponse(
  request: Request,
  user: TestUser = TEST_TRADER,
  balance = 100,
): Response | null {
  const { pathname } = new URL(request.url);
  if (pathname === '/api/me') return jsonResponse(user);
  if (pathname === '/api/credits') return jsonResponse({ balance });
  return null;
}
