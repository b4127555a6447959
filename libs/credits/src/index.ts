export * from './credit-reasons';
export * from './credit-math';
export * from './credit-wallet.entity';
export * from './credit-ledger-entry.entity';
export * from './credits.service';
export * from './credits.dto';
export * from './credits.module';
