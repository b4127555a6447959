import { z } from 'zod';
import { EngineError } from './errors';
import { RulesSpecSchema, ruleBoundsProblem, type RulesSpec } from './rules/schema';
import {
  BollingerBreakoutParamsSchema,
  BuyAndHoldParamsSchema,
  DonchianBreakoutParamsSchema,
  EmaCrossParamsSchema,
  isTemplateId,
  MacdCrossParamsSchema,
  RsiReversionParamsSchema,
  SmaCrossParamsSchema,
  TEMPLATE_IDS,
  TEMPLATES,
  type TemplateId,
} from './templates';
import { DEFAULT_BACKTEST_OPTIONS, type BacktestOptions } from './types';

const templateSpec = <T extends TemplateId, S extends z.ZodType>(template: T, params: S) =>
  z.strictObject({
    kind: z.literal('template'),
    template: z.literal(template),
    params: params.prefault({} as z.input<S>),
  });

export const TemplateSpecSchema = z.discriminatedUnion('template', [
  templateSpec('sma-cross', SmaCrossParamsSchema),
  templateSpec('ema-cross', EmaCrossParamsSchema),
  templateSpec('rsi-reversion', RsiReversionParamsSchema),
  templateSpec('bollinger-breakout', BollingerBreakoutParamsSchema),
  templateSpec('donchian-breakout', DonchianBreakoutParamsSchema),
  templateSpec('macd-cross', MacdCrossParamsSchema),
  templateSpec('buy-and-hold', BuyAndHoldParamsSchema),
]);
export type TemplateSpec = z.infer<typeof TemplateSpecSchema>;

export const RulesStrategySpecSchema = z.strictObject({ kind: z.literal('rules'), rules: RulesSpecSchema });

/** `{ kind: 'template', template, params }` or `{ kind: 'rules', rules }`. */
export const StrategySpecSchema = z.union([TemplateSpecSchema, RulesStrategySpecSchema]);
export type StrategySpec = z.infer<typeof StrategySpecSchema>;
/** What callers may pass: template params may be partial (defaults fill the rest). */
export type StrategySpecInput = z.input<typeof StrategySpecSchema>;

export const BacktestOptionsSchema = z.strictObject({
  cash: z.number().gt(0).refine(Number.isFinite, 'must be finite').default(DEFAULT_BACKTEST_OPTIONS.cash),
  commission: z.number().min(-0.1).lt(0.1).default(DEFAULT_BACKTEST_OPTIONS.commission),
  commissionFixed: z.number().min(0).refine(Number.isFinite, 'must be finite').default(0),
  spread: z.number().min(0).lt(1).default(0),
  finalize: z.boolean().default(false),
  tradeOnClose: z.boolean().default(false),
  fractional: z.boolean().default(false),
  downsamplePoints: z.number().int().min(2).max(1_000_000).default(DEFAULT_BACKTEST_OPTIONS.downsamplePoints),
});
export type BacktestOptionsInput = z.input<typeof BacktestOptionsSchema>;

/** One line describing the first problem zod found, prefixed with `context`. */
export function describeZodError(error: z.ZodError, context: string): string {
  const issue = error.issues[0];
  const path = issue.path.map(String).join('.');
  const where = path ? `${context}: ${path}` : context;
  switch (issue.code) {
    case 'unrecognized_keys':
      return `${context}: unknown parameter${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')}${path ? ` in ${path}` : ''}`;
    case 'too_small':
      return `${where} must be ${issue.inclusive ? '>=' : '>'} ${String(issue.minimum)}`;
    case 'too_big':
      return `${where} must be ${issue.inclusive ? '<=' : '<'} ${String(issue.maximum)}`;
    case 'invalid_type':
      return `${where} must be ${issue.expected === 'int' ? 'an integer' : `a ${issue.expected}`}`;
    case 'invalid_value':
      return `${where} must be one of ${issue.values.map((v) => String(v)).join(', ')}`;
    case 'custom':
      return `${context}: ${issue.message}`;
    default:
      return `${where}: ${issue.message}`;
  }
}

/**
 * Validates a strategy spec (applying parameter defaults). Throws an EngineError with a one-line
 * message: unknown strategy, unknown parameter, or a value out of range.
 */
export function parseStrategySpec(input: unknown): StrategySpec {
  if (input !== null && typeof input === 'object') {
    const raw = input as Record<string, unknown>;
    if (raw.kind === 'template') {
      const template = raw.template;
      if (typeof template !== 'string' || !isTemplateId(template)) {
        throw new EngineError(
          'UNKNOWN_STRATEGY',
          `unknown strategy '${String(template)}' (available: ${TEMPLATE_IDS.join(', ')})`,
        );
      }
      const parsed = TemplateSpecSchema.safeParse(input);
      if (!parsed.success) throw paramError(parsed.error, template, raw.params);
      return parsed.data;
    }
    if (raw.kind === 'rules') {
      const bounds = ruleBoundsProblem(raw.rules);
      if (bounds !== null) throw new EngineError('INVALID_RULES', `invalid rules: ${bounds}`);
      const parsed = RulesStrategySpecSchema.safeParse(input);
      if (!parsed.success)
        throw new EngineError('INVALID_RULES', describeZodError(parsed.error, 'invalid rules'));
      return parsed.data;
    }
  }
  throw new EngineError(
    'UNKNOWN_STRATEGY',
    "strategy must be { kind: 'template', template, params } or { kind: 'rules', rules }",
  );
}

function paramError(error: z.ZodError, template: TemplateId, params: unknown): EngineError {
  const issue = error.issues[0];
  const inParams = issue.path[0] === 'params';
  const trimmed = new z.ZodError(
    error.issues.map((i) => ({ ...i, path: inParams ? i.path.slice(1) : i.path })),
  );
  let message = describeZodError(trimmed, `${template}`);
  if (issue.code === 'unrecognized_keys' && inParams) {
    const allowed = Object.keys((z.toJSONSchema(TEMPLATES[template].schema).properties ?? {}) as object);
    return new EngineError('UNKNOWN_PARAMETER', `${message} (allowed: ${allowed.join(', ')})`);
  }
  const name = inParams ? issue.path[1] : undefined;
  const valueCodes = ['too_small', 'too_big', 'invalid_type', 'invalid_value'];
  if (
    typeof name === 'string' &&
    valueCodes.includes(issue.code) &&
    params !== null &&
    typeof params === 'object'
  ) {
    const value = (params as Record<string, unknown>)[name];
    if (value !== undefined) message += ` (got ${JSON.stringify(value)})`;
  }
  return new EngineError('INVALID_PARAMETER', `invalid parameter for ${message}`);
}

export function parseRulesSpec(input: unknown): RulesSpec {
  const spec = parseStrategySpec({ kind: 'rules', rules: input });
  return (spec as { kind: 'rules'; rules: RulesSpec }).rules;
}

/** Validates options, filling defaults. Throws EngineError('INVALID_OPTIONS'). */
export function resolveOptions(input: BacktestOptionsInput | undefined): BacktestOptions {
  const parsed = BacktestOptionsSchema.safeParse(input ?? {});
  if (!parsed.success)
    throw new EngineError('INVALID_OPTIONS', describeZodError(parsed.error, 'invalid option'));
  return parsed.data;
}
