/**
 * A short-lived, per-process memo of rendered leaderboard pages, in front of the Redis cache.
 * The Redis version is trusted for VERSION_TRUST_MS after it was read (a refresh by another
 * process is seen within that time); a refresh in this process announces its version at once.
 * A page is served from here for at most PAGE_TTL_MS, and only under the version it was built for.
 */
export const VERSION_TRUST_MS = 250;
export const PAGE_TTL_MS = 1000;
const MAX_PAGES = 1000;

interface Entry<T> {
  version: number;
  at: number;
  page: T;
}

export class LocalPages<T> {
  private version = -1;
  private versionReadAt = -Infinity;
  private readonly pages = new Map<string, Entry<T>>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** The memoised page, if the version is still trusted and the page was built under it recently. */
  get(key: string): T | undefined {
    const hit = this.peek(key);
    return hit && !hit.stale ? hit.page : undefined;
  }

  /**
   * For the hot path (stale-while-revalidate): the memoised page, and whether it is past its fresh
   * window but within twice that (version confirmed within 2 × VERSION_TRUST_MS, page at most
   * 2 × PAGE_TTL_MS old). The caller serves a stale page and revalidates it in the background.
   */
  peek(key: string): { page: T; stale: boolean } | undefined {
    const now = this.now();
    const trustAge = now - this.versionReadAt;
    const entry = this.pages.get(key);
    if (!entry || entry.version !== this.version) return undefined;
    const age = now - entry.at;
    if (trustAge <= VERSION_TRUST_MS && age <= PAGE_TTL_MS) return { page: entry.page, stale: false };
    if (trustAge <= 2 * VERSION_TRUST_MS && age <= 2 * PAGE_TTL_MS) return { page: entry.page, stale: true };
    return undefined;
  }

  /** Remember a page read or built under `version` (as read from Redis just now). */
  set(key: string, version: number, page: T): void {
    const now = this.now();
    this.observeVersion(version, now);
    if (version !== this.version) return;
    if (this.pages.size >= MAX_PAGES) this.pages.clear();
    this.pages.set(key, { version, at: now, page });
  }

  /** A version read from Redis or bumped by a refresh in this process; never goes back. */
  observeVersion(version: number, now = this.now()): void {
    if (version < this.version) return;
    if (version > this.version) this.pages.clear();
    this.version = version;
    this.versionReadAt = now;
  }
}

type VersionListener = (version: number) => void;
const listeners = new Map<string, Set<VersionListener>>();

/** Called by a refresh in this process: memos under the same Redis prefix drop older pages at once. */
export function announceLeaderboardVersion(prefix: string, version: number): void {
  for (const listener of listeners.get(prefix) ?? []) listener(version);
}

export function onLeaderboardVersion(prefix: string, listener: VersionListener): () => void {
  const set = listeners.get(prefix) ?? new Set<VersionListener>();
  listeners.set(prefix, set);
  set.add(listener);
  return () => set.delete(listener);
}
