import { z } from 'zod';
import { crossovers } from '../strategy';
import { bracketOf, DirectionSchema, label, period, riskParams, type TemplateDefinition } from './common';

export const EmaCrossParamsSchema = z
  .strictObject({
    fast: period(12, 'Fast exponential moving average period (bars)'),
    slow: period(26, 'Slow exponential moving average period (bars)', 2),
    direction: DirectionSchema.default('long-short').describe(
      'long-short reverses on each cross; long-only goes flat',
    ),
    ...riskParams,
  })
  .refine((p) => p.fast < p.slow, { message: 'fast must be less than slow', path: ['fast'] });
export type EmaCrossParams = z.infer<typeof EmaCrossParamsSchema>;

export const emaCross: TemplateDefinition<EmaCrossParams> = {
  id: 'ema-cross',
  name: 'EMA crossover',
  description:
    'Buys when the fast exponential moving average crosses above the slow one; on the opposite cross closes the position and, long-short, sells short.',
  schema: EmaCrossParamsSchema,
  constraints: ['fast < slow'],
  warmupBar: (p) => p.slow - 1,
  compile(p, cache) {
    const fast = cache.ema(p.fast);
    const slow = cache.ema(p.slow);
    const cross = crossovers(fast, slow);
    return {
      label: label('ema-cross', p),
      mode: 'reversal',
      indicators: [fast, slow],
      longEntry: cross.up,
      longExit: null,
      shortEntry: cross.down,
      shortExit: null,
      events: cross.events,
      allowShort: p.direction === 'long-short',
      ...bracketOf(p),
    };
  },
};
