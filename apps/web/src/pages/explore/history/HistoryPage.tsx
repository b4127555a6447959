import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { client, unwrap, type Schema } from '../../../api/client';
import { Button, Card, EmptyState, ErrorState, Field, LinkButton, Loading } from '../../../components';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { Pagination } from '../shared/Pagination';
import { SymbolFilter } from '../shared/SymbolFilter';
import { SortHeader, type SortOrder } from '../shared/SortHeader';
import { BACKTEST_STATUSES, StatusBadge, useStatusLabel, type BacktestStatus } from '../shared/StatusBadge';
import { intParam, useSearchState } from '../shared/searchState';
import { toneOf, useExploreFormat } from '../shared/units';
import '../shared/explore.css';

export const HISTORY_PAGE_SIZE = 20;
/** The most runs one comparison shows (one colour each). */
export const MAX_COMPARE = 6;

const SORTS = ['created', 'return', 'sharpe'] as const;
type HistorySort = (typeof SORTS)[number];

const DEFAULTS = { status: '', symbol: '', strategyId: '', sort: 'created', order: 'desc', offset: '0' };

type Backtest = Schema<'BacktestDto'>;

export function compareHref(ids: string[]): string {
  return `/history/compare?ids=${ids.map(encodeURIComponent).join(',')}`;
}

