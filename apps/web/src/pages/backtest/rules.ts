/**
 * The rules builder's model: rows of `operand operator operand`, combined with AND/OR, for entry and
 * exit, and optionally for short entry and short exit. `toRulesSpec` produces the engine's RulesSpec
 * JSON (libs/engine/src/rules/schema.ts); `fromRulesSpec` reads one back (for "run again") when it
 * has this shape.
 */
export type PriceField = 'close' | 'open' | 'high' | 'low';
export type Operand =
  | { kind: PriceField }
  | { kind: 'sma' | 'ema' | 'rsi' | 'atr'; period: number }
  | { kind: 'bollinger'; period: number; k: number; band: 'upper' | 'middle' | 'lower' }
  | { kind: 'macd'; fast: number; slow: number; signal: number; line: 'macd' | 'signal' | 'hist' }
  | { kind: 'donchian'; period: number; band: 'upper' | 'lower' }
  | { kind: 'const'; value: number };
export type OperandKind = Operand['kind'];
export type Comparison = 'crossAbove' | 'crossBelow' | 'gt' | 'lt';
export type Combine = 'and' | 'or';

export interface RuleRow {
  id: string;
  left: Operand;
  op: Comparison;
  right: Operand;
}

export interface RuleGroup {
  combine: Combine;
  rows: RuleRow[];
}

/** Kept while switched off, so that unticking and ticking again does not lose the conditions. */
export interface ShortSide {
  enabled: boolean;
  entry: RuleGroup;
  exit: RuleGroup;
}

export interface RulesModel {
  entry: RuleGroup;
  exit: RuleGroup;
  short: ShortSide;
}

export type RulesProblem = 'needEntry' | 'needShortEntry';

export const OPERAND_KINDS: readonly OperandKind[] = [
  'close',
  'open',
  'high',
  'low',
  'sma',
  'ema',
  'rsi',
  'bollinger',
  'macd',
  'atr',
  'donchian',
  'const',
];
export const COMPARISONS: readonly Comparison[] = ['crossAbove', 'crossBelow', 'gt', 'lt'];

let nextId = 0;
export function rowId(): string {
  nextId += 1;
  return `r${nextId}`;
}

/** A new operand of a kind, with sensible defaults. */
export function defaultOperand(kind: OperandKind): Operand {
  switch (kind) {
    case 'close':
    case 'open':
    case 'high':
    case 'low':
      return { kind };
    case 'sma':
    case 'ema':
      return { kind, period: 20 };
    case 'rsi':
    case 'atr':
      return { kind, period: 14 };
    case 'bollinger':
      return { kind, period: 20, k: 2, band: 'upper' };
    case 'macd':
      return { kind, fast: 12, slow: 26, signal: 9, line: 'macd' };
    case 'donchian':
      return { kind, period: 20, band: 'upper' };
    case 'const':
      return { kind, value: 30 };
  }
}

export function defaultRules(): RulesModel {
  return {
    entry: {
      combine: 'and',
      rows: [
        {
          id: rowId(),
          left: { kind: 'sma', period: 10 },
          op: 'crossAbove',
          right: { kind: 'sma', period: 30 },
        },
      ],
    },
    exit: {
      combine: 'or',
      rows: [
        {
          id: rowId(),
          left: { kind: 'sma', period: 10 },
          op: 'crossBelow',
          right: { kind: 'sma', period: 30 },
        },
      ],
    },
    short: defaultShortSide(),
  };
}

export function defaultShortSide(): ShortSide {
  return { enabled: false, entry: { combine: 'and', rows: [] }, exit: { combine: 'or', rows: [] } };
}

/** What keeps the model from being submitted (the builder shows these as messages). */
export function rulesProblems(model: RulesModel): RulesProblem[] {
  const problems: RulesProblem[] = [];
  if (model.entry.rows.length === 0) problems.push('needEntry');
  if (model.short.enabled && model.short.entry.rows.length === 0) problems.push('needShortEntry');
  return problems;
}

export type Expr = Record<string, unknown>;
export type Condition = Record<string, unknown>;

export function operandToExpr(o: Operand): Expr {
  switch (o.kind) {
    case 'close':
    case 'open':
    case 'high':
    case 'low':
      return { price: o.kind };
    case 'const':
      return { const: o.value };
    case 'sma':
    case 'ema':
    case 'rsi':
    case 'atr':
      return { indicator: o.kind, period: o.period };
    case 'bollinger':
      return { indicator: 'bollinger', period: o.period, k: o.k, band: o.band };
    case 'macd':
      return { indicator: 'macd', fast: o.fast, slow: o.slow, signal: o.signal, line: o.line };
    case 'donchian':
      return { indicator: 'donchian', period: o.period, band: o.band };
  }
}

