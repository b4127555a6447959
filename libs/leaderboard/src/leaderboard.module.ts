import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { StrategyEntity } from '@app/backtest';
import { AdminLeaderboardController } from './admin-leaderboard.controller';
import { LeaderboardController } from './leaderboard.controller';
import { LeaderboardHotPath } from './leaderboard-hot-path';
import { LeaderboardRefresher } from './leaderboard-refresher.service';
import { LeaderboardService } from './leaderboard.service';
import { StrategyCopyService } from './strategy-copy.service';
import { StrategyPerformanceService } from './strategy-performance.service';

/**
 * The API side: leaderboard, performance, copy, and the staff refresh. Import it BEFORE the backtest
 * module: Nest registers routes in module order, and `GET /strategies/:id` would otherwise catch
 * `GET /strategies/leaderboard`.
 */
@Module({
  imports: [TypeOrmModule.forFeature([StrategyEntity])],
  controllers: [LeaderboardController, AdminLeaderboardController],
  providers: [LeaderboardService, LeaderboardHotPath, LeaderboardRefresher, StrategyPerformanceService, StrategyCopyService],
  exports: [LeaderboardService, LeaderboardHotPath, LeaderboardRefresher],
})
export class LeaderboardModule {}
