import type { IndicatorCache } from '../indicators';
import { crossover, shifted, type CompiledStrategy } from '../strategy';
import type { Condition, Expr, IndicatorExpr, RulesSpec } from './schema';
import { allocF64 } from '../scratch';

/**
 * Compiles a validated rule set into signal arrays: each expression becomes one Float64Array over all
 * bars (indicators come from the shared cache) and each condition one Uint8Array. Nothing is
 * evaluated with `eval`; the tree is walked once per node.
 */
export function compileRules(rules: RulesSpec, cache: IndicatorCache): CompiledStrategy {
  const declared: Float64Array[] = [];
  const ctx = { cache, declared };
  const longEntry = evalCondition(rules.entry, ctx);
  const longExit = rules.exit ? evalCondition(rules.exit, ctx) : null;
  const shortEntry = rules.shortEntry ? evalCondition(rules.shortEntry, ctx) : null;
  const shortExit = rules.shortExit ? evalCondition(rules.shortExit, ctx) : null;
  return {
    label: 'rules',
    mode: 'stateful',
    indicators: declared,
    longEntry,
    longExit,
    shortEntry,
    shortExit,
    allowShort: shortEntry !== null,
    stopLossPct: rules.stopLossPct ?? NaN,
    takeProfitPct: rules.takeProfitPct ?? NaN,
  };
}

/** Index of the first bar on which every indicator of the rule set is defined. */
export function rulesWarmupBar(rules: RulesSpec): number {
  let w = 0;
  const visitExpr = (e: Expr): void => {
    if ('indicator' in e) w = Math.max(w, indicatorWarmup(e) + (e.shift ?? 0));
    else if ('price' in e) w = Math.max(w, e.shift ?? 0);
    else if ('op' in e) {
      visitExpr(e.left);
      visitExpr(e.right);
    }
  };
  const visit = (c: Condition): void => {
    if ('args' in c) c.args.forEach(visit);
    else if ('arg' in c) visit(c.arg);
    else {
      visitExpr(c.left);
      visitExpr(c.right);
    }
  };
  for (const c of [rules.entry, rules.exit, rules.shortEntry, rules.shortExit]) if (c) visit(c);
  return w;
}

function indicatorWarmup(e: IndicatorExpr): number {
  switch (e.indicator) {
    case 'sma':
    case 'ema':
    case 'bollinger':
    case 'donchian':
      return e.period - 1;
    case 'rsi':
    case 'atr':
      return e.period;
    case 'macd':
      return e.line === 'macd' ? e.slow - 1 : e.slow + e.signal - 2;
  }
}

interface Context {
  cache: IndicatorCache;
  declared: Float64Array[];
}

function evalExpr(e: Expr, ctx: Context): Float64Array {
  const { cache } = ctx;
  if ('const' in e) {
    return cache.memoise(`const:${e.const}`, () => allocF64(cache.series.close.length).fill(e.const));
  }
  if ('price' in e) {
    const shift = e.shift ?? 0;
    const values = cache.memoise(`price:${e.price}:${shift}`, () => shifted(cache.price(e.price), shift));
    if (shift > 0) ctx.declared.push(values);
    return values;
  }
  if ('indicator' in e) {
    const shift = e.shift ?? 0;
    const base = indicatorValues(e, cache);
    const values =
      shift > 0 ? cache.memoise(`shift:${shift}:${stableKey(e)}`, () => shifted(base, shift)) : base;
    ctx.declared.push(values);
    return values;
  }
  const left = evalExpr(e.left, ctx);
  const right = evalExpr(e.right, ctx);
  const n = left.length;
  const out = allocF64(n);
  switch (e.op) {
    case 'add':
      for (let i = 0; i < n; i++) out[i] = left[i] + right[i];
      break;
    case 'sub':
      for (let i = 0; i < n; i++) out[i] = left[i] - right[i];
      break;
    case 'mul':
      for (let i = 0; i < n; i++) out[i] = left[i] * right[i];
      break;
    case 'div':
      // x / 0 is undefined here (NaN), so comparisons with it are simply false.
      for (let i = 0; i < n; i++) out[i] = right[i] !== 0 ? left[i] / right[i] : NaN;
      break;
  }
  return out;
}

function indicatorValues(e: IndicatorExpr, cache: IndicatorCache): Float64Array {
  switch (e.indicator) {
    case 'sma':
      return cache.sma(e.period, e.source);
    case 'ema':
      return cache.ema(e.period, e.source);
    case 'rsi':
      return cache.rsi(e.period, e.source);
    case 'bollinger':
      return cache.bollinger(e.period, e.k, e.source)[e.band];
    case 'macd':
      return cache.macd(e.fast, e.slow, e.signal, e.source)[e.line];
    case 'atr':
      return cache.atr(e.period);
    case 'donchian':
      return cache.donchian(e.period)[e.band];
  }
}

function evalCondition(c: Condition, ctx: Context): Uint8Array {
  switch (c.op) {
    case 'crossAbove':
      return crossover(evalExpr(c.left, ctx), evalExpr(c.right, ctx));
    case 'crossBelow':
      return crossover(evalExpr(c.right, ctx), evalExpr(c.left, ctx));
    case 'gt':
    case 'lt': {
      const a = evalExpr(c.op === 'gt' ? c.left : c.right, ctx);
      const b = evalExpr(c.op === 'gt' ? c.right : c.left, ctx);
      const n = a.length;
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) out[i] = a[i] > b[i] ? 1 : 0;
      return out;
    }
    case 'and':
    case 'or': {
      const parts = c.args.map((arg) => evalCondition(arg, ctx));
      const out = Uint8Array.from(parts[0]);
      const n = out.length;
      for (let k = 1; k < parts.length; k++) {
        const p = parts[k];
        if (c.op === 'and') for (let i = 0; i < n; i++) out[i] &= p[i];
        else for (let i = 0; i < n; i++) out[i] |= p[i];
      }
      return out;
    }
    case 'not': {
      const inner = evalCondition(c.arg, ctx);
      const out = new Uint8Array(inner.length);
      for (let i = 0; i < out.length; i++) out[i] = inner[i] ^ 1;
      return out;
    }
  }
}

/** Canonical JSON (sorted keys) used as a memo key. */
function stableKey(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(stableKey).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableKey(v)}`).join(',')}}`;
}
