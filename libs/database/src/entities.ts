import { AuditLogEntity } from '../../common/src/audit/audit-log.entity';
import { ApiKeyEntity } from '../../auth/src/api-keys/api-key.entity';
import { RefreshTokenEntity } from '../../auth/src/tokens/refresh-token.entity';
import { UserEntity } from '../../auth/src/users/user.entity';
import { BarChunkEntity } from '../../market-data/src/storage/bar-chunk.entity';
import { MarketSymbolEntity } from '../../market-data/src/storage/market-symbol.entity';
import { CreditLedgerEntryEntity } from '../../credits/src/credit-ledger-entry.entity';
import { CreditWalletEntity } from '../../credits/src/credit-wallet.entity';
import { CreditPackageEntity } from '../../payments/src/orders/credit-package.entity';
import { PaymentOrderEntity } from '../../payments/src/orders/payment-order.entity';
import { PaymentEntity } from '../../payments/src/orders/payment.entity';
import { StrategyEntity } from '../../backtest/src/strategies/strategy.entity';
import { BacktestEntity } from '../../backtest/src/backtests/backtest.entity';
import { BacktestResultEntity } from '../../backtest/src/backtests/backtest-result.entity';
import { RefundRequestEntity } from '../../refunds/src/entities/refund-request.entity';
import { RefundGatewayCallEntity } from '../../refunds/src/entities/refund-gateway-call.entity';
/**
 * Every TypeORM entity of the platform. The API, the worker, the migration CLI and the drift
 * check all read this list, so an entity missing here is caught by the drift test.
 */
export const ENTITIES: Function[] = [
  // accounts, credits, payments, audit (issue 5)
  UserEntity,
  RefreshTokenEntity,
  ApiKeyEntity,
  CreditWalletEntity,
  CreditLedgerEntryEntity,
  CreditPackageEntity,
  PaymentOrderEntity,
  PaymentEntity,
  AuditLogEntity,
  // market data (issue 4)
  MarketSymbolEntity,
  BarChunkEntity,
  // strategies and backtests (issue 6)
  StrategyEntity,
  BacktestEntity,
  BacktestResultEntity,
  // refunds (issue 8)
  RefundRequestEntity,
  RefundGatewayCallEntity,
];
