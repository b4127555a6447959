import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNotIn, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { PageQueryDto } from '@app/common';
import { CREDIT_REASONS, type CreditReason } from './credit-reasons';
import type { CreditLedgerEntryEntity } from './credit-ledger-entry.entity';

export class LedgerQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Staff only: whose ledger (default: the caller). Another user answers 404 to a trader.', format: 'uuid' })
  @IsOptional()
  @IsUUID()
  userId?: string;
}

export class CreditBalanceDto {
  @ApiProperty({ example: 42 })
  balance!: number;
}

export class CreditLedgerEntryDto {
  @ApiProperty({ description: 'Increasing with time', example: '1042' })
  id!: string;

  @ApiProperty({ description: 'Signed: positive adds credits', example: -1 })
  amount!: number;

  @ApiProperty({ example: 41 })
  balanceAfter!: number;

  @ApiProperty({ enum: CREDIT_REASONS })
  reason!: CreditReason;

  @ApiProperty({ type: String, nullable: true, example: 'backtest_job' })
  referenceType!: string | null;

  @ApiProperty({ type: String, nullable: true })
  referenceId!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Why an admin adjusted the balance' })
  note!: string | null;

  @ApiProperty()
  createdAt!: Date;

  static from(e: CreditLedgerEntryEntity): CreditLedgerEntryDto {
    return {
      id: String(e.id),
      amount: e.amount,
      balanceAfter: e.balanceAfter,
      reason: e.reason,
      referenceType: e.referenceType,
      referenceId: e.referenceId,
      note: e.note,
      createdAt: e.createdAt,
    };
  }
}

export class CreditLedgerPageDto {
  @ApiProperty({ type: [CreditLedgerEntryDto], description: 'Newest first' })
  items!: CreditLedgerEntryDto[];

  @ApiProperty()
  total!: number;

  @ApiProperty()
  limit!: number;

  @ApiProperty()
  offset!: number;
}

export class AdjustCreditsDto {
  @ApiProperty({ description: 'Signed, non-zero number of credits', example: 25 })
  @IsInt()
  @IsNotIn([0], { message: 'amount must not be 0' })
  @Min(-1_000_000)
  @Max(1_000_000)
  amount!: number;

  @ApiProperty({ description: 'Why; kept on the ledger entry and in the audit log', example: 'Compensation for outage #12' })
  @IsString()
  @Length(3, 500)
  reason!: string;

  @ApiPropertyOptional({ description: 'Repeat it to make a retried request change nothing', maxLength: 100 })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  idempotencyKey?: string;
}

export class CreditAdjustmentDto {
  @ApiProperty({ description: 'The balance right after the adjustment' })
  balance!: number;

  @ApiProperty({ type: CreditLedgerEntryDto })
  entry!: CreditLedgerEntryDto;

  @ApiProperty({ description: 'The idempotency key had been used: nothing changed now' })
  replayed!: boolean;
}
