import type { Schema } from '../../../api/client';

export type TemplateParam = Schema<'TemplateParamDto'>;
export type ParamDraft = Record<string, string>;

/** The form's text values for a template's parameters (current values, else defaults). */
export function draftFromParams(params: TemplateParam[], values: Record<string, unknown>): ParamDraft {
  const draft: ParamDraft = {};
  for (const p of params) {
    const v = values[p.name] ?? p.default;
    draft[p.name] = v === undefined || v === null ? '' : String(v);
  }
  return draft;
}

export type ParamProblem =
  | { kind: 'required' }
  | { kind: 'integer' }
  | { kind: 'number' }
  | { kind: 'min'; limit: number }
  | { kind: 'max'; limit: number }
  | { kind: 'exclusiveMin'; limit: number }
  | { kind: 'exclusiveMax'; limit: number }
  | { kind: 'enum' };

/** Parses the draft against the template schema: the values to send, and a problem per field. */
export function parseParams(
  params: TemplateParam[],
  draft: ParamDraft,
): { values: Record<string, unknown>; problems: Record<string, ParamProblem> } {
  const values: Record<string, unknown> = {};
  const problems: Record<string, ParamProblem> = {};
  for (const p of params) {
    const text = (draft[p.name] ?? '').trim();
    if (text === '') {
      if (p.required) problems[p.name] = { kind: 'required' };
      continue;
    }
    if (p.type === 'string') {
      if (p.enum && !p.enum.includes(text)) problems[p.name] = { kind: 'enum' };
      else values[p.name] = text;
      continue;
    }
    const n = Number(text);
    if (!Number.isFinite(n)) {
      problems[p.name] = { kind: p.type === 'integer' ? 'integer' : 'number' };
      continue;
    }
    if (p.type === 'integer' && !Number.isInteger(n)) problems[p.name] = { kind: 'integer' };
    else if (p.min !== undefined && n < p.min) problems[p.name] = { kind: 'min', limit: p.min };
    else if (p.max !== undefined && n > p.max) problems[p.name] = { kind: 'max', limit: p.max };
    else if (p.exclusiveMin !== undefined && n <= p.exclusiveMin)
      problems[p.name] = { kind: 'exclusiveMin', limit: p.exclusiveMin };
    else if (p.exclusiveMax !== undefined && n >= p.exclusiveMax)
      problems[p.name] = { kind: 'exclusiveMax', limit: p.exclusiveMax };
    else values[p.name] = n;
  }
  return { values, problems };
}

/** Splits the API's `spec` messages onto the parameters they name ("fast must be less than slow" → fast). */
export function assignSpecMessages(
  messages: string[],
  names: string[],
): { byParam: Record<string, string[]>; general: string[] } {
  const byParam: Record<string, string[]> = {};
  const general: string[] = [];
  for (const message of messages) {
    const detail = message.includes(':') ? message.slice(message.indexOf(':') + 1) : message;
    const name = names.find((n) =>
      new RegExp(`(^|[^\\w.])${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w])`).test(detail),
    );
    if (name) (byParam[name] ??= []).push(message);
    else general.push(message);
  }
  return { byParam, general };
}
