import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppException, type AppConfig } from '@app/common';
import { newRefreshToken, sha256Hex } from './token-crypto';

interface AccessClaims {
  sub: string;
  typ: 'access';
}

export type RotateOutcome =
  | { ok: true; userId: string; refreshToken: string }
  | { ok: false; code: 'INVALID_REFRESH_TOKEN' | 'REFRESH_TOKEN_EXPIRED' | 'REFRESH_TOKEN_REUSED'; message: string };

const unauthorized = (code: string, message: string) => new AppException(401, code, message);

@Injectable()
export class TokensService {
  constructor(
    private readonly jwt: JwtService,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get accessTtlSeconds(): number {
    return this.config.JWT_ACCESS_TTL_SECONDS;
  }

  signAccessToken(userId: string): Promise<string> {
    const claims: AccessClaims = { sub: userId, typ: 'access' };
    return this.jwt.signAsync(claims);
  }

  /** The user id of a valid access token; 401 TOKEN_EXPIRED / INVALID_TOKEN otherwise. */
  async verifyAccessToken(token: string): Promise<string> {
    let claims: Partial<AccessClaims>;
    try {
      claims = await this.jwt.verifyAsync<AccessClaims>(token);
    } catch (err) {
      if ((err as { name?: string }).name === 'TokenExpiredError') throw unauthorized('TOKEN_EXPIRED', 'The access token has expired; refresh it');
      throw unauthorized('INVALID_TOKEN', 'The access token is invalid');
    }
    if (claims.typ !== 'access' || typeof claims.sub !== 'string') throw unauthorized('INVALID_TOKEN', 'The access token is invalid');
    return claims.sub;
  }

  /** A new refresh token, in a new family unless `familyId` continues one. */
  async issueRefreshToken(userId: string, manager?: EntityManager, familyId: string = randomUUID()): Promise<string> {
    const token = newRefreshToken();
    const expiresAt = new Date(Date.now() + this.config.REFRESH_TOKEN_TTL_DAYS * 86_400_000);
    await (manager ?? this.dataSource.manager).query(
      `INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at) VALUES ($1, $2, $3, $4)`,
      [userId, familyId, sha256Hex(token), expiresAt],
    );
    return token;
  }

  /**
   * Uses `token` up and returns the next one of its family. A token that was already used or
   * revoked is a sign of theft: the whole family is revoked (committed) and the answer is a refusal.
   */
  async rotate(token: string): Promise<RotateOutcome> {
    const outcome = await this.dataSource.transaction(async (m) => {
      const rows: Array<{ id: string; user_id: string; family_id: string; expires_at: Date; used_at: Date | null; revoked_at: Date | null }> =
        await m.query(`SELECT id, user_id, family_id, expires_at, used_at, revoked_at FROM refresh_tokens WHERE token_hash = $1 FOR UPDATE`, [
          sha256Hex(token),
        ]);
      const row = rows[0];
      if (!row) return { ok: false, code: 'INVALID_REFRESH_TOKEN', message: 'Unknown refresh token' } as const;
      if (row.used_at || row.revoked_at) {
        await this.revokeFamilyWith(m, row.family_id);
        return { ok: false, code: 'REFRESH_TOKEN_REUSED', message: 'This refresh token was already used or revoked; sign in again' } as const;
      }
      if (row.expires_at.getTime() <= Date.now()) {
        return { ok: false, code: 'REFRESH_TOKEN_EXPIRED', message: 'The refresh token has expired; sign in again' } as const;
      }
      await m.query(`UPDATE refresh_tokens SET used_at = now() WHERE id = $1`, [row.id]);
      const next = await this.issueRefreshToken(row.user_id, m, row.family_id);
      return { ok: true, userId: row.user_id, refreshToken: next } as const;
    });
    return outcome;
  }

  /** Logout: revokes the family the token belongs to. Unknown tokens are ignored. */
  async revokeFamilyOf(token: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const rows: Array<{ family_id: string }> = await m.query(`SELECT family_id FROM refresh_tokens WHERE token_hash = $1`, [sha256Hex(token)]);
      if (rows[0]) await this.revokeFamilyWith(m, rows[0].family_id);
    });
  }

  private async revokeFamilyWith(m: EntityManager, familyId: string): Promise<void> {
    await m.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`, [familyId]);
  }
}
