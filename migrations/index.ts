import { AccountsCreditsPayments1795827664582 } from './1795827664582-AccountsCreditsPayments';
import { MarketData1795827799820 } from './1795827799820-MarketData';
import { BacktestPipeline1795828055188 } from './1795828055188-BacktestPipeline';
import { Refunds1795828669484 } from './1795828669484-Refunds';
import { StrategyLeaderboard1795828634067 } from './1795828634067-StrategyLeaderboard';
import { LeaderboardSortIndexes1795900000000 } from './1795900000000-LeaderboardSortIndexes';
import { BacktestsStrategyIndex1795900000001 } from './1795900000001-BacktestsStrategyIndex';
import { BacktestIdempotencyFingerprint1795900000002 } from './1795900000002-BacktestIdempotencyFingerprint';
import { MarketSymbolOwnerForeignKey1795900000003 } from './1795900000003-MarketSymbolOwnerForeignKey';
/** Every migration, in order. `npm run migration:generate -- Name` writes a new file; add it here. */
export const MIGRATIONS: Function[] = [
  AccountsCreditsPayments1795827664582,
  MarketData1795827799820,
  BacktestPipeline1795828055188,
  StrategyLeaderboard1795828634067,
  Refunds1795828669484,
  LeaderboardSortIndexes1795900000000,
  BacktestsStrategyIndex1795900000001,
  BacktestIdempotencyFingerprint1795900000002,
  MarketSymbolOwnerForeignKey1795900000003,
];
