/** Pure helpers for the comparison screen (tested on their own). */

export type Better = 'higher' | 'lower' | null;

/** Index(es) of the best value in a row; none when fewer than two values are known or all are equal. */
export function bestIndexes(values: (number | null | undefined)[], better: Better): number[] {
  if (!better) return [];
  const known = values
    .map((v, i) => ({ v, i }))
    .filter((x): x is { v: number; i: number } => typeof x.v === 'number' && Number.isFinite(x.v));
  if (known.length < 2) return [];
  const target =
    better === 'higher' ? Math.max(...known.map((x) => x.v)) : Math.min(...known.map((x) => x.v));
  if (known.every((x) => x.v === target)) return [];
  return known.filter((x) => x.v === target).map((x) => x.i);
}

const DAY_MS = 86_400_000;

/**
 * Rebases an equity series so that it starts at 100, on an axis of days since its own start: runs over
 * different periods then overlay from the same origin.
 */
export function normaliseTo100(t: number[], v: number[]): { x: number; y: number }[] {
  const first = v.findIndex((value) => Number.isFinite(value) && value !== 0);
  if (first < 0) return [];
  const start = v[first];
  const t0 = t[first];
  const points: { x: number; y: number }[] = [];
  for (let i = first; i < Math.min(t.length, v.length); i++) {
    if (Number.isFinite(v[i])) points.push({ x: (t[i] - t0) / DAY_MS, y: (v[i] / start) * 100 });
  }
  return points;
}

/** The ids in `?ids=a,b,c`, de-duplicated, in order. */
export function parseIds(raw: string | null): string[] {
  return [
    ...new Set(
      (raw ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}
