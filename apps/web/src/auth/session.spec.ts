import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { authStore, client, unwrap } from '../api/client';
import { jsonResponse, mockFetch } from '../test/http';
import { installRefresh, onSessionExpired, resetRefreshState } from './session';

installRefresh();

const session = (n: number) => ({
  accessToken: `access-${n}`,
  refreshToken: `refresh-${n}`,
  tokenType: 'Bearer',
  expiresIn: 900,
  user: {
    id: 'u1',
    email: 'a@b.c',
    displayName: 'A',
    role: 'trader',
    plan: 'free',
    locale: 'ko',
    createdAt: '2024-01-01T00:00:00Z',
  },
});
const unauthorized = () => jsonResponse({ statusCode: 401, code: 'TOKEN_EXPIRED', message: 'expired' }, 401);

/** A fake API: /api/credits wants `access-2`; /api/auth/refresh answers after a tick. */
function fakeApi(refresh: () => Response) {
  return mockFetch(async (request) => {
    const { pathname } = new URL(request.url);
    if (pathname === '/api/auth/refresh') {
      await new Promise((r) => setTimeout(r, 20));
      return refresh();
    }
    if (pathname === '/api/credits') {
      return request.headers.get('Authorization') === 'Bearer access-2'
        ? jsonResponse({ balance: 7 })
        : unauthorized();
    }
    if (pathname === '/api/auth/login')
      return jsonResponse({ statusCode: 401, code: 'INVALID_CREDENTIALS', message: 'no' }, 401);
    return jsonResponse({}, 404);
  });
}

const refreshCalls = (fetchMock: ReturnType<typeof mockFetch>) =>
  fetchMock.mock.calls.filter(([input]) => new URL((input as Request).url).pathname === '/api/auth/refresh');

describe('token refresh', () => {
  beforeEach(() => {
    resetRefreshState();
    authStore.setTokens({ accessToken: 'access-1', refreshToken: 'refresh-1' });
  });
  afterEach(() => resetRefreshState());

  it('refreshes once for concurrent 401s and retries each request once with the new token', async () => {
    const fetchMock = fakeApi(() => jsonResponse(session(2)));
    const results = await Promise.all([1, 2, 3].map(() => unwrap(client.GET('/api/credits'))));
    expect(results).toEqual([{ balance: 7 }, { balance: 7 }, { balance: 7 }]);
    const refreshes = refreshCalls(fetchMock);
    expect(refreshes).toHaveLength(1);
    expect(await (refreshes[0][0] as Request).json()).toEqual({ refreshToken: 'refresh-1' });
    expect(authStore.getTokens()).toEqual({ accessToken: 'access-2', refreshToken: 'refresh-2' });
    // 3 first tries + 1 refresh + 3 retries
    expect(fetchMock).toHaveBeenCalledTimes(7);
  });

  it('retries with a token refreshed meanwhile instead of refreshing again (a reused refresh token revokes the family)', async () => {
    const fetchMock = fakeApi(() => jsonResponse(session(2)));
    await unwrap(client.GET('/api/credits'));
    // A request still carrying the old token comes back 401 after the refresh already happened.
    const stale = await client.GET('/api/credits', { headers: { Authorization: 'Bearer access-1' } });
    expect(stale.data).toEqual({ balance: 7 });
    expect(refreshCalls(fetchMock)).toHaveLength(1);
  });

  it('retries only once: a second 401 is returned to the caller', async () => {
    fakeApi(() => jsonResponse({ ...session(3) }));
    await expect(unwrap(client.GET('/api/credits'))).rejects.toMatchObject({ statusCode: 401 });
  });

  it('clears the session and notifies once when the refresh is refused', async () => {
    const expired = vi.fn();
    const off = onSessionExpired(expired);
    const fetchMock = fakeApi(() =>
      jsonResponse({ statusCode: 401, code: 'REFRESH_TOKEN_REUSED', message: 'reused' }, 401),
    );
    const results = await Promise.allSettled([
      unwrap(client.GET('/api/credits')),
      unwrap(client.GET('/api/credits')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(refreshCalls(fetchMock)).toHaveLength(1);
    expect(authStore.getTokens()).toBeNull();
    expect(expired).toHaveBeenCalledTimes(1);
    off();
  });

  it('does not refresh for a 401 from the auth endpoints (wrong password is not an expired session)', async () => {
    const fetchMock = fakeApi(() => jsonResponse(session(2)));
    await expect(
      unwrap(client.POST('/api/auth/login', { body: { email: 'a@b.c', password: 'x' } })),
    ).rejects.toMatchObject({
      code: 'INVALID_CREDENTIALS',
    });
    expect(refreshCalls(fetchMock)).toHaveLength(0);
    expect(authStore.getAccessToken()).toBe('access-1');
  });

  it('does not refresh when no token was sent', async () => {
    authStore.clear();
    const fetchMock = fakeApi(() => jsonResponse(session(2)));
    await expect(unwrap(client.GET('/api/credits'))).rejects.toMatchObject({ statusCode: 401 });
    expect(refreshCalls(fetchMock)).toHaveLength(0);
  });
});
