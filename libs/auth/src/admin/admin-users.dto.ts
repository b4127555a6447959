import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { PageQueryDto } from '@app/common';
import { PLANS, ROLES, type Plan, type Role } from '../auth.types';
import { LOCALES, type Locale } from '../users/user.entity';

export class FindUsersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Case-insensitive; a full address matches exactly, anything else matches part of the email' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsString()
  @Length(1, 254)
  email?: string;
}

export class AdminUserDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  email!: string;

  @ApiProperty()
  displayName!: string;

  @ApiProperty({ enum: ROLES })
  role!: Role;

  @ApiProperty({ enum: PLANS })
  plan!: Plan;

  @ApiProperty({ enum: LOCALES })
  locale!: Locale;

  @ApiProperty({ description: 'Credit balance' })
  balance!: number;

  @ApiProperty()
  createdAt!: Date;
}

export class AdminUserListDto {
  @ApiProperty({ type: [AdminUserDto] })
  items!: AdminUserDto[];

  @ApiProperty()
  total!: number;
}

export class UpdateUserAccessDto {
  @ApiPropertyOptional({ enum: PLANS })
  @IsOptional()
  @IsIn(PLANS)
  plan?: Plan;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;
}

export class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'credits.adjust' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  action?: string;

  @ApiPropertyOptional({ example: 'user' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  targetType?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 200)
  targetId?: string;
}

export class AuditEntryDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'Null for the system' })
  actorId!: string | null;

  @ApiProperty()
  action!: string;

  @ApiProperty()
  targetType!: string;

  @ApiProperty()
  targetId!: string;

  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true })
  before!: unknown;

  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true })
  after!: unknown;

  @ApiProperty()
  at!: Date;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEntryDto], description: 'Newest first' })
  items!: AuditEntryDto[];

  @ApiProperty()
  total!: number;
}
