import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { client, unwrap } from '../../../api/client';
import { Button, Card, EmptyState, ErrorState, Field, Loading } from '../../../components';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { InfoTip } from '../shared/InfoTip';
import { Pagination } from '../shared/Pagination';
import { SymbolFilter } from '../shared/SymbolFilter';
import { SortHeader, type SortOrder } from '../shared/SortHeader';
import { intParam, useSearchState } from '../shared/searchState';
import { toneOf, useExploreFormat } from '../shared/units';
import {
  LEADERBOARD_DEFAULT_MIN_BACKTESTS,
  LEADERBOARD_PAGE_SIZE,
  LEADERBOARD_SORTS,
  fetchLeaderboard,
  useTemplateNames,
  type LeaderboardSort,
} from './api';
import '../shared/explore.css';

const DEFAULTS = {
  sortBy: 'sharpe',
  order: 'desc',
  template: '',
  symbol: '',
  minBacktests: String(LEADERBOARD_DEFAULT_MIN_BACKTESTS),
  offset: '0',
};

export default function LeaderboardPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('exLeaderboard.title'));
  const format = useExploreFormat();
  const { get, update } = useSearchState(DEFAULTS);

  const sortBy: LeaderboardSort = (LEADERBOARD_SORTS as readonly string[]).includes(get('sortBy'))
    ? (get('sortBy') as LeaderboardSort)
    : 'sharpe';
  const order: SortOrder = get('order') === 'asc' ? 'asc' : 'desc';
  const template = get('template') || undefined;
  const symbol = get('symbol') || undefined;
  const minBacktests = Math.max(1, intParam(get('minBacktests'), LEADERBOARD_DEFAULT_MIN_BACKTESTS, 1000));
  const offset = intParam(get('offset'), 0);
  const filtered = !!(template || symbol) || minBacktests !== LEADERBOARD_DEFAULT_MIN_BACKTESTS;

  const board = useQuery({
    queryKey: ['explore', 'leaderboard', { sortBy, order, template, symbol, minBacktests, offset }],
    queryFn: () => fetchLeaderboard({ sortBy, order, template, symbol, minBacktests, offset }),
    placeholderData: keepPreviousData,
  });
  const templates = useQuery({
    queryKey: ['explore', 'templates'],
    queryFn: () => unwrap(client.GET('/api/strategies/templates')),
    staleTime: Infinity,
  });
  const templateName = useTemplateNames(templates.data);

  // The number field commits on blur/Enter so typing "10" does not query for 1 first.
  const [minDraft, setMinDraft] = useState(String(minBacktests));
  useEffect(() => setMinDraft(String(minBacktests)), [minBacktests]);
  const commitMin = () => {
    const n = Number.parseInt(minDraft, 10);
    if (Number.isFinite(n) && n >= 1) {
      if (Math.min(n, 1000) !== minBacktests) update({ minBacktests: Math.min(n, 1000) });
    } else setMinDraft(String(minBacktests));
  };

  const sortOn = (column: LeaderboardSort) =>
    update(
      sortBy === column
        ? { sortBy: column, order: order === 'asc' ? 'desc' : 'asc' }
        : { sortBy: column, order: 'desc' },
    );
  const resetFilters = () => update({ template: '', symbol: '', minBacktests: '' });

  return (
    <div className="page ex-page">
      <header className="page__header">
        <h1 className="page__title">{t('exLeaderboard.title')}</h1>
        <p className="page__lead">{t('exLeaderboard.lead', { min: minBacktests })}</p>
      </header>

      <form
        className="ex-filters"
        aria-label={t('exCommon.filters')}
        onSubmit={(event) => {
          event.preventDefault();
          commitMin();
        }}
      >
        <Field label={t('exLeaderboard.filterTemplate')}>
          {(control) => (
            <select
              {...control}
              value={template ?? ''}
              onChange={(event) => update({ template: event.target.value })}
            >
              <option value="">{t('exCommon.all')}</option>
              {(templates.data ?? []).map((tpl) => (
                <option key={tpl.id} value={tpl.id}>
                  {tpl.name}
                </option>
              ))}
              <option value="rules">{t('exCommon.rules')}</option>
            </select>
          )}
        </Field>
        <SymbolFilter label={t('exLeaderboard.filterSymbol')} value={symbol} onChange={(ticker) => update({ symbol: ticker })} />
        <Field
          label={t('exLeaderboard.filterMinBacktests')}
          type="number"
          inputMode="numeric"
          min={1}
          max={1000}
          value={minDraft}
          onChange={(event) => setMinDraft(event.target.value)}
          onBlur={commitMin}
          hint={t('exLeaderboard.minBacktestsHint')}
        />
        {filtered && (
          <div className="ex-filters__actions">
            <Button variant="ghost" onClick={resetFilters}>
              {t('exCommon.resetFilters')}
            </Button>
          </div>
        )}
      </form>

      {board.isPending ? (
        <Loading block label={t('exLeaderboard.loading')} />
      ) : board.isError ? (
        <ErrorState error={board.error} onRetry={() => void board.refetch()} />
      ) : board.data.strategies.length === 0 ? (
        <EmptyState
          icon="🏆"
          title={filtered ? t('exLeaderboard.noMatchTitle') : t('exLeaderboard.emptyTitle')}
          description={
            filtered ? t('exLeaderboard.noMatchBody') : t('exLeaderboard.emptyBody', { min: minBacktests })
          }
          action={
            filtered ? (
              <Button variant="secondary" onClick={resetFilters}>
                {t('exCommon.resetFilters')}
              </Button>
            ) : undefined
          }
        />
      ) : (
        <Card>
          <div
            className="ex-table-wrap"
            role="region"
            aria-label={t('exLeaderboard.tableLabel')}
            tabIndex={0}
          >
            <table className="ex-table ex-table--board" aria-busy={board.isFetching || undefined}>
              <caption className="visually-hidden">{t('exLeaderboard.tableCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col" className="ex-num">
                    {t('exLeaderboard.colRank')}
                  </th>
                  <th scope="col">{t('exLeaderboard.colStrategy')}</th>
                  <SortHeader
                    label={t('exLeaderboard.colSharpe')}
                    numeric
                    active={sortBy === 'sharpe'}
                    order={order}
                    onSort={() => sortOn('sharpe')}
                    extra={
                      <InfoTip
                        label={t('exLeaderboard.sharpeTipLabel')}
                        text={t('exLeaderboard.sharpeTip')}
                      />
                    }
                  />
                  <SortHeader
                    label={t('exLeaderboard.colCagr')}
                    numeric
                    active={sortBy === 'cagr'}
                    order={order}
                    onSort={() => sortOn('cagr')}
                  />
                  <SortHeader
                    label={t('exLeaderboard.colReturn')}
                    numeric
                    active={sortBy === 'return'}
                    order={order}
                    onSort={() => sortOn('return')}
                  />
                  <th scope="col" className="ex-num">
                    {t('exLeaderboard.colMaxDrawdown')}
                  </th>
                  <SortHeader
                    label={t('exLeaderboard.colCount')}
                    numeric
                    active={sortBy === 'backtest_count'}
                    order={order}
                    onSort={() => sortOn('backtest_count')}
                  />
                  <SortHeader
                    label={t('exLeaderboard.colConsistency')}
                    numeric
                    active={sortBy === 'consistency'}
                    order={order}
                    onSort={() => sortOn('consistency')}
                    extra={
                      <InfoTip
                        label={t('exLeaderboard.consistencyTipLabel')}
                        text={t('exLeaderboard.consistencyTip')}
                      />
                    }
                  />
                  <th scope="col" className="ex-num">
                    {t('exLeaderboard.colCopies')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {board.data.strategies.map((s) => (
                  <tr key={s.strategyId}>
                    <td className="ex-num">
                      <span className={`ex-rank ${s.rank <= 3 ? `ex-rank--${s.rank}` : ''}`}>
                        {format.integer(s.rank)}
                      </span>
                    </td>
                    <td>
                      <Link to={`/leaderboard/${s.strategyId}`} className="ex-link-strong">
                        {s.strategyName}
                      </Link>
                      <span className="ex-sub">
                        {t('exLeaderboard.byAuthor', { author: s.author })} ·{' '}
                        {templateName(s.template, t('exCommon.rules'))}
                      </span>
                      <span className="ex-sub ex-sub--symbols">{s.symbols.join(', ')}</span>
                    </td>
                    <td className="ex-num">
                      <strong>{format.ratio(s.avgSharpe)}</strong>
                      <span className="ex-sub">
                        {t('exLeaderboard.median', { value: format.ratio(s.medianSharpe) })}
                      </span>
                    </td>
                    <td className={`ex-num ${toneOf(s.avgCagr) ?? ''}`}>{format.signedPct(s.avgCagr)}</td>
                    <td className={`ex-num ${toneOf(s.avgReturn) ?? ''}`}>{format.signedPct(s.avgReturn)}</td>
                    <td className="ex-num">{format.pct(s.avgMaxDrawdown)}</td>
                    <td className="ex-num">{format.integer(s.backtestCount)}</td>
                    <td className="ex-num">
                      <ConsistencyMeter value={s.consistency} />
                    </td>
                    <td className="ex-num">{format.integer(s.copyCount)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination
            total={board.data.pagination.total}
            limit={LEADERBOARD_PAGE_SIZE}
            offset={offset}
            onChange={(next) => update({ offset: next })}
          />
        </Card>
      )}
      <p className="ex-footnote">{t('exLeaderboard.footnote')}</p>
    </div>
  );
}

export function ConsistencyMeter({ value }: { value: number | null | undefined }) {
  const format = useExploreFormat();
  const share = typeof value === 'number' && Number.isFinite(value) ? Math.min(Math.max(value, 0), 1) : null;
  return (
    <span className="ex-meter">
      <span className="ex-meter__text">{format.fraction(share)}</span>
      <span className="ex-meter__track" aria-hidden="true">
        <span className="ex-meter__fill" style={{ width: `${(share ?? 0) * 100}%` }} />
      </span>
    </span>
  );
}
