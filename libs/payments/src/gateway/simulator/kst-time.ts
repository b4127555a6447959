const KST_OFFSET_MS = 9 * 60 * 60 * 1000;

/** Formats epoch ms the way Toss does: `2024-01-31T09:15:00+09:00`. */
export function formatKst(epochMs: number): string {
  return `${new Date(epochMs + KST_OFFSET_MS).toISOString().slice(0, 19)}+09:00`;
}
