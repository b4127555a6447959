import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/** A purchasable bundle of credits; rows are seeded by a migration and editable by operators. */
@Entity('credit_packages')
@Check('chk_credit_packages_positive', `"credits" > 0 AND "price_won" > 0`)
export class CreditPackageEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'integer' })
  credits!: number;

  /** Integer won. */
  @Column({ type: 'integer' })
  priceWon!: number;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ type: 'integer', default: 0 })
  sortOrder!: number;
}
