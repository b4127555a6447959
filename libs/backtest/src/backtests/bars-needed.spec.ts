import { parseStrategySpec } from '@app/engine';
import { barsNeeded, parseRange } from './backtests.service';

describe('barsNeeded', () => {
  it('asks an SMA 10/30 cross for its 29-bar warm-up plus two bars', () => {
    expect(
      barsNeeded(
        parseStrategySpec({ kind: 'template', template: 'sma-cross', params: { fast: 10, slow: 30 } }),
      ),
    ).toBe(31);
  });

  it('uses the longest indicator of a rule set', () => {
    const spec = parseStrategySpec({
      kind: 'rules',
      rules: {
        entry: { op: 'gt', left: { indicator: 'sma', period: 50 }, right: { indicator: 'ema', period: 20 } },
      },
    });
    expect(barsNeeded(spec)).toBeGreaterThanOrEqual(51);
  });
});

describe('parseRange', () => {
  it('reads ISO dates as midnight UTC', () => {
    expect(parseRange('2020-01-01', '2020-12-31')).toEqual({
      from: new Date('2020-01-01T00:00:00Z'),
      to: new Date('2020-12-31T00:00:00Z'),
    });
  });

  it('refuses an empty or reversed range with a field error on `to`', () => {
    expect(() => parseRange('2020-01-01', '2020-01-01')).toThrow('to must be after from');
    expect(() => parseRange('2021-01-01', '2020-01-01')).toThrow('to must be after from');
  });
});
