import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../auth.types';
import { UserEntity } from './user.entity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class UsersService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(UserEntity);
  }

  findById(id: string, manager?: EntityManager): Promise<UserEntity | null> {
    if (!UUID.test(id)) return Promise.resolve(null);
    return this.repo(manager).findOne({ where: { id } });
  }

  findByEmail(email: string, manager?: EntityManager): Promise<UserEntity | null> {
    return this.repo(manager).findOne({ where: { email: email.trim().toLowerCase() } });
  }

  /** The caller as guards see it; one indexed read so role and plan changes apply at once. */
  async findAuthUser(id: string): Promise<AuthUser | null> {
    const user = await this.findById(id);
    return user ? toAuthUser(user, 'jwt') : null;
  }
}

export const toAuthUser = (u: UserEntity, via: AuthUser['via']): AuthUser => ({
  id: u.id,
  email: u.email,
  displayName: u.displayName,
  role: u.role,
  plan: u.plan,
  via,
});
