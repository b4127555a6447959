export interface AuthTokens {
  accessToken: string;
  refreshToken: string;
}

type Listener = (tokens: AuthTokens | null) => void;

const ACCESS_KEY = 'stratbench.accessToken';
const REFRESH_KEY = 'stratbench.refreshToken';
const listeners = new Set<Listener>();

// localStorage can throw (disabled storage, private mode quota); treat that as "no token".
function read(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string | null): void {
  try {
    if (value === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, value);
  } catch {
    /* storage unavailable: the session lasts until reload */
  }
}

function notify(): void {
  const tokens = authStore.getTokens();
  listeners.forEach((listener) => listener(tokens));
}

export const authStore = {
  getAccessToken(): string | null {
    return read(ACCESS_KEY);
  },
  getRefreshToken(): string | null {
    return read(REFRESH_KEY);
  },
  getTokens(): AuthTokens | null {
    const accessToken = read(ACCESS_KEY);
    const refreshToken = read(REFRESH_KEY);
    return accessToken && refreshToken ? { accessToken, refreshToken } : null;
  },
  setTokens(tokens: AuthTokens): void {
    write(ACCESS_KEY, tokens.accessToken);
    write(REFRESH_KEY, tokens.refreshToken);
    notify();
  },
  clear(): void {
    write(ACCESS_KEY, null);
    write(REFRESH_KEY, null);
    notify();
  },
  /** Called on every change, including logins/logouts in other tabs. Returns an unsubscribe function. */
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

if (typeof window !== 'undefined') {
  window.addEventListener('storage', (event) => {
    if (event.key === null || event.key === ACCESS_KEY || event.key === REFRESH_KEY) notify();
  });
}
