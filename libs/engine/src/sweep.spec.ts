import { readFileSync } from 'fs';
import { join } from 'path';
import { parseOhlcvCsv } from './csv';
import { EngineError } from './errors';
import { runBacktest } from './run';
import { sweep } from './sweep';

const goog = parseOhlcvCsv(
  readFileSync(join(__dirname, '../../../data/samples/GOOG_daily_2004-2013.csv'), 'utf8'),
);

describe('sweep', () => {
  const fast = Array.from({ length: 25 }, (_, i) => 5 + i);
  const slow = Array.from({ length: 20 }, (_, i) => 10 + 3 * i);
  const result = sweep(goog, 'sma-cross', { fast, slow }, { cash: 10_000, finalize: true }, 'sharpe');

  it('runs every valid combination of the grid and skips fast >= slow', () => {
    expect(result.combinations).toBe(500);
    const valid = fast.flatMap((f) => slow.filter((s) => f < s)).length;
    expect(result.evaluated).toBe(valid);
    expect(result.skipped).toHaveLength(500 - valid);
    expect(result.skipped[0].reason).toContain('fast must be less than slow');
  });

  it('ranks by the chosen metric, best first', () => {
    const sharpe = result.results.map((r) => r.metrics.sharpe!);
    expect(sharpe).toEqual([...sharpe].sort((a, b) => b - a));
    expect(result.results[0].rank).toBe(1);
  });

  it('gives each combination the metrics of a single run', () => {
    for (const entry of [result.results[0], result.results[137], result.results[result.results.length - 1]]) {
      const single = runBacktest(
        goog,
        { kind: 'template', template: 'sma-cross', params: entry.params },
        { cash: 10_000, finalize: true },
      );
      expect(entry.metrics).toEqual(single.metrics);
    }
  });

  it('computes each moving average once for the whole grid', () => {
    expect(result.indicatorComputations).toBe(new Set([...fast, ...slow]).size);
  });

  it('supports ascending order and a result limit', () => {
    const r = sweep(goog, 'sma-cross', { fast: [5, 10], slow: [20, 40] }, {}, 'volatilityAnnPct', {
      order: 'asc',
      limit: 2,
    });
    expect(r.results).toHaveLength(2);
    expect(r.results[0].metrics.volatilityAnnPct!).toBeLessThanOrEqual(
      r.results[1].metrics.volatilityAnnPct!,
    );
  });

  it('rejects unknown parameters and metrics', () => {
    expect(() => sweep(goog, 'sma-cross', { speed: [1] }, {}, 'sharpe')).toThrow(EngineError);
    expect(() => sweep(goog, 'sma-cross', { fast: [5] }, {}, 'luck' as never)).toThrow(
      "unknown metric 'luck'",
    );
    expect(() => sweep(goog, 'nope' as never, { fast: [5] })).toThrow('unknown strategy');
  });
});
