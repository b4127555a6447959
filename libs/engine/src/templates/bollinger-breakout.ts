import { z } from 'zod';
import {
  above,
  bracketOf,
  DirectionSchema,
  label,
  period,
  riskParams,
  type TemplateDefinition,
} from './common';

export const BollingerBreakoutParamsSchema = z.strictObject({
  period: period(20, 'Moving average and standard deviation window (bars)', 2),
  k: z.number().gt(0).max(10).default(2).describe('Band width in standard deviations'),
  direction: DirectionSchema.default('long-only').describe(
    'long-short also sells short below the lower band',
  ),
  ...riskParams,
});
export type BollingerBreakoutParams = z.infer<typeof BollingerBreakoutParamsSchema>;

export const bollingerBreakout: TemplateDefinition<BollingerBreakoutParams> = {
  id: 'bollinger-breakout',
  name: 'Bollinger band breakout',
  description:
    'When flat, buys on a Close above the upper band and exits on a Close below the middle band; long-short also sells short below the lower band and covers above the middle band.',
  schema: BollingerBreakoutParamsSchema,
  constraints: [],
  warmupBar: (p) => p.period - 1,
  compile(p, cache) {
    const bands = cache.bollinger(p.period, p.k);
    const close = cache.price('close');
    return {
      label: label('bollinger-breakout', p),
      mode: 'stateful',
      indicators: [bands.upper, bands.middle, bands.lower],
      longEntry: above(close, bands.upper),
      longExit: above(bands.middle, close),
      shortEntry: above(bands.lower, close),
      shortExit: above(close, bands.middle),
      allowShort: p.direction === 'long-short',
      ...bracketOf(p),
    };
  },
};
