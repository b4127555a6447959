import { z } from 'zod';
import { bracketOf, label, riskParams, type TemplateDefinition } from './common';

export const BuyAndHoldParamsSchema = z.strictObject({ ...riskParams });
export type BuyAndHoldParams = z.infer<typeof BuyAndHoldParamsSchema>;

export const buyAndHold: TemplateDefinition<BuyAndHoldParams> = {
  id: 'buy-and-hold',
  name: 'Buy and hold',
  description:
    'Buys with all available cash as soon as it can (the order placed on bar 1 fills at bar 2) and holds; after a stop-loss or take-profit exit it buys again.',
  schema: BuyAndHoldParamsSchema,
  constraints: [],
  warmupBar: () => 0,
  compile(p, cache) {
    const n = cache.series.close.length;
    return {
      label: label('buy-and-hold', p),
      mode: 'stateful',
      indicators: [],
      longEntry: new Uint8Array(n).fill(1),
      longExit: null,
      shortEntry: null,
      shortExit: null,
      allowShort: false,
      ...bracketOf(p),
    };
  },
};
