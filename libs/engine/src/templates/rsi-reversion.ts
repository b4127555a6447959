import { z } from 'zod';
import {
  aboveConst,
  belowConst,
  bracketOf,
  DirectionSchema,
  label,
  period,
  riskParams,
  type TemplateDefinition,
} from './common';

export const RsiReversionParamsSchema = z
  .strictObject({
    period: period(14, 'RSI period (bars, Wilder smoothing)', 2),
    lower: z.number().gt(0).lt(100).default(30).describe('Oversold level: buy when RSI is below it'),
    upper: z
      .number()
      .gt(0)
      .lt(100)
      .default(70)
      .describe('Overbought level: exit (or short) when RSI is above it'),
    direction: DirectionSchema.default('long-only').describe('long-short also sells short above upper'),
    ...riskParams,
  })
  .refine((p) => p.lower < p.upper, { message: 'lower must be less than upper', path: ['lower'] });
export type RsiReversionParams = z.infer<typeof RsiReversionParamsSchema>;

export const rsiReversion: TemplateDefinition<RsiReversionParams> = {
  id: 'rsi-reversion',
  name: 'RSI mean reversion',
  description:
    'When flat, buys while RSI is below `lower` and exits once RSI rises above `upper`; long-short also sells short above `upper` and covers below `lower`.',
  schema: RsiReversionParamsSchema,
  constraints: ['lower < upper'],
  warmupBar: (p) => p.period,
  compile(p, cache) {
    const rsi = cache.rsi(p.period);
    const low = belowConst(rsi, p.lower);
    const high = aboveConst(rsi, p.upper);
    return {
      label: label('rsi-reversion', p),
      mode: 'stateful',
      indicators: [rsi],
      longEntry: low,
      longExit: high,
      shortEntry: high,
      shortExit: low,
      allowShort: p.direction === 'long-short',
      ...bracketOf(p),
    };
  },
};
