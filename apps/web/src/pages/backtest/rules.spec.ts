import { describe, expect, it } from 'vitest';
import {
  defaultOperand,
  defaultShortSide,
  fromRulesSpec,
  rowId,
  rulesProblems,
  toRulesSpec,
  type RuleGroup,
  type RulesModel,
} from './rules';

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
  short: defaultShortSide(),
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
      short: defaultShortSide(),
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

const shortEntry: RuleGroup = {
  combine: 'and',
  rows: [{ id: rowId(), left: { kind: 'sma', period: 10 }, op: 'crossBelow', right: { kind: 'sma', period: 30 } }],
};
const shortExit: RuleGroup = {
  combine: 'or',
  rows: [
    { id: rowId(), left: { kind: 'rsi', period: 14 }, op: 'lt', right: { kind: 'const', value: 30 } },
    { id: rowId(), left: { kind: 'close' }, op: 'crossAbove', right: { kind: 'donchian', period: 20, band: 'upper' } },
  ],
};
const longOnly = toRulesSpec(model);

describe('rules builder short side', () => {
  it('writes the long-only spec unchanged, byte for byte, while the short side is off', () => {
    const withShortOff: RulesModel = { ...model, short: { enabled: false, entry: shortEntry, exit: shortExit } };
    const before =
      '{"entry":{"op":"and","args":[{"op":"crossAbove","left":{"indicator":"sma","period":10},"right":{"indicator":"sma","period":30}},' +
      '{"op":"lt","left":{"indicator":"rsi","period":14},"right":{"const":70}}]},' +
      '"exit":{"op":"crossBelow","left":{"price":"close"},"right":{"indicator":"bollinger","period":20,"k":2,"band":"middle"}},' +
      '"stopLossPct":5,"takeProfitPct":10}';
    expect(JSON.stringify(toRulesSpec(model, { stopLossPct: 5, takeProfitPct: 10 }))).toBe(before);
    expect(JSON.stringify(toRulesSpec(withShortOff, { stopLossPct: 5, takeProfitPct: 10 }))).toBe(before);
  });

  it('adds shortEntry and shortExit, after the long side and before the risk limits, when it is on', () => {
    const spec = toRulesSpec({ ...model, short: { enabled: true, entry: shortEntry, exit: shortExit } }, { stopLossPct: 5 });
    expect(Object.keys(spec)).toEqual(['entry', 'exit', 'shortEntry', 'shortExit', 'stopLossPct']);
    expect(spec).toMatchObject(longOnly);
    expect(spec.shortEntry).toEqual({
      op: 'crossBelow',
      left: { indicator: 'sma', period: 10 },
      right: { indicator: 'sma', period: 30 },
    });
    expect(spec.shortExit).toEqual({
      op: 'or',
      args: [
        { op: 'lt', left: { indicator: 'rsi', period: 14 }, right: { const: 30 } },
        { op: 'crossAbove', left: { price: 'close' }, right: { indicator: 'donchian', period: 20, band: 'upper' } },
      ],
    });
  });

  it('leaves out an empty short exit, and the whole short side while it has no entry', () => {
    const empty = { combine: 'or' as const, rows: [] };
    expect(toRulesSpec({ ...model, short: { enabled: true, entry: shortEntry, exit: empty } })).not.toHaveProperty('shortExit');
    const noEntry = toRulesSpec({ ...model, short: { enabled: true, entry: { combine: 'and', rows: [] }, exit: shortExit } });
    expect(noEntry).toEqual(longOnly);
  });

  it('reports a missing short entry only while the short side is on', () => {
    const noShortEntry = { enabled: true, entry: { combine: 'and' as const, rows: [] }, exit: shortExit };
    expect(rulesProblems(model)).toEqual([]);
    expect(rulesProblems({ ...model, short: noShortEntry })).toEqual(['needShortEntry']);
    expect(rulesProblems({ ...model, short: { ...noShortEntry, enabled: false } })).toEqual([]);
    expect(rulesProblems({ entry: { combine: 'and', rows: [] }, exit: model.exit, short: noShortEntry })).toEqual([
      'needEntry',
      'needShortEntry',
    ]);
  });

  it('reads shortEntry and shortExit back into an enabled short side', () => {
    const withShort: RulesModel = { ...model, short: { enabled: true, entry: shortEntry, exit: shortExit } };
    const spec = toRulesSpec(withShort, { takeProfitPct: 12 });
    const back = fromRulesSpec(spec);
    expect(back).not.toBeNull();
    expect(back!.model.short).toMatchObject({
      enabled: true,
      entry: { combine: 'and', rows: [{ left: { kind: 'sma', period: 10 }, op: 'crossBelow', right: { kind: 'sma', period: 30 } }] },
      exit: { combine: 'or', rows: [{ op: 'lt' }, { op: 'crossAbove' }] },
    });
    expect(toRulesSpec(back!.model, back!.risk)).toEqual(spec);
  });

  it('reads a long-only spec back with the short side off and empty', () => {
    const back = fromRulesSpec(toRulesSpec(model));
    expect(back!.model.short).toEqual(defaultShortSide());
  });

  it('refuses a short side the builder cannot show', () => {
    const not = { op: 'not', arg: { op: 'gt', left: { price: 'close' }, right: { const: 1 } } };
    expect(fromRulesSpec({ ...toRulesSpec(model), shortEntry: not })).toBeNull();
    expect(fromRulesSpec({ ...toRulesSpec(model), shortEntry: toRulesSpec(model).entry, shortExit: not })).toBeNull();
  });
});
