import type { Schema } from '../../api/client';
import { defaultValues, toParams, type ParamValues, type Template } from './paramForm';
import { defaultRules, fromRulesSpec, toRulesSpec, type RulesModel } from './rules';

export type MarketSymbol = Schema<'MarketSymbolDto'>;
export type SubmitBody = Schema<'SubmitBacktestDto'>;
export type BacktestDto = Schema<'BacktestDto'>;

export interface BacktestForm {
  mode: 'template' | 'rules';
  templateId: string;
  params: ParamValues;
  rules: RulesModel;
  stopLossPct: string;
  takeProfitPct: string;
  symbolId: string;
  timeframe: string;
  from: string;
  to: string;
  cash: string;
  /** In percent, as typed (0.2 → 0.002 sent). */
  commissionPct: string;
  spreadPct: string;
  finalize: boolean;
  tradeOnClose: boolean;
  save: boolean;
  saveName: string;
  visibility: 'private' | 'public';
}

export function initialForm(): BacktestForm {
  return {
    mode: 'template',
    templateId: 'sma-cross',
    params: {},
    rules: defaultRules(),
    stopLossPct: '',
    takeProfitPct: '',
    symbolId: '',
    timeframe: '1d',
    from: '',
    to: '',
    cash: '10000',
    commissionPct: '0.1',
    spreadPct: '0',
    finalize: true,
    tradeOnClose: false,
    save: false,
    saveName: '',
    visibility: 'private',
  };
}

export const isoDay = (value: string | number | Date): string => new Date(value).toISOString().slice(0, 10);

function addYears(day: string, years: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return isoDay(d);
}

/** The symbol's span as YYYY-MM-DD, or null when it has no bars. */
export function symbolSpan(symbol: MarketSymbol): { first: string; last: string } | null {
  return symbol.firstTime && symbol.lastTime
    ? { first: isoDay(symbol.firstTime), last: isoDay(symbol.lastTime) }
    : null;
}

/** Default range: the last ~2 years of the symbol's data, clamped to its span. */
export function defaultRange(symbol: MarketSymbol): { from: string; to: string } {
  const span = symbolSpan(symbol);
  if (!span) return { from: '', to: '' };
  const from = addYears(span.last, -2);
  return { from: from < span.first ? span.first : from, to: span.last };
}

/** Keeps an existing range inside the symbol's span (or picks the default when it does not overlap). */
export function clampRange(symbol: MarketSymbol, from: string, to: string): { from: string; to: string } {
  const span = symbolSpan(symbol);
  if (!span) return { from, to };
  if (!from || !to || to < span.first || from > span.last) return defaultRange(symbol);
  return { from: from < span.first ? span.first : from, to: to > span.last ? span.last : to };
}

const num = (text: string): number | undefined => (text.trim() === '' ? undefined : Number(text));

/** The inline engine spec the form describes. */
export function toSpec(form: BacktestForm, template: Template | undefined): Record<string, unknown> {
  const risk = { stopLossPct: num(form.stopLossPct), takeProfitPct: num(form.takeProfitPct) };
  if (form.mode === 'rules') return { kind: 'rules', rules: toRulesSpec(form.rules, risk) };
  const params: Record<string, unknown> = template ? toParams(template, form.params) : {};
  if (risk.stopLossPct !== undefined) params.stopLossPct = risk.stopLossPct;
  if (risk.takeProfitPct !== undefined) params.takeProfitPct = risk.takeProfitPct;
  return { kind: 'template', template: form.templateId, params };
}

/** Fractions rounded to avoid 0.1 / 100 = 0.0010000000000000002. */
const pctToFraction = (text: string): number => Math.round((Number(text || 0) / 100) * 1e10) / 1e10;

export function toSubmitBody(
  form: BacktestForm,
  symbol: MarketSymbol,
  spec: { strategyId: string } | { strategy: Record<string, unknown> },
): SubmitBody {
  return {
    ...spec,
    symbol: symbol.id,
    timeframe: form.timeframe as SubmitBody['timeframe'],
    from: form.from,
    to: form.to,
    cash: Number(form.cash),
    commission: pctToFraction(form.commissionPct),
    spread: pctToFraction(form.spreadPct),
    finalize: form.finalize,
    tradeOnClose: form.tradeOnClose,
  } as SubmitBody;
}

const fractionToPct = (f: number): string => String(Math.round(f * 100 * 1e8) / 1e8);

/** A finished job's frozen strategy and options back into the form ("run again with changes"). */
export function fromBacktest(b: BacktestDto, templates: Template[]): BacktestForm {
  const base = initialForm();
  const spec = b.strategySpec as Record<string, unknown>;
  const form: BacktestForm = {
    ...base,
    symbolId: b.symbolId,
    timeframe: b.timeframe,
    from: isoDay(b.from),
    to: isoDay(b.to),
    cash: String(b.options.cash),
    commissionPct: fractionToPct(b.options.commission),
    spreadPct: fractionToPct(b.options.spread),
    finalize: b.options.finalize,
    tradeOnClose: b.options.tradeOnClose,
  };
  if (spec.kind === 'template' && typeof spec.template === 'string') {
    const template = templates.find((t) => t.id === spec.template);
    const params = (spec.params ?? {}) as Record<string, unknown>;
    const values = template ? defaultValues(template) : {};
    for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null) values[k] = String(v);
    const { stopLossPct, takeProfitPct, ...rest } = values;
    return {
      ...form,
      mode: 'template',
      templateId: spec.template,
      params: rest,
      stopLossPct: stopLossPct ?? '',
      takeProfitPct: takeProfitPct ?? '',
    };
  }
  if (spec.kind === 'rules') {
    const parsed = fromRulesSpec(spec.rules);
    if (parsed) {
      return {
        ...form,
        mode: 'rules',
        rules: parsed.model,
        stopLossPct: parsed.risk.stopLossPct?.toString() ?? '',
        takeProfitPct: parsed.risk.takeProfitPct?.toString() ?? '',
      };
    }
  }
  return form;
}
