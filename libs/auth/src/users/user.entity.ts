import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Plan, Role } from '../auth.types';

export const LOCALES = ['ko', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

@Entity('users')
@Check('chk_users_role', `"role" IN ('trader', 'support', 'admin')`)
@Check('chk_users_plan', `"plan" IN ('free', 'basic', 'pro')`)
@Check('chk_users_locale', `"locale" IN ('ko', 'en')`)
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Stored lower-cased. */
  @Index('uq_users_email', { unique: true })
  @Column({ type: 'varchar', length: 254 })
  email!: string;

  @Column({ type: 'varchar', length: 200 })
  passwordHash!: string;

  @Column({ type: 'varchar', length: 50 })
  displayName!: string;

  @Column({ type: 'varchar', length: 16, default: 'trader' })
  role!: Role;

  @Column({ type: 'varchar', length: 16, default: 'free' })
  plan!: Plan;

  @Column({ type: 'varchar', length: 8, default: 'en' })
  locale!: Locale;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
