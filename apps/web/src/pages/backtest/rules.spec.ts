import { describe, expect, it } from 'vitest';
import { defaultOperand, fromRulesSpec, rowId, toRulesSpec, type RulesModel } from './rules';

const model: RulesModel = {
  entry: {
    combine: 'and',
    rows: [
      { id: rowId(), left: { kind: 'sma', period: 10 }, op: 'crossAbove', right: { kind: 'sma', period: 30 } },
      { id: rowId(), left: { kind: 'rsi', period: 14 }, op: 'lt', right: { kind: 'const', value: 70 } },
    ],
  },
  exit: {
    combine: 'or',
    rows: [{ id: rowId(), left: { kind: 'close' }, op: 'crossBelow', right: { kind: 'bollinger', period: 20, k: 2, band: 'middle' } }],
  },
};

describe('rules builder output', () => {
  it('produces the engine RulesSpec JSON (AND of rows for entry, a single exit row)', () => {
    expect(toRulesSpec(model, { stopLossPct: 5 })).toEqual({
      entry: {
        op: 'and',
        args: [
          { op: 'crossAbove', left: { indicator: 'sma', period: 10 }, right: { indicator: 'sma', period: 30 } },
          { op: 'lt', left: { indicator: 'rsi', period: 14 }, right: { const: 70 } },
        ],
      },
      exit: { op: 'crossBelow', left: { price: 'close' }, right: { indicator: 'bollinger', period: 20, k: 2, band: 'middle' } },
      stopLossPct: 5,
    });
  });

  it('omits an empty exit and writes OR groups, MACD and Donchian operands', () => {
    const spec = toRulesSpec({
      entry: {
        combine: 'or',
        rows: [
          { id: rowId(), left: defaultOperand('macd'), op: 'crossAbove', right: { kind: 'macd', fast: 12, slow: 26, signal: 9, line: 'signal' } },
          { id: rowId(), left: { kind: 'high' }, op: 'gt', right: defaultOperand('donchian') },
        ],
      },
      exit: { combine: 'or', rows: [] },
    });
    expect(spec).toEqual({
      entry: {
        op: 'or',
        args: [
          { op: 'crossAbove', left: { indicator: 'macd', fast: 12, slow: 26, signal: 9, line: 'macd' }, right: { indicator: 'macd', fast: 12, slow: 26, signal: 9, line: 'signal' } },
          { op: 'gt', left: { price: 'high' }, right: { indicator: 'donchian', period: 20, band: 'upper' } },
        ],
      },
    });
    expect(spec).not.toHaveProperty('exit');
  });

  it('reads its own output back (run again with changes)', () => {
    const back = fromRulesSpec(toRulesSpec(model, { takeProfitPct: 12 }));
    expect(back).not.toBeNull();
    expect(toRulesSpec(back!.model, back!.risk)).toEqual(toRulesSpec(model, { takeProfitPct: 12 }));
  });

  it('refuses specs the builder cannot show', () => {
    expect(fromRulesSpec({ entry: { op: 'not', arg: { op: 'gt', left: { price: 'close' }, right: { const: 1 } } } })).toBeNull();
    expect(fromRulesSpec({ entry: { op: 'gt', left: { price: 'close', shift: 1 }, right: { const: 1 } } })).toBeNull();
  });
});
