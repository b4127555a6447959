import { readFileSync } from 'fs';
import { join } from 'path';
import { flatBars } from '../__fixtures__/series';
import { parseOhlcvCsv } from '../csv';
import { EngineError } from '../errors';
import { IndicatorCache } from '../indicators';
import { runBacktest } from '../run';
import { parseRulesSpec } from '../strategy.schema';
import { compileRules, rulesWarmupBar } from './compile';
import type { Condition } from './schema';

const goog = parseOhlcvCsv(
  readFileSync(join(__dirname, '../../../../data/samples/GOOG_daily_2004-2013.csv'), 'utf8'),
);
const sma = (period: number) => ({ indicator: 'sma' as const, period });

describe('rule evaluation', () => {
  const series = flatBars([1, 2, 3, 2, 1, 2, 3]);
  const signal = (c: Condition) =>
    Array.from(compileRules({ entry: c }, new IndicatorCache(series)).longEntry);

  it('crossAbove / crossBelow are strict crossovers', () => {
    const close = { price: 'close' as const };
    expect(signal({ op: 'crossAbove', left: close, right: { const: 1.5 } })).toEqual([0, 1, 0, 0, 0, 1, 0]);
    // Passing through equality (1 → 2 → 3 against 2) is not a cross: both inequalities are strict.
    expect(signal({ op: 'crossAbove', left: close, right: { const: 2 } })).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(signal({ op: 'crossBelow', left: close, right: { const: 2.5 } })).toEqual([0, 0, 0, 1, 0, 0, 0]);
  });

  it('gt, lt, and, or, not combine element-wise; undefined values compare false', () => {
    const close = { price: 'close' as const };
    expect(signal({ op: 'gt', left: close, right: { const: 1.5 } })).toEqual([0, 1, 1, 1, 0, 1, 1]);
    expect(signal({ op: 'lt', left: close, right: sma(2) })).toEqual([0, 0, 0, 1, 1, 0, 0]);
    expect(
      signal({
        op: 'and',
        args: [
          { op: 'gt', left: close, right: { const: 1.5 } },
          { op: 'not', arg: { op: 'gt', left: close, right: { const: 2.5 } } },
        ],
      }),
    ).toEqual([0, 1, 0, 1, 0, 1, 0]);
    expect(
      signal({
        op: 'or',
        args: [
          { op: 'lt', left: close, right: { const: 1.5 } },
          { op: 'gt', left: { price: 'close', shift: 1 }, right: { const: 2.5 } },
        ],
      }),
    ).toEqual([1, 0, 0, 1, 1, 0, 0]);
  });

  it('arithmetic nodes build thresholds (close > 1.2 × SMA(3))', () => {
    expect(
      signal({
        op: 'gt',
        left: { price: 'close' },
        right: { op: 'mul', left: { const: 1.2 }, right: sma(3) },
      }),
    ).toEqual([0, 0, 1, 0, 0, 0, 1]);
  });

  it('the warm-up covers every indicator and shift', () => {
    expect(
      rulesWarmupBar(
        parseRulesSpec({
          entry: {
            op: 'gt',
            left: { indicator: 'macd', fast: 12, slow: 26, signal: 9, line: 'signal' },
            right: { const: 0 },
          },
          exit: { op: 'lt', left: { indicator: 'rsi', period: 14, shift: 3 }, right: { const: 30 } },
        }),
      ),
    ).toBe(33);
  });
});

describe('rule strategies in a backtest', () => {
  it('an SMA cross written as rules equals the long-only sma-cross template', () => {
    const rules = {
      entry: { op: 'crossAbove', left: sma(10), right: sma(30) },
      exit: { op: 'crossBelow', left: sma(10), right: sma(30) },
    };
    const a = runBacktest(goog, { kind: 'rules', rules }, { finalize: true });
    const b = runBacktest(
      goog,
      { kind: 'template', template: 'sma-cross', params: { fast: 10, slow: 30, direction: 'long-only' } },
      { finalize: true },
    );
    expect(a.metrics).toEqual(b.metrics);
  });

  it('adding shortEntry enables the short side', () => {
    const r = runBacktest(
      goog,
      {
        kind: 'rules',
        rules: {
          entry: { op: 'crossAbove', left: sma(10), right: sma(30) },
          exit: { op: 'crossBelow', left: sma(10), right: sma(30) },
          shortEntry: { op: 'crossBelow', left: sma(10), right: sma(30) },
          shortExit: { op: 'crossAbove', left: sma(10), right: sma(30) },
          stopLossPct: 10,
        },
      },
      { finalize: true },
    );
    expect(r.trades.some((t) => t.size < 0)).toBe(true);
    expect(r.trades.some((t) => t.size > 0)).toBe(true);
  });
});

describe('rule validation', () => {
  const reject = (rules: unknown): string => {
    try {
      parseRulesSpec(rules);
    } catch (error) {
      expect(error).toBeInstanceOf(EngineError);
      return (error as EngineError).message;
    }
    throw new Error('accepted');
  };

  it('rejects unknown operators, indicators and out-of-range periods', () => {
    expect(reject({ entry: { op: 'xor', args: [] } })).toContain('invalid rules');
    expect(
      reject({ entry: { op: 'gt', left: { indicator: 'vwap', period: 3 }, right: { const: 1 } } }),
    ).toContain('invalid rules');
    expect(reject({ entry: { op: 'gt', left: sma(5000), right: { const: 1 } } })).toContain(
      'must be <= 1000',
    );
    expect(
      reject({ entry: { op: 'gt', left: { price: 'close' }, right: { const: 1 } }, eval: 'x' }),
    ).toContain("unknown parameter 'eval'");
  });

  it('bounds depth and size before parsing', () => {
    let deep: unknown = { op: 'gt', left: { price: 'close' }, right: { const: 1 } };
    for (let k = 0; k < 40; k++) deep = { op: 'not', arg: deep };
    expect(reject({ entry: deep })).toContain('nested deeper than');
    const wide = {
      op: 'and',
      args: Array.from({ length: 20 }, () => ({ op: 'gt', left: sma(2), right: sma(3) })),
    };
    expect(reject({ entry: { op: 'or', args: [wide, wide] } })).toContain('more than 100 nodes');
  });
});
