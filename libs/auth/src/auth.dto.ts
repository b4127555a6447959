import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { PLANS, ROLES, type Plan, type Role } from './auth.types';
import { LOCALES, type Locale, type UserEntity } from './users/user.entity';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const normaliseEmail = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

export class SignUpDto {
  @ApiProperty({ example: 'trader@example.com', maxLength: 254 })
  @Transform(normaliseEmail)
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ minLength: 8, maxLength: 128, example: 'a-long-passphrase' })
  @IsString()
  @Length(8, 128)
  password!: string;

  @ApiPropertyOptional({ description: 'Shown on the leaderboard; default: the part of the email before @', minLength: 2, maxLength: 50 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(2, 50)
  displayName?: string;

  @ApiPropertyOptional({ enum: LOCALES, default: 'en' })
  @IsOptional()
  @IsIn(LOCALES)
  locale?: Locale;
}

export class LogInDto {
  @ApiProperty({ example: 'trader@stratbench.dev' })
  @Transform(normaliseEmail)
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: 'trader-demo-pass' })
  @IsString()
  @Length(1, 128)
  password!: string;
}

export class RefreshTokenDto {
  @ApiProperty({ description: 'The opaque refresh token from login, signup or the previous refresh' })
  @IsString()
  @Length(10, 200)
  refreshToken!: string;
}

export class MeDto {
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

  @ApiProperty()
  createdAt!: Date;

  static from(u: UserEntity): MeDto {
    return { id: u.id, email: u.email, displayName: u.displayName, role: u.role, plan: u.plan, locale: u.locale, createdAt: u.createdAt };
  }
}

export class AuthSessionDto {
  @ApiProperty({ description: 'JWT for `Authorization: Bearer …`' })
  accessToken!: string;

  @ApiProperty({ enum: ['Bearer'] })
  tokenType!: 'Bearer';

  @ApiProperty({ description: 'Seconds until the access token expires' })
  expiresIn!: number;

  @ApiProperty({ description: 'Opaque, single use: exchange it at /api/auth/refresh for a new pair' })
  refreshToken!: string;

  @ApiProperty({ type: MeDto })
  user!: MeDto;
}

export class UpdateMeDto {
  @ApiPropertyOptional({ minLength: 2, maxLength: 50 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(2, 50)
  displayName?: string;

  @ApiPropertyOptional({ enum: LOCALES })
  @IsOptional()
  @IsIn(LOCALES)
  locale?: Locale;
}
