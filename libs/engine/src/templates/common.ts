import { z } from 'zod';
import type { IndicatorCache } from '../indicators';
import type { CompiledStrategy } from '../strategy';

export const MAX_PERIOD = 1000;

export const DirectionSchema = z.enum(['long-only', 'long-short']);
export type Direction = z.infer<typeof DirectionSchema>;

/** Optional bracket orders shared by every template; distances in percent of the signal bar's Close. */
export const riskParams = {
  stopLossPct: z
    .number()
    .gt(0)
    .lt(100)
    .optional()
    .describe('Stop-loss distance from the signal bar Close, in percent (none when omitted)'),
  takeProfitPct: z
    .number()
    .gt(0)
    .max(1000)
    .optional()
    .describe('Take-profit distance from the signal bar Close, in percent (none when omitted)'),
};

export interface RiskParams {
  stopLossPct?: number;
  takeProfitPct?: number;
}

export function period(defaultValue: number, description: string, min = 1) {
  return z.number().int().min(min).max(MAX_PERIOD).default(defaultValue).describe(description);
}

export interface TemplateDefinition<P extends RiskParams = RiskParams> {
  id: string;
  name: string;
  description: string;
  /** Parameter schema: typed, range-checked, with defaults and cross-field checks. */
  schema: z.ZodType<P>;
  /** Human-readable cross-field checks (also enforced by `schema`). */
  constraints: string[];
  /** Index of the first bar on which all indicators are defined, for given parameters. */
  warmupBar(params: P): number;
  compile(params: P, cache: IndicatorCache): CompiledStrategy;
}

export function label(id: string, params: object): string {
  const parts = Object.entries(params)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${String(v)}`);
  return `${id}(${parts.join(', ')})`;
}

export function bracketOf(params: RiskParams): { stopLossPct: number; takeProfitPct: number } {
  return { stopLossPct: params.stopLossPct ?? NaN, takeProfitPct: params.takeProfitPct ?? NaN };
}

/** Element-wise comparisons used by the templates (false on NaN). */
export function above(a: Float64Array, b: Float64Array): Uint8Array {
  const n = a.length;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = a[i] > b[i] ? 1 : 0;
  return out;
}

export function aboveConst(a: Float64Array, c: number): Uint8Array {
  const n = a.length;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = a[i] > c ? 1 : 0;
  return out;
}

export function belowConst(a: Float64Array, c: number): Uint8Array {
  const n = a.length;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = a[i] < c ? 1 : 0;
  return out;
}

/** a[i] > b[i - 1]: compare with the previous bar's value (e.g. a channel that excludes bar i). */
export function abovePrevious(a: Float64Array, b: Float64Array): Uint8Array {
  const n = a.length;
  const out = new Uint8Array(n);
  for (let i = 1; i < n; i++) out[i] = a[i] > b[i - 1] ? 1 : 0;
  return out;
}

export function belowPrevious(a: Float64Array, b: Float64Array): Uint8Array {
  const n = a.length;
  const out = new Uint8Array(n);
  for (let i = 1; i < n; i++) out[i] = a[i] < b[i - 1] ? 1 : 0;
  return out;
}