export default function HistoryPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('exHistory.title'));
  const format = useExploreFormat();
  const statusLabel = useStatusLabel();
  const navigate = useNavigate();
  const { get, update } = useSearchState(DEFAULTS);
  const [selected, setSelected] = useState<string[]>([]);

  const status = (BACKTEST_STATUSES as readonly string[]).includes(get('status'))
    ? (get('status') as BacktestStatus)
    : undefined;
  const symbol = get('symbol') || undefined;
  const strategyId = get('strategyId') || undefined;
  const sort: HistorySort = (SORTS as readonly string[]).includes(get('sort'))
    ? (get('sort') as HistorySort)
    : 'created';
  const order: SortOrder = get('order') === 'asc' ? 'asc' : 'desc';
  const offset = intParam(get('offset'), 0);
  const filtered = !!(status || symbol || strategyId);

  const list = useQuery({
    queryKey: ['explore', 'backtests', { status, symbol, strategyId, sort, order, offset }],
    queryFn: () =>
      unwrap(
        client.GET('/api/backtests', {
          params: { query: { status, symbol, strategyId, sort, order, limit: HISTORY_PAGE_SIZE, offset } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  const strategies = useQuery({
    queryKey: ['explore', 'strategies', 'mine', 'options'],
    queryFn: () =>
      unwrap(client.GET('/api/strategies', { params: { query: { scope: 'mine', limit: 100 } } })),
  });

  const sortBy = (column: HistorySort) => {
    if (sort === column) update({ sort: column, order: order === 'asc' ? 'desc' : 'asc' });
    else update({ sort: column, order: 'desc' });
  };

  const toggle = (id: string) =>
    setSelected((current) =>
      current.includes(id)
        ? current.filter((x) => x !== id)
        : current.length >= MAX_COMPARE
          ? current
          : [...current, id],
    );


  return (
    <div className="page ex-page">
      <header className="page__header">
        <h1 className="page__title">{t('exHistory.title')}</h1>
        <p className="page__lead">{t('exHistory.lead')}</p>
      </header>

      <form
        className="ex-filters"
        aria-label={t('exCommon.filters')}
        onSubmit={(event) => event.preventDefault()}
      >
        <Field label={t('exHistory.filterStatus')}>
          {(control) => (
            <select
              {...control}
              value={status ?? ''}
              onChange={(event) => update({ status: event.target.value })}
            >
              <option value="">{t('exCommon.all')}</option>
              {BACKTEST_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {statusLabel(s)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <SymbolFilter label={t('exHistory.filterSymbol')} value={symbol} onChange={(ticker) => update({ symbol: ticker })} />
        <Field label={t('exHistory.filterStrategy')}>
          {(control) => (
            <select
              {...control}
              value={strategyId ?? ''}
              onChange={(event) => update({ strategyId: event.target.value })}
            >
              <option value="">{t('exCommon.all')}</option>
              {strategyId && !strategies.data?.items.some((s) => s.id === strategyId) && (
                <option value={strategyId}>{t('exHistory.unknownStrategy')}</option>
              )}
              {(strategies.data?.items ?? []).map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        {filtered && (
          <div className="ex-filters__actions">
            <Button variant="ghost" onClick={() => update({ status: '', symbol: '', strategyId: '' })}>
              {t('exCommon.resetFilters')}
            </Button>
          </div>
        )}
      </form>

      <CompareBar
        selected={selected}
        onClear={() => setSelected([])}
        onCompare={() => navigate(compareHref(selected))}
      />

      {list.isPending ? (
        <Loading block label={t('exHistory.loading')} />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.total === 0 ? (
        filtered ? (
          <EmptyState
            title={t('exHistory.noMatchTitle')}
            description={t('exHistory.noMatchBody')}
            action={
              <Button variant="secondary" onClick={() => update({ status: '', symbol: '', strategyId: '' })}>
                {t('exCommon.resetFilters')}
              </Button>
            }
          />
        ) : (
          <EmptyState
            icon="📈"
            title={t('exHistory.emptyTitle')}
            description={t('exHistory.emptyBody')}
            action={<LinkButton to="/backtest">{t('exHistory.emptyCta')}</LinkButton>}
          />
        )
      ) : (
        <Card>
          <div className="ex-table-wrap" role="region" aria-label={t('exHistory.tableLabel')} tabIndex={0}>
            <table className="ex-table" aria-busy={list.isFetching || undefined}>
              <caption className="visually-hidden">{t('exHistory.tableCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col" className="ex-table__select">
                    <span className="visually-hidden">{t('exHistory.selectColumn')}</span>
                  </th>
                  <SortHeader
                    label={t('exHistory.colDate')}
                    active={sort === 'created'}
                    order={order}
                    onSort={() => sortBy('created')}
                  />
                  <th scope="col">{t('exHistory.colStrategy')}</th>
                  <th scope="col">{t('exHistory.colSymbol')}</th>
                  <th scope="col">{t('exHistory.colStatus')}</th>
                  <SortHeader
                    label={t('exMetric.returnPct')}
                    numeric
                    active={sort === 'return'}
                    order={order}
                    onSort={() => sortBy('return')}
                  />
                  <SortHeader
                    label={t('exMetric.sharpe')}
                    numeric
                    active={sort === 'sharpe'}
                    order={order}
                    onSort={() => sortBy('sharpe')}
                  />
                  <th scope="col" className="ex-num">
                    {t('exMetric.cagrPct')}
                  </th>
                  <th scope="col" className="ex-num">
                    {t('exMetric.maxDrawdownPct')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((b) => (
                  <HistoryRow
                    key={b.id}
                    backtest={b}
                    selected={selected.includes(b.id)}
                    full={selected.length >= MAX_COMPARE}
                    onToggle={toggle}
                    format={format}
                  />
                ))}
              </tbody>
            </table>
          </div>
          <Pagination
            total={list.data.total}
            limit={HISTORY_PAGE_SIZE}
            offset={offset}
            onChange={(next) => update({ offset: next })}
          />
        </Card>
      )}
    </div>
  );
}

function HistoryRow({
  backtest: b,
  selected,
  full,
  onToggle,
  format,
}: {
  backtest: Backtest;
  selected: boolean;
  full: boolean;
  onToggle: (id: string) => void;
  format: ReturnType<typeof useExploreFormat>;
}) {
  const { t } = useTranslation();
  const comparable = b.status === 'completed';
  const name = `${b.strategyName} · ${b.symbol}`;
  return (
    <tr className={selected ? 'ex-row--selected' : undefined}>
      <td className="ex-table__select">
        <input
          type="checkbox"
          checked={selected}
          disabled={!comparable || (full && !selected)}
          onChange={() => onToggle(b.id)}
          aria-label={t('exHistory.selectRow', { name })}
          title={comparable ? undefined : t('exHistory.onlyCompleted')}
        />
      </td>
      <td className="ex-nowrap">
        {format.date(b.createdAt)}
        <span className="ex-sub">{format.time(b.createdAt)}</span>
      </td>
      <td>
        <Link to={`/backtests/${b.id}`} className="ex-link-strong">
          {b.strategyName}
        </Link>
      </td>
      <td>
        <span className="ex-ticker">{b.symbol}</span>
      </td>
      <td>
        <StatusBadge status={b.status} />
      </td>
      <td className={`ex-num ${toneOf(b.returnPct) ?? ''}`}>{format.signedPct(b.returnPct)}</td>
      <td className="ex-num">{format.ratio(b.sharpe)}</td>
      <td className={`ex-num ${toneOf(b.cagrPct) ?? ''}`}>{format.signedPct(b.cagrPct)}</td>
      <td className="ex-num ex-loss-soft">{format.pct(b.maxDrawdownPct)}</td>
    </tr>
  );
}

function CompareBar({
  selected,
  onClear,
  onCompare,
}: {
  selected: string[];
  onClear: () => void;
  onCompare: () => void;
}) {
  const { t } = useTranslation();
  const format = useExploreFormat();
  return (
    <div className="ex-compare-bar" data-active={selected.length > 0}>
      <p aria-live="polite" className="ex-compare-bar__text">
        {selected.length === 0
          ? t('exHistory.compareHint', { max: MAX_COMPARE })
          : t('exHistory.selectedCount', {
              count: selected.length,
              n: format.integer(selected.length),
              max: MAX_COMPARE,
            })}
      </p>
      <div className="ex-compare-bar__actions">
        {selected.length > 0 && (
          <Button variant="ghost" size="sm" onClick={onClear}>
            {t('exHistory.clearSelection')}
          </Button>
        )}
        <Button size="sm" disabled={selected.length < 2} onClick={onCompare}>
          {t('exHistory.compare')}
        </Button>
      </div>
    </div>
  );
}
