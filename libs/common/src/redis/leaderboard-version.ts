/**
 * The leaderboard's cache version: every cached leaderboard page lives under it, so bumping it
 * invalidates them all (a refresh does; so does a public strategy made private, renamed or deleted).
 */
export const leaderboardVersionKey = (prefix: string) => `${prefix}:leaderboard:version`;