export function groupToCondition(group: RuleGroup): Condition | undefined {
  const conditions = group.rows.map((r) => ({
    op: r.op,
    left: operandToExpr(r.left),
    right: operandToExpr(r.right),
  }));
  if (conditions.length === 0) return undefined;
  if (conditions.length === 1) return conditions[0];
  return { op: group.combine, args: conditions };
}

export interface Risk {
  stopLossPct?: number;
  takeProfitPct?: number;
}

/**
 * The engine's RulesSpec: `{ entry, exit?, shortEntry?, shortExit?, stopLossPct?, takeProfitPct? }`.
 * The short side is written only when it is on and has an entry: the engine never opens a short
 * without `shortEntry`, so a lone `shortExit` would do nothing.
 */
export function toRulesSpec(model: RulesModel, risk: Risk = {}): Record<string, unknown> {
  const spec: Record<string, unknown> = { entry: groupToCondition(model.entry) };
  const exit = groupToCondition(model.exit);
  if (exit) spec.exit = exit;
  const shortEntry = model.short.enabled ? groupToCondition(model.short.entry) : undefined;
  if (shortEntry) {
    spec.shortEntry = shortEntry;
    const shortExit = groupToCondition(model.short.exit);
    if (shortExit) spec.shortExit = shortExit;
  }
  if (risk.stopLossPct !== undefined) spec.stopLossPct = risk.stopLossPct;
  if (risk.takeProfitPct !== undefined) spec.takeProfitPct = risk.takeProfitPct;
  return spec;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function exprToOperand(e: unknown): Operand | null {
  if (!isRecord(e) || e.shift) return null;
  if (typeof e.price === 'string') return { kind: e.price as PriceField };
  if (typeof e.const === 'number') return { kind: 'const', value: e.const };
  switch (e.indicator) {
    case 'sma':
    case 'ema':
    case 'rsi':
    case 'atr':
      return e.source && e.source !== 'close' ? null : { kind: e.indicator, period: Number(e.period) };
    case 'bollinger':
      return { kind: 'bollinger', period: Number(e.period), k: Number(e.k), band: e.band as 'upper' };
    case 'macd':
      return {
        kind: 'macd',
        fast: Number(e.fast),
        slow: Number(e.slow),
        signal: Number(e.signal),
        line: e.line as 'macd',
      };
    case 'donchian':
      return { kind: 'donchian', period: Number(e.period), band: e.band as 'upper' };
    default:
      return null;
  }
}

function conditionToGroup(c: unknown, fallback: Combine): RuleGroup | null {
  if (c === undefined) return { combine: fallback, rows: [] };
  if (!isRecord(c)) return null;
  const simple = (x: unknown): RuleRow | null => {
    if (!isRecord(x) || !COMPARISONS.includes(x.op as Comparison)) return null;
    const left = exprToOperand(x.left);
    const right = exprToOperand(x.right);
    return left && right ? { id: rowId(), left, op: x.op as Comparison, right } : null;
  };
  if ((c.op === 'and' || c.op === 'or') && Array.isArray(c.args)) {
    const rows = c.args.map(simple);
    return rows.every((r): r is RuleRow => r !== null) ? { combine: c.op, rows } : null;
  }
  const row = simple(c);
  return row ? { combine: fallback, rows: [row] } : null;
}

/** Reads a RulesSpec back into the builder, or null when it uses features the builder lacks. */
export function fromRulesSpec(spec: unknown): { model: RulesModel; risk: Risk } | null {
  if (!isRecord(spec)) return null;
  const entry = conditionToGroup(spec.entry, 'and');
  const exit = conditionToGroup(spec.exit, 'or');
  const shortEntry = conditionToGroup(spec.shortEntry, 'and');
  const shortExit = conditionToGroup(spec.shortExit, 'or');
  if (!entry || !exit || !shortEntry || !shortExit || entry.rows.length === 0) return null;
  const short = { enabled: shortEntry.rows.length > 0, entry: shortEntry, exit: shortExit };
  return {
    model: { entry, exit, short },
    risk: {
      stopLossPct: typeof spec.stopLossPct === 'number' ? spec.stopLossPct : undefined,
      takeProfitPct: typeof spec.takeProfitPct === 'number' ? spec.takeProfitPct : undefined,
    },
  };
}
