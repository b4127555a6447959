import { useMemo } from 'react';
import { useFormat } from '../../../lib/useFormat';
import type { Formatters, MaybeNumber } from '../../../lib/format';
import { formatPercentValue } from '../../../lib/metrics';

/**
 * Unit-aware helpers for the explore screens. The API's `…Pct` metrics are already PERCENT values
 * (12.0 means 12 %), while `format.percent` takes a fraction, so percent values go through `pct()` (lib/metrics formatPercentValue).
 */
export function createExploreFormat(format: Formatters) {
  return {
    ...format,
    /** A percent-valued number (12.3 → "12.30%"). */
    pct: (value: MaybeNumber) => formatPercentValue(value, format.language),
    /** A percent-valued number with a + sign on gains (returns, CAGR). */
    signedPct: (value: MaybeNumber) => formatPercentValue(value, format.language, { signed: true }),
    /** A 0–1 fraction as a percentage (consistency). */
    fraction: (value: MaybeNumber) => format.percent(value),
    /** Milliseconds shown in seconds with the unit: 1530 → "1.53 s". */
    seconds: (ms: MaybeNumber) =>
      typeof ms === 'number' && Number.isFinite(ms)
        ? new Intl.NumberFormat(format.language === 'ko' ? 'ko-KR' : 'en-US', {
            style: 'unit',
            unit: 'second',
            unitDisplay: 'short',
            maximumFractionDigits: ms < 10_000 ? 2 : 1,
          }).format(ms / 1000)
        : format.number(ms),
  };
}

export type ExploreFormat = ReturnType<typeof createExploreFormat>;

export function useExploreFormat(): ExploreFormat {
  const format = useFormat();
  return useMemo(() => createExploreFormat(format), [format]);
}

/** CSS colour for a signed metric: gains and losses use the locale's colours. */
export function toneOf(value: MaybeNumber): string | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value) || value === 0) return undefined;
  return value > 0 ? 'ex-gain' : 'ex-loss';
}
