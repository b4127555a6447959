import { Check, Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { UserEntity } from '../../auth/src/users/user.entity';

/** One per user. Only CreditsService changes `balance`, always together with a ledger entry. */
@Entity('credit_wallets')
@Check('chk_credit_wallets_balance_non_negative', `"balance" >= 0`)
export class CreditWalletEntity {
  @PrimaryColumn({ type: 'uuid' })
  userId!: string;

  @OneToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ type: 'integer', default: 0 })
  balance!: number;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
