import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '@app/common';
import type { StrategySpec, TemplateInfo } from '@app/engine';
import { STRATEGY_VISIBILITIES, type StrategyEntity, type StrategyVisibility } from './strategy.entity';
import { IsStrategySpec } from './strategy-spec.validator';

const SPEC_DESCRIPTION =
  "The engine's strategy: `{ kind: 'template', template, params }` (see GET /api/strategies/templates) or `{ kind: 'rules', rules }`.";
const SPEC_EXAMPLE = { kind: 'template', template: 'sma-cross', params: { fast: 10, slow: 30 } };

export class CreateStrategyDto {
  @ApiProperty({ maxLength: 100, example: 'SMA 10/30' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name!: string;

  @ApiPropertyOptional({ type: String, maxLength: 2000, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: SPEC_DESCRIPTION,
    example: SPEC_EXAMPLE,
  })
  @IsStrategySpec()
  spec!: Record<string, unknown>;

  @ApiPropertyOptional({ enum: STRATEGY_VISIBILITIES, default: 'private' })
  @IsOptional()
  @IsIn(STRATEGY_VISIBILITIES)
  visibility?: StrategyVisibility;
}

export class UpdateStrategyDto {
  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({ type: String, maxLength: 2000, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string | null;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: SPEC_DESCRIPTION })
  @IsOptional()
  @IsStrategySpec()
  spec?: Record<string, unknown>;

  @ApiPropertyOptional({ enum: STRATEGY_VISIBILITIES })
  @IsOptional()
  @IsIn(STRATEGY_VISIBILITIES)
  visibility?: StrategyVisibility;
}

export class StrategyListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    enum: ['mine', 'public'],
    default: 'mine',
    description: "mine: the caller's strategies; public: everyone's public ones",
  })
  @IsOptional()
  @IsIn(['mine', 'public'])
  scope: 'mine' | 'public' = 'mine';
}

export class StrategyDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) ownerId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The normalised spec (defaults applied)',
    example: SPEC_EXAMPLE,
  })
  spec!: StrategySpec;
  @ApiProperty({ enum: STRATEGY_VISIBILITIES }) visibility!: StrategyVisibility;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) copiedFrom!: string | null;
  @ApiProperty() copyCount!: number;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;

  static from(e: StrategyEntity): StrategyDto {
    return {
      id: e.id,
      ownerId: e.ownerId,
      name: e.name,
      description: e.description,
      spec: e.spec,
      visibility: e.visibility,
      copiedFrom: e.copiedFrom,
      copyCount: e.copyCount,
      createdAt: e.createdAt,
      updatedAt: e.updatedAt,
    };
  }
}

export class StrategyPageDto {
  @ApiProperty({ type: [StrategyDto], description: 'Newest first' }) items!: StrategyDto[];
  @ApiProperty() total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
}

export class TemplateParamDto {
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['integer', 'number', 'string'] }) type!: 'integer' | 'number' | 'string';
  @ApiPropertyOptional() description?: string;
  @ApiPropertyOptional({ oneOf: [{ type: 'number' }, { type: 'string' }] }) default?: number | string;
  @ApiPropertyOptional({ description: 'Inclusive' }) min?: number;
  @ApiPropertyOptional({ description: 'Inclusive' }) max?: number;
  @ApiPropertyOptional({ description: 'Exclusive' }) exclusiveMin?: number;
  @ApiPropertyOptional({ description: 'Exclusive' }) exclusiveMax?: number;
  @ApiPropertyOptional({ type: [String] }) enum?: string[];
  @ApiProperty({ description: 'False for optional parameters without a default' }) required!: boolean;
}

export class StrategyTemplateDto {
  @ApiProperty({ example: 'sma-cross' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ type: [TemplateParamDto] }) params!: TemplateParamDto[];
  @ApiProperty({ type: [String], example: ['fast < slow'] }) constraints!: string[];
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'JSON Schema of the params object',
  })
  jsonSchema!: Record<string, unknown>;

  static from(t: TemplateInfo): StrategyTemplateDto {
    return { ...t, params: t.params.map((p) => ({ ...p })), constraints: [...t.constraints] };
  }
}
