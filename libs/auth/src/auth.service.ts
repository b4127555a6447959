import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, AppException, LeaderboardCacheInvalidator, type AppConfig } from '@app/common';
import { CreditsService } from '@app/credits';
import { ApiKeysService } from './api-keys/api-keys.service';
import type { AuthSessionDto, SignUpDto, UpdateMeDto } from './auth.dto';
import { MeDto } from './auth.dto';
import type { AuthUser } from './auth.types';
import { TokensService } from './tokens/tokens.service';
import { burnPasswordCheck, hashPassword, verifyPassword } from './users/password';
import { UserEntity } from './users/user.entity';
import { UsersService } from './users/users.service';

export interface Credentials {
  /** The token of `Authorization: Bearer <token>`. */
  bearer?: string;
  /** The value of `X-API-Key`. */
  apiKey?: string;
}

const isUniqueViolation = (err: unknown) => (err as { code?: string }).code === '23505';

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UsersService,
    private readonly tokens: TokensService,
    private readonly apiKeys: ApiKeysService,
    private readonly credits: CreditsService,
    private readonly leaderboardCache: LeaderboardCacheInvalidator,
  ) {}

  /** Creates the user, the wallet with the signup bonus and the first session, in one transaction. */
  async signUp(input: SignUpDto): Promise<AuthSessionDto> {
    const passwordHash = await hashPassword(input.password);
    try {
      const { user, refreshToken } = await this.dataSource.transaction(async (m) => {
        const repo = m.getRepository(UserEntity);
        const user = await repo.save(
          repo.create({
            email: input.email,
            passwordHash,
            displayName: input.displayName ?? defaultDisplayName(input.email),
            locale: input.locale ?? 'en',
          }),
        );
        await this.grantSignupBonus(user.id, m);
        return { user, refreshToken: await this.tokens.issueRefreshToken(user.id, m) };
      });
      return this.session(user, refreshToken);
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppException(409, 'EMAIL_TAKEN', 'An account with this email already exists');
      throw err;
    }
  }

  async logIn(email: string, password: string): Promise<AuthSessionDto> {
    const user = await this.users.findByEmail(email);
    if (!user) {
      await burnPasswordCheck(password);
      throw new AppException(401, 'INVALID_CREDENTIALS', 'Wrong email or password');
    }
    if (!(await verifyPassword(user.passwordHash, password))) {
      throw new AppException(401, 'INVALID_CREDENTIALS', 'Wrong email or password');
    }
    return this.session(user, await this.tokens.issueRefreshToken(user.id));
  }

  async refresh(refreshToken: string): Promise<AuthSessionDto> {
    const outcome = await this.tokens.rotate(refreshToken);
    if (!outcome.ok) throw new AppException(401, outcome.code, outcome.message);
    const user = await this.users.findById(outcome.userId);
    if (!user) throw new AppException(401, 'INVALID_REFRESH_TOKEN', 'Unknown refresh token');
    return this.session(user, outcome.refreshToken);
  }

  logOut(refreshToken: string): Promise<void> {
    return this.tokens.revokeFamilyOf(refreshToken);
  }

  /** For guards and socket handshakes: 401 AppException unless the token is valid and its user exists. */
  async authenticateToken(token: string): Promise<AuthUser> {
    const userId = await this.tokens.verifyAccessToken(token);
    const user = await this.users.findAuthUser(userId);
    if (!user) throw new AppException(401, 'INVALID_TOKEN', 'The access token belongs to no user');
    return user;
  }

  authenticateApiKey(key: string): Promise<AuthUser> {
    return this.apiKeys.authenticate(key);
  }

  /** The bearer token wins when both are given; 401 UNAUTHORIZED when neither is. */
  authenticate(credentials: Credentials): Promise<AuthUser> {
    if (credentials.bearer) return this.authenticateToken(credentials.bearer);
    if (credentials.apiKey) return this.authenticateApiKey(credentials.apiKey);
    return Promise.reject(new AppException(401, 'UNAUTHORIZED', 'Authentication required: send a Bearer token or an X-API-Key'));
  }

  async getMe(userId: string): Promise<MeDto> {
    const user = await this.users.findById(userId);
    if (!user) throw new AppException(404, 'NOT_FOUND', 'User not found');
    return MeDto.from(user);
  }

  async updateMe(userId: string, changes: UpdateMeDto): Promise<MeDto> {
    const patch: Partial<UserEntity> = {};
    if (changes.displayName !== undefined) patch.displayName = changes.displayName;
    if (changes.locale !== undefined) patch.locale = changes.locale;
    if (Object.keys(patch).length > 0) await this.dataSource.getRepository(UserEntity).update({ id: userId }, patch);
    // Leaderboard pages show authors by display name.
    if (changes.displayName !== undefined) await this.leaderboardCache.invalidate();
    return this.getMe(userId);
  }

  private async grantSignupBonus(userId: string, m: Parameters<CreditsService['grant']>[1]): Promise<void> {
    const bonus = this.config.SIGNUP_BONUS_CREDITS;
    if (bonus > 0) {
      await this.credits.grant(
        { userId, amount: bonus, reason: 'signup_bonus', idempotencyKey: `signup_bonus:${userId}`, reference: { type: 'user', id: userId } },
        m,
      );
    } else {
      await this.credits.openWallet(userId, m);
    }
  }

  private async session(user: UserEntity, refreshToken: string): Promise<AuthSessionDto> {
    return {
      accessToken: await this.tokens.signAccessToken(user.id),
      tokenType: 'Bearer',
      expiresIn: this.tokens.accessTtlSeconds,
      refreshToken,
      user: MeDto.from(user),
    };
  }
}

function defaultDisplayName(email: string): string {
  const local = email.split('@')[0].slice(0, 50);
  return local.length >= 2 ? local : `trader-${local}`;
}
