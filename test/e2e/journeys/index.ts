import { accountPurchase } from './account-purchase.journey';
import { accountRefund } from './account-refund.journey';
import { backtestPollingFallback } from './backtest-polling-fallback.journey';
import { backtestRulesShort } from './backtest-rules-short.journey';
import { backtestRun } from './backtest-run.journey';
import { dataUpload } from './data-upload.journey';
import { exploreHistoryQueue } from './explore-history-queue.journey';
import { exploreLeaderboardCopy } from './explore-leaderboard-copy.journey';
import type { Journey } from './journey';
import { statusAndLanguage } from './status-and-language.journey';
import { supportApprove } from './support-approve.journey';

/** Every browser journey, in the order they run (later ones may rely on state earlier ones made). */
export const JOURNEYS: Journey[] = [
  statusAndLanguage,
  backtestRun,
  backtestPollingFallback,
  exploreLeaderboardCopy,
  exploreHistoryQueue,
  accountPurchase,
  accountRefund,
  supportApprove,
  dataUpload,
  backtestRulesShort,
];
