import { z } from 'zod';
import { bollingerBreakout } from './bollinger-breakout';
import { buyAndHold } from './buy-and-hold';
import type { RiskParams, TemplateDefinition } from './common';
import { donchianBreakout } from './donchian-breakout';
import { emaCross } from './ema-cross';
import { macdCross } from './macd-cross';
import { rsiReversion } from './rsi-reversion';
import { smaCross } from './sma-cross';

export const TEMPLATE_IDS = [
  'sma-cross',
  'ema-cross',
  'rsi-reversion',
  'bollinger-breakout',
  'donchian-breakout',
  'macd-cross',
  'buy-and-hold',
] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

export const TEMPLATES: Record<TemplateId, TemplateDefinition<RiskParams>> = {
  'sma-cross': smaCross as unknown as TemplateDefinition<RiskParams>,
  'ema-cross': emaCross as unknown as TemplateDefinition<RiskParams>,
  'rsi-reversion': rsiReversion as unknown as TemplateDefinition<RiskParams>,
  'bollinger-breakout': bollingerBreakout as unknown as TemplateDefinition<RiskParams>,
  'donchian-breakout': donchianBreakout as unknown as TemplateDefinition<RiskParams>,
  'macd-cross': macdCross as unknown as TemplateDefinition<RiskParams>,
  'buy-and-hold': buyAndHold as unknown as TemplateDefinition<RiskParams>,
};

export function isTemplateId(id: string): id is TemplateId {
  return (TEMPLATE_IDS as readonly string[]).includes(id);
}

/** One parameter of a template, in a form a UI can render as a form field. */
export interface TemplateParamInfo {
  name: string;
  type: 'integer' | 'number' | 'string';
  description?: string;
  default?: number | string;
  /** Inclusive bounds. */
  min?: number;
  max?: number;
  /** Exclusive bounds (the value must be strictly greater / smaller). */
  exclusiveMin?: number;
  exclusiveMax?: number;
  enum?: string[];
  /** False for optional parameters without a default (e.g. stopLossPct). */
  required: boolean;
}

export interface TemplateInfo {
  id: TemplateId;
  name: string;
  description: string;
  params: TemplateParamInfo[];
  /** Cross-field checks, e.g. "fast < slow". */
  constraints: string[];
  /** The JSON Schema of the parameter object (input form: defaults make fields optional). */
  jsonSchema: Record<string, unknown>;
}

interface JsonSchemaProperty {
  type?: string;
  description?: string;
  default?: number | string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  enum?: string[];
}

/** Every template with its parameters (type, bounds, default, enum), for forms and docs. */
export function listTemplates(): TemplateInfo[] {
  return TEMPLATE_IDS.map((id) => {
    const def = TEMPLATES[id];
    const jsonSchema = z.toJSONSchema(def.schema, { io: 'input' }) as Record<string, unknown>;
    const properties = (jsonSchema.properties ?? {}) as Record<string, JsonSchemaProperty>;
    const params = Object.entries(properties).map(([name, p]): TemplateParamInfo => {
      const info: TemplateParamInfo = {
        name,
        type: p.type === 'integer' ? 'integer' : p.type === 'number' ? 'number' : 'string',
        required: p.default !== undefined,
      };
      if (p.description !== undefined) info.description = p.description;
      if (p.default !== undefined) info.default = p.default;
      if (p.minimum !== undefined) info.min = p.minimum;
      if (p.maximum !== undefined) info.max = p.maximum;
      if (p.exclusiveMinimum !== undefined) info.exclusiveMin = p.exclusiveMinimum;
      if (p.exclusiveMaximum !== undefined) info.exclusiveMax = p.exclusiveMaximum;
      if (p.enum !== undefined) info.enum = [...p.enum];
      return info;
    });
    return {
      id,
      name: def.name,
      description: def.description,
      params,
      constraints: [...def.constraints],
      jsonSchema,
    };
  });
}

export { bollingerBreakout, buyAndHold, donchianBreakout, emaCross, macdCross, rsiReversion, smaCross };
export { BollingerBreakoutParamsSchema, type BollingerBreakoutParams } from './bollinger-breakout';
export { BuyAndHoldParamsSchema, type BuyAndHoldParams } from './buy-and-hold';
export { DonchianBreakoutParamsSchema, type DonchianBreakoutParams } from './donchian-breakout';
export { EmaCrossParamsSchema, type EmaCrossParams } from './ema-cross';
export { MacdCrossParamsSchema, type MacdCrossParams } from './macd-cross';
export { RsiReversionParamsSchema, type RsiReversionParams } from './rsi-reversion';
export { SmaCrossParamsSchema, type SmaCrossParams } from './sma-cross';
export {
  DirectionSchema,
  MAX_PERIOD,
  type Direction,
  type RiskParams,
  type TemplateDefinition,
} from './common';
