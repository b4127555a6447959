import { leaderboardVersionKey } from '@app/common';

/** Every Redis key of the leaderboard, under the deployment's prefix. */
export const leaderboardKeys = (prefix: string) => ({
  /** Bumped after each refresh (and when a public strategy changes); part of every cache key. */
  version: leaderboardVersionKey(prefix),
  refreshLock: `${prefix}:leaderboard:refresh-lock`,
  /** Set by a refresh that found the lock taken: the holder runs once more so nothing is missed. */
  refreshPending: `${prefix}:leaderboard:refresh-pending`,
});
