import { describe, expect, it } from 'vitest';
import { formatDays, formatMetric, formatPercentValue, metricDef, METRICS, metricTone } from './metrics';
import en from '../i18n/areas/backtest.en.json';
import ko from '../i18n/areas/backtest.ko.json';

describe('metric formatting', () => {
  it('treats *Pct values as percent, not fractions', () => {
    expect(formatPercentValue(12.345, 'en')).toBe('12.35%');
    expect(formatMetric(metricDef('returnPct'), 12.3, 'en')).toBe('+12.30%');
    expect(formatMetric(metricDef('maxDrawdownPct'), -33.58, 'en')).toBe('-33.58%');
    expect(formatMetric(metricDef('winRatePct'), 50, 'ko')).toBe('50.00%');
  });

  it('gives ratios two decimals, days and counts their units, money its currency', () => {
    expect(formatMetric(metricDef('sharpe'), 1.5, 'en')).toBe('1.50');
    expect(formatMetric(metricDef('maxDrawdownDurationDays'), 584, 'en')).toBe('584 days');
    expect(formatDays(584, 'ko')).toBe('584일');
    expect(formatMetric(metricDef('trades'), 1234, 'en')).toBe('1,234');
    expect(formatMetric(metricDef('equityFinal'), 7763.34, 'en', 'USD')).toBe('$7,763.34');
    expect(formatMetric(metricDef('equityFinal'), 1234567, 'ko', 'KRW')).toBe('₩1,234,567');
  });

  it('renders null, undefined and non-finite as an em dash', () => {
    for (const def of METRICS) {
      expect(formatMetric(def, null, 'en')).toBe('—');
      expect(formatMetric(def, undefined, 'ko')).toBe('—');
    }
    expect(formatMetric(metricDef('profitFactor'), Number.POSITIVE_INFINITY, 'en')).toBe('—');
  });

  it('colours signed metrics only', () => {
    expect(metricTone(metricDef('returnPct'), 3)).toBe('gain');
    expect(metricTone(metricDef('returnPct'), -3)).toBe('loss');
    expect(metricTone(metricDef('returnPct'), null)).toBeNull();
    expect(metricTone(metricDef('sharpe'), 2)).toBeNull();
  });

  it('has a label and a definition for every metric in both languages', () => {
    for (const { key } of METRICS) {
      for (const lang of [ko, en]) {
        const entry = (lang.btMetric as Record<string, { label: string; definition: string }>)[key];
        expect(entry?.label, key).toBeTruthy();
        expect(entry?.definition, key).toBeTruthy();
      }
    }
  });
});
