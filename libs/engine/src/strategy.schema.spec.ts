import { EngineError } from './errors';
import {
  BacktestOptionsSchema,
  parseStrategySpec,
  resolveOptions,
  StrategySpecSchema,
} from './strategy.schema';
import { listTemplates, TEMPLATE_IDS } from './templates';

function errorOf(fn: () => unknown): EngineError {
  try {
    fn();
  } catch (error) {
    if (error instanceof EngineError) return error;
    throw error;
  }
  throw new Error('expected an EngineError');
}

describe('template specs', () => {
  it('fill in defaults for every template', () => {
    for (const template of TEMPLATE_IDS) {
      const spec = parseStrategySpec({ kind: 'template', template, params: {} });
      expect(spec).toMatchObject({ kind: 'template', template });
    }
    expect(parseStrategySpec({ kind: 'template', template: 'sma-cross' })).toEqual({
      kind: 'template',
      template: 'sma-cross',
      params: { fast: 10, slow: 30, direction: 'long-short' },
    });
  });

  it.each([
    [{ template: 'nope' }, 'UNKNOWN_STRATEGY', "unknown strategy 'nope' (available: sma-cross, ema-cross,"],
    [
      { template: 'sma-cross', params: { speed: 3 } },
      'UNKNOWN_PARAMETER',
      "sma-cross: unknown parameter 'speed' (allowed: fast, slow, direction",
    ],
    [
      { template: 'sma-cross', params: { fast: 0 } },
      'INVALID_PARAMETER',
      'invalid parameter for sma-cross: fast must be >= 1 (got 0)',
    ],
    [
      { template: 'sma-cross', params: { slow: 5000 } },
      'INVALID_PARAMETER',
      'slow must be <= 1000 (got 5000)',
    ],
    [{ template: 'sma-cross', params: { fast: 2.5 } }, 'INVALID_PARAMETER', 'fast must be an integer'],
    [
      { template: 'sma-cross', params: { fast: 30, slow: 10 } },
      'INVALID_PARAMETER',
      'fast must be less than slow',
    ],
    [
      { template: 'ema-cross', params: { direction: 'up' } },
      'INVALID_PARAMETER',
      'direction must be one of long-only, long-short (got "up")',
    ],
    [
      { template: 'rsi-reversion', params: { lower: 70, upper: 30 } },
      'INVALID_PARAMETER',
      'lower must be less than upper',
    ],
    [{ template: 'bollinger-breakout', params: { k: 0 } }, 'INVALID_PARAMETER', 'k must be > 0'],
    [
      { template: 'donchian-breakout', params: { stopLossPct: 100 } },
      'INVALID_PARAMETER',
      'stopLossPct must be < 100',
    ],
    [
      { template: 'macd-cross', params: { fast: 26, slow: 12 } },
      'INVALID_PARAMETER',
      'fast must be less than slow',
    ],
  ])('%j is rejected with one line', (input, code, message) => {
    const error = errorOf(() => parseStrategySpec({ kind: 'template', ...input }));
    expect(error.code).toBe(code);
    expect(error.message).toContain(message);
    expect(error.message).not.toContain('\n');
  });

  it('the exported zod schema validates the same DTOs', () => {
    expect(
      StrategySpecSchema.safeParse({ kind: 'template', template: 'sma-cross', params: { fast: 5, slow: 20 } })
        .success,
    ).toBe(true);
    expect(
      StrategySpecSchema.safeParse({ kind: 'template', template: 'sma-cross', params: { fast: 20, slow: 5 } })
        .success,
    ).toBe(false);
  });
});

describe('listTemplates', () => {
  const templates = listTemplates();

  it('lists every template with a name, description and parameters', () => {
    expect(templates.map((t) => t.id)).toEqual([...TEMPLATE_IDS]);
    for (const t of templates) {
      expect(t.name.length).toBeGreaterThan(0);
      expect(t.description.length).toBeGreaterThan(0);
      expect(t.params.map((p) => p.name)).toEqual(expect.arrayContaining(['stopLossPct', 'takeProfitPct']));
    }
  });

  it('describes types, bounds, defaults and enums for forms', () => {
    const sma = templates.find((t) => t.id === 'sma-cross')!;
    expect(sma.params.find((p) => p.name === 'fast')).toMatchObject({
      type: 'integer',
      min: 1,
      max: 1000,
      default: 10,
      required: true,
    });
    expect(sma.params.find((p) => p.name === 'direction')).toMatchObject({
      type: 'string',
      enum: ['long-only', 'long-short'],
      default: 'long-short',
    });
    expect(sma.params.find((p) => p.name === 'stopLossPct')).toMatchObject({
      type: 'number',
      exclusiveMin: 0,
      exclusiveMax: 100,
      required: false,
    });
    expect(sma.constraints).toEqual(['fast < slow']);
    expect(templates.find((t) => t.id === 'donchian-breakout')!.name).toContain('Momentum Breakout');
  });
});

describe('options', () => {
  it('default to cash 10 000, no costs, no finalize', () => {
    expect(resolveOptions(undefined)).toEqual({
      cash: 10_000,
      commission: 0,
      commissionFixed: 0,
      spread: 0,
      finalize: false,
      tradeOnClose: false,
      fractional: false,
      downsamplePoints: 1000,
    });
  });

  it.each([
    [{ cash: 0 }, 'cash must be > 0'],
    [{ commission: 0.5 }, 'commission must be < 0.1'],
    [{ spread: -1 }, 'spread must be >= 0'],
    [{ downsamplePoints: 1 }, 'downsamplePoints must be >= 2'],
    [{ leverage: 2 }, "unknown parameter 'leverage'"],
  ])('%j is rejected', (input, message) => {
    expect(errorOf(() => resolveOptions(input as never)).message).toContain(message);
    expect(BacktestOptionsSchema.safeParse(input).success).toBe(false);
  });
});
