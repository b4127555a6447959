import { z } from 'zod';
import { crossovers } from '../strategy';
import { bracketOf, DirectionSchema, label, period, riskParams, type TemplateDefinition } from './common';

export const MacdCrossParamsSchema = z
  .strictObject({
    fast: period(12, 'Fast EMA period of the MACD line (bars)'),
    slow: period(26, 'Slow EMA period of the MACD line (bars)', 2),
    signal: period(9, 'EMA period of the signal line (bars)'),
    direction: DirectionSchema.default('long-short').describe(
      'long-short reverses on each cross; long-only goes flat',
    ),
    ...riskParams,
  })
  .refine((p) => p.fast < p.slow, { message: 'fast must be less than slow', path: ['fast'] });
export type MacdCrossParams = z.infer<typeof MacdCrossParamsSchema>;

export const macdCross: TemplateDefinition<MacdCrossParams> = {
  id: 'macd-cross',
  name: 'MACD signal cross',
  description:
    'Buys when the MACD line crosses above its signal line; on the opposite cross closes the position and, long-short, sells short.',
  schema: MacdCrossParamsSchema,
  constraints: ['fast < slow'],
  warmupBar: (p) => p.slow + p.signal - 2,
  compile(p, cache) {
    const lines = cache.macd(p.fast, p.slow, p.signal);
    const cross = crossovers(lines.macd, lines.signal);
    return {
      label: label('macd-cross', p),
      mode: 'reversal',
      indicators: [lines.macd, lines.signal],
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
