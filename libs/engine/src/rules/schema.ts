import { z } from 'zod';
import { MAX_PERIOD, riskParams } from '../templates/common';

/** Bounds that keep a user-supplied rule set cheap to evaluate. */
export const RULE_LIMITS = {
  maxDepth: 12,
  maxNodes: 100,
  maxArgs: 20,
  maxPeriod: MAX_PERIOD,
  maxShift: 100,
} as const;

const periodField = z.number().int().min(1).max(RULE_LIMITS.maxPeriod);
const shiftField = z
  .number()
  .int()
  .min(0)
  .max(RULE_LIMITS.maxShift)
  .optional()
  .describe('Use the value this many bars back (0 = current bar)');
const sourceField = z.enum(['open', 'high', 'low', 'close']).optional();

export const PriceExprSchema = z.strictObject({
  price: z.enum(['open', 'high', 'low', 'close']),
  shift: shiftField,
});
export const ConstExprSchema = z.strictObject({
  const: z.number().refine(Number.isFinite, 'must be finite'),
});

export const IndicatorExprSchema = z.discriminatedUnion('indicator', [
  z.strictObject({
    indicator: z.literal('sma'),
    period: periodField,
    source: sourceField,
    shift: shiftField,
  }),
  z.strictObject({
    indicator: z.literal('ema'),
    period: periodField,
    source: sourceField,
    shift: shiftField,
  }),
  z.strictObject({
    indicator: z.literal('rsi'),
    period: periodField,
    source: sourceField,
    shift: shiftField,
  }),
  z.strictObject({
    indicator: z.literal('bollinger'),
    period: periodField.min(2),
    k: z.number().gt(0).max(10),
    band: z.enum(['upper', 'middle', 'lower']),
    source: sourceField,
    shift: shiftField,
  }),
  z
    .strictObject({
      indicator: z.literal('macd'),
      fast: periodField,
      slow: periodField.min(2),
      signal: periodField,
      line: z.enum(['macd', 'signal', 'hist']),
      source: sourceField,
      shift: shiftField,
    })
    .refine((m) => m.fast < m.slow, { message: 'fast must be less than slow', path: ['fast'] }),
  z.strictObject({ indicator: z.literal('atr'), period: periodField, shift: shiftField }),
  z.strictObject({
    indicator: z.literal('donchian'),
    period: periodField,
    band: z.enum(['upper', 'lower']),
    shift: shiftField,
  }),
]);

export type PriceExpr = z.infer<typeof PriceExprSchema>;
export type ConstExpr = z.infer<typeof ConstExprSchema>;
export type IndicatorExpr = z.infer<typeof IndicatorExprSchema>;
export type ArithmeticExpr = { op: 'add' | 'sub' | 'mul' | 'div'; left: Expr; right: Expr };
export type Expr = PriceExpr | ConstExpr | IndicatorExpr | ArithmeticExpr;

export type Condition =
  | { op: 'crossAbove' | 'crossBelow' | 'gt' | 'lt'; left: Expr; right: Expr }
  | { op: 'and' | 'or'; args: Condition[] }
  | { op: 'not'; arg: Condition };

export const ExprSchema: z.ZodType<Expr> = z.lazy(() =>
  z.union([
    PriceExprSchema,
    ConstExprSchema,
    IndicatorExprSchema,
    z.strictObject({ op: z.enum(['add', 'sub', 'mul', 'div']), left: ExprSchema, right: ExprSchema }),
  ]),
);

export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.discriminatedUnion('op', [
    z.strictObject({ op: z.literal('crossAbove'), left: ExprSchema, right: ExprSchema }),
    z.strictObject({ op: z.literal('crossBelow'), left: ExprSchema, right: ExprSchema }),
    z.strictObject({ op: z.literal('gt'), left: ExprSchema, right: ExprSchema }),
    z.strictObject({ op: z.literal('lt'), left: ExprSchema, right: ExprSchema }),
    z.strictObject({ op: z.literal('and'), args: z.array(ConditionSchema).min(1).max(RULE_LIMITS.maxArgs) }),
    z.strictObject({ op: z.literal('or'), args: z.array(ConditionSchema).min(1).max(RULE_LIMITS.maxArgs) }),
    z.strictObject({ op: z.literal('not'), arg: ConditionSchema }),
  ]),
);

/**
 * A rule-based strategy. Long-only unless `shortEntry` is given. When flat, `entry` buys (else
 * `shortEntry` sells short); a long is closed on `exit`, a short on `shortExit`.
 */
export const RulesSpecSchema = z
  .strictObject({
    entry: ConditionSchema,
    exit: ConditionSchema.optional(),
    shortEntry: ConditionSchema.optional(),
    shortExit: ConditionSchema.optional(),
    ...riskParams,
  })
  .superRefine((rules, ctx) => {
    const problem = ruleBoundsProblem(rules);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
  });
export type RulesSpec = z.infer<typeof RulesSpecSchema>;

/**
 * Checks depth and node count on any JSON value without recursion, so that a hostile document
 * cannot exhaust the stack before schema validation runs. Returns a message, or null.
 */
export function ruleBoundsProblem(value: unknown): string | null {
  const stack: Array<{ node: unknown; depth: number }> = [{ node: value, depth: 0 }];
  let nodes = 0;
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (!Array.isArray(node)) {
      nodes++;
      if (nodes > RULE_LIMITS.maxNodes) return `rules have more than ${RULE_LIMITS.maxNodes} nodes`;
    }
    // Arrays (and/or args) do not count as a level of their own.
    const childDepth = Array.isArray(node) ? depth : depth + 1;
    if (childDepth > RULE_LIMITS.maxDepth + 1)
      return `rules are nested deeper than ${RULE_LIMITS.maxDepth} levels`;
    for (const child of Object.values(node as Record<string, unknown>)) {
      if (child !== null && typeof child === 'object') stack.push({ node: child, depth: childDepth });
    }
  }
  return null;
}
