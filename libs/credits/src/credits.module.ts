import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CreditLedgerEntryEntity } from './credit-ledger-entry.entity';
import { CreditWalletEntity } from './credit-wallet.entity';
import { AdminCreditsController, CreditsController } from './credits.controller';
import { CreditsService } from './credits.service';

@Module({
  imports: [TypeOrmModule.forFeature([CreditWalletEntity, CreditLedgerEntryEntity])],
  controllers: [CreditsController, AdminCreditsController],
  providers: [CreditsService],
  exports: [CreditsService],
})
export class CreditsModule {}
