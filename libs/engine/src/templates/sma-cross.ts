import { z } from 'zod';
import { bracketOf, DirectionSchema, label, period, riskParams, type TemplateDefinition } from './common';

export const SmaCrossParamsSchema = z
  .strictObject({
    fast: period(10, 'Fast simple moving average period (bars)'),
    slow: period(30, 'Slow simple moving average period (bars)', 2),
    direction: DirectionSchema.default('long-short').describe(
      'long-short reverses on each cross; long-only goes flat',
    ),
    ...riskParams,
  })
  .refine((p) => p.fast < p.slow, { message: 'fast must be less than slow', path: ['fast'] });
export type SmaCrossParams = z.infer<typeof SmaCrossParamsSchema>;

export const smaCross: TemplateDefinition<SmaCrossParams> = {
  id: 'sma-cross',
  name: 'SMA crossover',
  description:
    'Buys when the fast simple moving average crosses above the slow one; on the opposite cross closes the position and, long-short, sells short (backtesting.py SmaCross).',
  schema: SmaCrossParamsSchema,
  constraints: ['fast < slow'],
  warmupBar: (p) => p.slow - 1,
  compile(p, cache) {
    const cross = cache.smaCrossings(p.fast, p.slow);
    return {
      label: label('sma-cross', p),
      mode: 'reversal',
      indicators: cross.lines,
      indicatorStarts: cross.starts,
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
