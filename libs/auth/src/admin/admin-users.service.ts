import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppException, AuditService } from '@app/common';
import type { AuthUser } from '../auth.types';
import { UserEntity } from '../users/user.entity';
import type { AdminUserDto, AdminUserListDto, FindUsersQueryDto, UpdateUserAccessDto } from './admin-users.dto';

const USER_COLUMNS = `u.id, u.email, u.display_name AS "displayName", u.role, u.plan, u.locale, u.created_at AS "createdAt",
  COALESCE(w.balance, 0) AS balance`;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

@Injectable()
export class AdminUsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** A search across users: audited once per request with the filter (`user.search`), not per row. */
  async find(viewer: AuthUser, query: FindUsersQueryDto): Promise<AdminUserListDto> {
    const params: unknown[] = [];
    let where = '';
    if (query.email) {
      params.push(query.email.includes('@') ? query.email : `%${escapeLike(query.email)}%`);
      where = query.email.includes('@') ? 'WHERE u.email = $1' : 'WHERE u.email LIKE $1';
    }
    const items: AdminUserDto[] = await this.dataSource.query(
      `SELECT ${USER_COLUMNS} FROM users u LEFT JOIN credit_wallets w ON w.user_id = u.id ${where}
       ORDER BY u.created_at DESC, u.id LIMIT ${query.limit} OFFSET ${query.offset}`,
      params,
    );
    const [{ count }] = await this.dataSource.query(`SELECT count(*)::int AS count FROM users u ${where}`, params);
    await this.audit.recordRead({ actorId: viewer.id, action: 'user.search', details: { filter: { email: query.email, limit: query.limit, offset: query.offset } } });
    return { items, total: count };
  }

  /** One user's profile for staff, audited as `user.view`. */
  async get(viewer: AuthUser, id: string): Promise<AdminUserDto> {
    const user = await this.load(id);
    await this.audit.recordRead({ actorId: viewer.id, action: 'user.view', subjectUserId: id });
    return user;
  }

  /** Plan and role changes, audited as `user.update` in the same transaction. */
  async updateAccess(admin: AuthUser, id: string, changes: UpdateUserAccessDto): Promise<AdminUserDto> {
    if (changes.plan === undefined && changes.role === undefined) {
      throw new AppException(400, 'VALIDATION_FAILED', 'Give plan and/or role', { fields: [{ field: 'plan', messages: ['plan or role is required'] }] });
    }
    if (id === admin.id && changes.role !== undefined && changes.role !== admin.role) {
      throw new AppException(409, 'CANNOT_CHANGE_OWN_ROLE', 'Admins cannot change their own role');
    }
    await this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(UserEntity);
      const user = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw new AppException(404, 'USER_NOT_FOUND', 'User not found');
      const before = { plan: user.plan, role: user.role };
      const after = { plan: changes.plan ?? user.plan, role: changes.role ?? user.role };
      if (before.plan === after.plan && before.role === after.role) return;
      await repo.update({ id }, after);
      await this.audit.record({ actorId: admin.id, action: 'user.update', targetType: 'user', targetId: id, before, after }, m);
    });
    return this.load(id);
  }

  private async load(id: string): Promise<AdminUserDto> {
    const rows: AdminUserDto[] = await this.dataSource.query(
      `SELECT ${USER_COLUMNS} FROM users u LEFT JOIN credit_wallets w ON w.user_id = u.id WHERE u.id = $1`,
      [id],
    );
    if (!rows[0]) throw new AppException(404, 'USER_NOT_FOUND', 'User not found');
    return rows[0];
  }
}
