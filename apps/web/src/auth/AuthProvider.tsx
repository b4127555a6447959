import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  createContext,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { authStore, client, unwrap, type Schema } from '../api/client';
import { installRefresh, onSessionExpired, storeSession, type Me } from './session';

installRefresh();

export type AuthStatus = 'anonymous' | 'loading' | 'authenticated' | 'error';
export type Role = Me['role'];

export interface AuthContextValue {
  status: AuthStatus;
  user: Me | null;
  /** The error of GET /api/me when status is 'error' (e.g. the server is unreachable). */
  error: unknown;
  isStaff: boolean;
  isAdmin: boolean;
  login(body: Schema<'LogInDto'>): Promise<Me>;
  signup(body: Schema<'SignUpDto'>): Promise<Me>;
  logout(): Promise<void>;
  retry(): void;
}

export const AuthContext = createContext<AuthContextValue | null>(null);

export const ME_QUERY_KEY = ['auth', 'me'] as const;
const isMeQuery = (key: readonly unknown[]) => key[0] === ME_QUERY_KEY[0] && key[1] === ME_QUERY_KEY[1];

function subscribe(onChange: () => void): () => void {
  return authStore.subscribe(onChange);
}

/** The current access token, re-rendering on login, refresh, logout and changes in other tabs. */
export function useAccessToken(): string | null {
  return useSyncExternalStore(subscribe, authStore.getAccessToken, () => null);
}

export const isStaffRole = (role: Role | undefined): boolean => role === 'support' || role === 'admin';

/** Session state for the whole app. Lives inside the router (it redirects to /login when a session expires). */
export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const token = useAccessToken();
  const hasSession = token !== null;

  const me = useQuery({
    queryKey: ME_QUERY_KEY,
    queryFn: () => unwrap(client.GET('/api/me')),
    enabled: hasSession,
    staleTime: 60_000,
    retry: false,
  });

  // Signing out (here, by expiry or in another tab) drops every cached answer that belonged to the user.
  const hadSession = useRef(hasSession);
  useEffect(() => {
    if (hadSession.current && !hasSession)
      void queryClient.resetQueries({ predicate: (q) => !isMeQuery(q.queryKey) });
    hadSession.current = hasSession;
  }, [hasSession, queryClient]);

  const locationRef = useRef(location);
  locationRef.current = location;
  useEffect(
    () =>
      onSessionExpired(() => {
        const { pathname, search } = locationRef.current;
        if (pathname === '/login' || pathname === '/signup') return;
        const next = encodeURIComponent(pathname + search);
        void navigate(`/login?expired=1&next=${next}`, { replace: true });
      }),
    [navigate],
  );

  const begin = useCallback(
    (session: Schema<'AuthSessionDto'>): Me => {
      storeSession(session);
      queryClient.setQueryData(ME_QUERY_KEY, session.user);
      // Whatever was cached belonged to no one (or someone else): start over with the new identity.
      void queryClient.resetQueries({ predicate: (q) => !isMeQuery(q.queryKey) });
      return session.user;
    },
    [queryClient],
  );

  const login = useCallback(
    async (body: Schema<'LogInDto'>) => begin(await unwrap(client.POST('/api/auth/login', { body }))),
    [begin],
  );
  const signup = useCallback(
    async (body: Schema<'SignUpDto'>) => begin(await unwrap(client.POST('/api/auth/signup', { body }))),
    [begin],
  );
  const logout = useCallback(async () => {
    const refreshToken = authStore.getRefreshToken();
    authStore.clear();
    // Revoking is best effort: the local session is gone either way.
    if (refreshToken)
      await client.POST('/api/auth/logout', { body: { refreshToken } }).catch(() => undefined);
  }, []);

  const user = hasSession ? (me.data ?? null) : null;
  const status: AuthStatus = !hasSession
    ? 'anonymous'
    : user
      ? 'authenticated'
      : me.isError
        ? 'error'
        : 'loading';
  const refetch = me.refetch;

  const value = useMemo<AuthContextValue>(
    () => ({
      status,
      user,
      error: me.error,
      isStaff: isStaffRole(user?.role),
      isAdmin: user?.role === 'admin',
      login,
      signup,
      logout,
      retry: () => void refetch(),
    }),
    [status, user, me.error, login, signup, logout, refetch],
  );

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
