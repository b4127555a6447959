/**
 * When a completion should refresh the aggregate: at the end of the current debounce window. Every
 * completion in one window maps to the same job id, so BullMQ keeps a single delayed job per window
 * (a duplicate id is ignored), and one arriving while that job already runs opens the next window
 * instead of being swallowed by it.
 */
export function debouncedRefreshSlot(nowMs: number, debounceSeconds: number): { jobId?: string; delayMs: number } {
  if (debounceSeconds <= 0) return { delayMs: 0 };
  const windowMs = debounceSeconds * 1000;
  const window = Math.floor(nowMs / windowMs);
  return { jobId: `leaderboard-refresh-${window}`, delayMs: (window + 1) * windowMs - nowMs };
}
