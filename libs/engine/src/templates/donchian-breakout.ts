import { z } from 'zod';
import {
  abovePrevious,
  belowPrevious,
  bracketOf,
  DirectionSchema,
  label,
  period,
  riskParams,
  type TemplateDefinition,
} from './common';

export const DonchianBreakoutParamsSchema = z.strictObject({
  entry: period(20, 'Entry channel: breakout above the highest High of this many previous bars', 2),
  exit: period(10, 'Exit channel: exit below the lowest Low of this many previous bars', 2),
  direction: DirectionSchema.default('long-only').describe(
    'long-short also sells short on a downside breakout',
  ),
  ...riskParams,
});
export type DonchianBreakoutParams = z.infer<typeof DonchianBreakoutParamsSchema>;

export const donchianBreakout: TemplateDefinition<DonchianBreakoutParams> = {
  id: 'donchian-breakout',
  name: 'Momentum Breakout (Donchian)',
  description:
    'When flat, buys when the Close breaks above the highest High of the previous `entry` bars and exits when it breaks below the lowest Low of the previous `exit` bars (turtle-style); long-short mirrors it for shorts.',
  schema: DonchianBreakoutParamsSchema,
  constraints: [],
  warmupBar: (p) => Math.max(p.entry, p.exit) - 1,
  compile(p, cache) {
    const entry = cache.donchian(p.entry);
    const exit = cache.donchian(p.exit);
    const close = cache.price('close');
    return {
      label: label('donchian-breakout', p),
      mode: 'stateful',
      indicators: [entry.upper, entry.lower, exit.upper, exit.lower],
      longEntry: abovePrevious(close, entry.upper),
      longExit: belowPrevious(close, exit.lower),
      shortEntry: belowPrevious(close, entry.lower),
      shortExit: abovePrevious(close, exit.upper),
      allowShort: p.direction === 'long-short',
      ...bracketOf(p),
    };
  },
};
