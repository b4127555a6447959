import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { strategyNotFound } from '@app/backtest';
import { DISTINCT_RUNS_OF_STRATEGY } from './distinct-runs.sql';
import type { RecentBacktestDto, StrategyPerformanceDto, SymbolPerformanceDto } from './leaderboard.dto';

const RECENT_BACKTESTS = 20;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The detail behind a leaderboard row, computed live: per-symbol averages and the latest runs. */
@Injectable()
export class StrategyPerformanceService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A public strategy, or the caller's own private one; anything else is "not found". */
  async get(userId: string | undefined, strategyId: string): Promise<StrategyPerformanceDto> {
    const [strategy] = await this.dataSource.query(
      `SELECT s.id, s.name, s.owner_id, s.visibility, COALESCE(s.spec->>'template', 'rules') AS template, u.display_name
         FROM strategies s JOIN users u ON u.id = s.owner_id WHERE s.id = $1`,
      [strategyId],
    );
    if (!strategy || (strategy.visibility !== 'public' && strategy.owner_id !== userId)) throw strategyNotFound();

    const symbols: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT symbol, count(*)::integer AS backtest_count, avg(sharpe) AS avg_sharpe, avg(return_pct) AS avg_return,
              avg(cagr_pct) AS avg_cagr, avg(max_drawdown_pct) AS avg_max_drawdown
         FROM (${DISTINCT_RUNS_OF_STRATEGY}) runs
        GROUP BY symbol ORDER BY count(*) DESC, symbol`,
      [strategyId],
    );
    const recent: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT * FROM (${DISTINCT_RUNS_OF_STRATEGY}) runs ORDER BY finished_at DESC NULLS LAST, id DESC LIMIT ${RECENT_BACKTESTS}`,
      [strategyId],
    );
    const bySymbol = symbols.map(
      (r): SymbolPerformanceDto => ({
        symbol: r.symbol as string,
        backtestCount: r.backtest_count as number,
        avgSharpe: r.avg_sharpe as number | null,
        avgReturn: r.avg_return as number | null,
        avgCagr: r.avg_cagr as number | null,
        avgMaxDrawdown: r.avg_max_drawdown as number | null,
      }),
    );
    return {
      strategyId: strategy.id,
      strategyName: strategy.name,
      author: strategy.display_name,
      visibility: strategy.visibility,
      template: strategy.template,
      backtestCount: bySymbol.reduce((n, s) => n + s.backtestCount, 0),
      symbols: bySymbol,
      recentBacktests: recent.map(
        (r): RecentBacktestDto => ({
          id: r.id as string,
          symbol: r.symbol as string,
          timeframe: r.timeframe as string,
          periodFrom: (r.period_from as Date).toISOString(),
          periodTo: (r.period_to as Date).toISOString(),
          returnPct: r.return_pct as number | null,
          sharpe: r.sharpe as number | null,
          finishedAt: iso(r.finished_at as Date | null),
        }),
      ),
    };
  }
}
