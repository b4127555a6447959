import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsNull, type DataSource } from 'typeorm';
import { AppException } from '@app/common';
import type { AuthUser } from '../auth.types';
import { toAuthUser } from '../users/users.service';
import { UserEntity } from '../users/user.entity';
import { generateApiKey, hashApiKey, isWellFormedApiKey } from './api-key-format';
import { ApiKeyEntity } from './api-key.entity';

export const MAX_ACTIVE_API_KEYS = 20;
const LAST_USED_RESOLUTION_MS = 60_000;

@Injectable()
export class ApiKeysService {
  private readonly logger = new Logger(ApiKeysService.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(ApiKeyEntity);
  }

  async create(userId: string, name: string): Promise<{ entity: ApiKeyEntity; key: string }> {
    const active = await this.repo.count({ where: { userId, revokedAt: IsNull() } });
    if (active >= MAX_ACTIVE_API_KEYS) {
      throw new AppException(409, 'TOO_MANY_API_KEYS', `At most ${MAX_ACTIVE_API_KEYS} active API keys; revoke one first`);
    }
    const generated = generateApiKey();
    const entity = await this.repo.save(this.repo.create({ userId, name, prefix: generated.prefix, keyHash: generated.hash }));
    return { entity, key: generated.key };
  }

  list(userId: string): Promise<ApiKeyEntity[]> {
    return this.repo.find({ where: { userId }, order: { createdAt: 'DESC' } });
  }

  /** Another user's key answers 404. Revoking twice is fine. */
  async revoke(userId: string, id: string): Promise<void> {
    const key = await this.repo.findOne({ where: { id, userId } });
    if (!key) throw new AppException(404, 'NOT_FOUND', 'API key not found');
    if (!key.revokedAt) await this.repo.update({ id, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  /** The key's owner, as the caller; 401 INVALID_API_KEY for unknown or revoked keys. */
  async authenticate(key: string): Promise<AuthUser> {
    const invalid = new AppException(401, 'INVALID_API_KEY', 'The API key is invalid or revoked');
    if (!isWellFormedApiKey(key)) throw invalid;
    const row = await this.repo.findOne({ where: { keyHash: hashApiKey(key) } });
    if (!row || row.revokedAt) throw invalid;
    const user = await this.dataSource.getRepository(UserEntity).findOne({ where: { id: row.userId } });
    if (!user) throw invalid;
    if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      void this.repo.update({ id: row.id }, { lastUsedAt: new Date() }).catch((err: unknown) => this.logger.warn(`lastUsedAt: ${String(err)}`));
    }
    return toAuthUser(user, 'api-key');
  }
}
