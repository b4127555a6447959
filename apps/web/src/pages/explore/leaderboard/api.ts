import { client, unwrap, type Schema } from '../../../api/client';

export type LeaderboardEntry = Schema<'LeaderboardEntryDto'>;
export type LeaderboardPage = Schema<'LeaderboardPageDto'>;
export type StrategyPerformance = Schema<'StrategyPerformanceDto'>;

export const LEADERBOARD_SORTS = ['sharpe', 'cagr', 'return', 'backtest_count', 'consistency'] as const;
export type LeaderboardSort = (typeof LEADERBOARD_SORTS)[number];

/** The server's defaults (libs/leaderboard LEADERBOARD_DEFAULTS); the page asks for smaller pages. */
export const LEADERBOARD_DEFAULT_MIN_BACKTESTS = 3;
export const LEADERBOARD_PAGE_SIZE = 20;

export interface LeaderboardParams {
  sortBy: LeaderboardSort;
  order: 'asc' | 'desc';
  offset: number;
  minBacktests: number;
  template?: string;
  symbol?: string;
}

export function fetchLeaderboard(p: LeaderboardParams): Promise<LeaderboardPage> {
  return unwrap(
    client.GET('/api/strategies/leaderboard', {
      params: { query: { ...p, limit: LEADERBOARD_PAGE_SIZE } },
    }),
  );
}

export function fetchPerformance(id: string): Promise<StrategyPerformance> {
  return unwrap(client.GET('/api/strategies/{id}/performance', { params: { path: { id } } }));
}

export function copyStrategy(id: string) {
  return unwrap(client.POST('/api/strategies/{id}/copy', { params: { path: { id } } }));
}

/** Human name of a template id ('rules' for rule-based strategies). */
export function useTemplateNames(templates: { id: string; name: string }[] | undefined) {
  const names = new Map((templates ?? []).map((tpl) => [tpl.id, tpl.name]));
  return (id: string, rulesLabel: string) => (id === 'rules' ? rulesLabel : (names.get(id) ?? id));
}
