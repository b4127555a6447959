/** Test helpers for the explore screens (imported by *.spec.tsx only). */
import { authStore } from '../../api/authStore';
import { jsonResponse, mockFetch } from '../../test/http';

/** For the first find of a lazy page: the chunk compiles on first use (slow on a busy machine). */
export const SLOW = { timeout: 10_000 };

export type Role = 'trader' | 'support' | 'admin';

export const ME = {
  id: '00000000-0000-4000-8000-000000000001',
  email: 'trader@stratbench.dev',
  displayName: 'trader',
  role: 'trader' as Role,
  plan: 'basic',
  locale: 'ko',
  createdAt: '2024-01-01T00:00:00.000Z',
};

export function signIn(role: Role = 'trader') {
  authStore.setTokens({ accessToken: 'test-access', refreshToken: 'test-refresh' });
  return { ...ME, role };
}

type Handler = (request: Request, url: URL) => unknown;

/**
 * Fakes the API by "METHOD /path" (path params as :x). A handler returns a body (sent as 200 JSON)
 * or a Response. /api/me and /api/credits are answered for the signed-in user unless overridden.
 */
export function mockApi(routes: Record<string, Handler>, me: typeof ME = ME) {
  const table: [string, RegExp, Handler][] = Object.entries({
    'GET /api/me': () => me,
    'GET /api/credits': () => ({ balance: 100 }),
    'GET /api/market-data/symbols': () => ({ symbols: [] }),
    'GET /api/strategies/templates': () => [],
    ...routes,
  }).map(([key, handler]) => {
    const [method, path] = key.split(' ');
    return [method, new RegExp(`^${path.replace(/:[a-zA-Z]+/g, '[^/]+')}$`), handler];
  });
  return mockFetch(async (request) => {
    const url = new URL(request.url);
    // Literal paths win over parameterised ones (`/api/strategies/templates` before `/api/strategies/:id`).
    const candidates = table.filter(
      ([method, pattern]) => method === request.method && pattern.test(url.pathname),
    );
    const match = candidates.find(([, pattern]) => !pattern.source.includes('[^/]+')) ?? candidates[0];
    if (!match)
      return jsonResponse(
        { statusCode: 404, code: 'NOT_FOUND', message: `No mock for ${request.method} ${url.pathname}` },
        404,
      );
    const result = await match[2](request, url);
    return result instanceof Response ? result : jsonResponse(result);
  });
}

/** The requests made to one path, as URLs. */
export function callsTo(fetchMock: ReturnType<typeof mockFetch>, method: string, pathname: string): URL[] {
  return fetchMock.mock.calls
    .map(([input]) => input as Request)
    .filter((r) => r.method === method && new URL(r.url).pathname === pathname)
    .map((r) => new URL(r.url));
}
