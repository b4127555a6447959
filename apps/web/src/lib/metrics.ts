import type { TFunction } from 'i18next';
import { EMPTY, formatCurrency, formatNumber, formatPercent, type MaybeNumber } from './format';

/**
 * The engine's metrics (libs/engine/src/types.ts BacktestMetrics) for display: label, unit, a tooltip
 * that defines the metric (i18n `btMetric.<key>.label` / `.definition`), and formatting. Values with a
 * `Pct` suffix are already percent (12.0 → "12.00%"), not fractions. Reused by history and compare.
 */
export type MetricKey =
  | 'equityFinal'
  | 'equityPeak'
  | 'returnPct'
  | 'buyHoldReturnPct'
  | 'returnAnnPct'
  | 'volatilityAnnPct'
  | 'cagrPct'
  | 'sharpe'
  | 'sortino'
  | 'calmar'
  | 'maxDrawdownPct'
  | 'avgDrawdownPct'
  | 'maxDrawdownDurationDays'
  | 'trades'
  | 'winRatePct'
  | 'bestTradePct'
  | 'worstTradePct'
  | 'avgTradePct'
  | 'profitFactor'
  | 'expectancyPct'
  | 'sqn'
  | 'kelly'
  | 'exposurePct'
  | 'alphaPct'
  | 'beta';

export type MetricUnit = 'percent' | 'ratio' | 'days' | 'currency' | 'count';
export type MetricGroup = 'returns' | 'risk' | 'trades';

export interface MetricDef {
  key: MetricKey;
  unit: MetricUnit;
  group: MetricGroup;
  /** Show a + on positive values and colour gains/losses. */
  signed?: boolean;
}

export const METRICS: readonly MetricDef[] = [
  { key: 'returnPct', unit: 'percent', group: 'returns', signed: true },
  { key: 'buyHoldReturnPct', unit: 'percent', group: 'returns', signed: true },
  { key: 'cagrPct', unit: 'percent', group: 'returns', signed: true },
  { key: 'returnAnnPct', unit: 'percent', group: 'returns', signed: true },
  { key: 'alphaPct', unit: 'percent', group: 'returns', signed: true },
  { key: 'beta', unit: 'ratio', group: 'returns' },
  { key: 'equityFinal', unit: 'currency', group: 'returns' },
  { key: 'equityPeak', unit: 'currency', group: 'returns' },
  { key: 'sharpe', unit: 'ratio', group: 'risk' },
  { key: 'sortino', unit: 'ratio', group: 'risk' },
  { key: 'calmar', unit: 'ratio', group: 'risk' },
  { key: 'volatilityAnnPct', unit: 'percent', group: 'risk' },
  { key: 'maxDrawdownPct', unit: 'percent', group: 'risk', signed: true },
  { key: 'avgDrawdownPct', unit: 'percent', group: 'risk', signed: true },
  { key: 'maxDrawdownDurationDays', unit: 'days', group: 'risk' },
  { key: 'exposurePct', unit: 'percent', group: 'risk' },
  { key: 'trades', unit: 'count', group: 'trades' },
  { key: 'winRatePct', unit: 'percent', group: 'trades' },
  { key: 'bestTradePct', unit: 'percent', group: 'trades', signed: true },
  { key: 'worstTradePct', unit: 'percent', group: 'trades', signed: true },
  { key: 'avgTradePct', unit: 'percent', group: 'trades', signed: true },
  { key: 'profitFactor', unit: 'ratio', group: 'trades' },
  { key: 'expectancyPct', unit: 'percent', group: 'trades', signed: true },
  { key: 'sqn', unit: 'ratio', group: 'trades' },
  { key: 'kelly', unit: 'ratio', group: 'trades' },
];

export const METRIC_GROUPS: readonly MetricGroup[] = ['returns', 'risk', 'trades'];

export function metricDef(key: MetricKey): MetricDef {
  const def = METRICS.find((m) => m.key === key);
  if (!def) throw new Error(`unknown metric ${key}`);
  return def;
}

function isNumber(value: MaybeNumber): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** A value that is already a percentage (12.3 → "12.30%"). Use formatPercent for fractions. */
export function formatPercentValue(value: MaybeNumber, language: string, options: { signed?: boolean } = {}): string {
  return isNumber(value) ? formatPercent(value / 100, language, options) : EMPTY;
}

/** Days with their unit: 12 → "12일" (ko) / "12 days" (en). */
export function formatDays(value: MaybeNumber, language: string): string {
  if (!isNumber(value)) return EMPTY;
  return new Intl.NumberFormat(language === 'ko' ? 'ko-KR' : 'en-US', {
    style: 'unit',
    unit: 'day',
    unitDisplay: 'long',
    maximumFractionDigits: 0,
  }).format(value);
}

/** Formats a metric value with its unit; null/undefined → "—". `currency` is the dataset's currency. */
export function formatMetric(def: MetricDef, value: MaybeNumber, language: string, currency = 'USD'): string {
  switch (def.unit) {
    case 'percent':
      return formatPercentValue(value, language, { signed: def.signed });
    case 'ratio':
      return formatNumber(value, language, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    case 'days':
      return formatDays(value, language);
    case 'currency':
      return formatCurrency(value, language, currency);
    case 'count':
      return formatNumber(value, language, { maximumFractionDigits: 0 });
  }
}

/** 'gain' | 'loss' | null, for colouring signed metrics. */
export function metricTone(def: MetricDef, value: MaybeNumber): 'gain' | 'loss' | null {
  if (!def.signed || !isNumber(value) || value === 0) return null;
  return value > 0 ? 'gain' : 'loss';
}

export function metricLabel(t: TFunction, key: MetricKey): string {
  return t(`btMetric.${key}.label`);
}

export function metricDefinition(t: TFunction, key: MetricKey): string {
  return t(`btMetric.${key}.definition`);
}
