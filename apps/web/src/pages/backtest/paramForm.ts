import type { Schema } from '../../api/client';

export type Template = Schema<'StrategyTemplateDto'>;
export type TemplateParam = Schema<'TemplateParamDto'>;

/** Risk parameters every template accepts; the form shows them in their own section. */
export const RISK_PARAMS = ['stopLossPct', 'takeProfitPct'] as const;

export type ParamValues = Record<string, string>;

/** A range problem, as an i18n key under btParam plus its values. */
export interface ParamProblem {
  key: 'tooLow' | 'tooHigh' | 'mustExceed' | 'mustBeBelow' | 'integer' | 'number' | 'lessThan';
  values?: Record<string, string | number>;
}

export function formParams(template: Template): TemplateParam[] {
  return template.params.filter((p) => !(RISK_PARAMS as readonly string[]).includes(p.name));
}

export function defaultValues(template: Template): ParamValues {
  const values: ParamValues = {};
  for (const p of formParams(template)) values[p.name] = p.default === undefined ? '' : String(p.default);
  return values;
}

/** Checks one value against its schema (type, inclusive and exclusive bounds); empty means "default". */
export function checkParam(param: TemplateParam, raw: string): ParamProblem | null {
  if (param.type === 'string') return null;
  const text = raw.trim();
  if (text === '') return null;
  const value = Number(text);
  if (!Number.isFinite(value)) return { key: 'number' };
  if (param.type === 'integer' && !Number.isInteger(value)) return { key: 'integer' };
  if (param.min !== undefined && value < param.min) return { key: 'tooLow', values: { min: param.min } };
  if (param.max !== undefined && value > param.max) return { key: 'tooHigh', values: { max: param.max } };
  if (param.exclusiveMin !== undefined && value <= param.exclusiveMin)
    return { key: 'mustExceed', values: { min: param.exclusiveMin } };
  if (param.exclusiveMax !== undefined && value >= param.exclusiveMax)
    return { key: 'mustBeBelow', values: { max: param.exclusiveMax } };
  return null;
}

/** `fast < slow` style constraints of a template, checked on the effective values (defaults included). */
function checkConstraints(template: Template, values: ParamValues): Record<string, ParamProblem> {
  const problems: Record<string, ParamProblem> = {};
  const effective = (name: string): number | null => {
    const raw = values[name]?.trim();
    const param = template.params.find((p) => p.name === name);
    const value = raw ? Number(raw) : param?.default !== undefined ? Number(param.default) : NaN;
    return Number.isFinite(value) ? value : null;
  };
  for (const constraint of template.constraints) {
    const m = /^\s*(\w+)\s*<\s*(\w+)\s*$/.exec(constraint);
    if (!m) continue;
    const [, a, b] = m;
    const va = effective(a);
    const vb = effective(b);
    if (va !== null && vb !== null && !(va < vb)) problems[a] = { key: 'lessThan', values: { a, b } };
  }
  return problems;
}

/** Every problem of the form, by parameter name. Empty when the values can be sent. */
export function validateParams(template: Template, values: ParamValues): Record<string, ParamProblem> {
  const problems: Record<string, ParamProblem> = {};
  for (const p of formParams(template)) {
    const problem = checkParam(p, values[p.name] ?? '');
    if (problem) problems[p.name] = problem;
  }
  return { ...checkConstraints(template, values), ...problems };
}

/** The params object for the spec: numbers as numbers, empty fields left to the server's defaults. */
export function toParams(template: Template, values: ParamValues): Record<string, number | string> {
  const params: Record<string, number | string> = {};
  for (const p of formParams(template)) {
    const raw = (values[p.name] ?? '').trim();
    if (raw === '') continue;
    params[p.name] = p.type === 'string' ? raw : Number(raw);
  }
  return params;
}
