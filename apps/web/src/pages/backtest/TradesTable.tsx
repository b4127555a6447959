import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, EmptyState } from '../../components';
import { formatPercentValue } from '../../lib/metrics';
import { useFormat } from '../../lib/useFormat';
import {
  sortTrades,
  TRADE_COLUMNS,
  tradesToCsv,
  type SortDirection,
  type Trade,
  type TradeColumn,
} from './trades';

const NUMERIC: readonly TradeColumn[] = [
  'n',
  'entryPrice',
  'exitPrice',
  'size',
  'pnl',
  'returnPct',
  'commission',
];

export interface TradesTableProps {
  trades: Trade[];
  currency: string;
  /** File name for the CSV export, without extension. */
  fileName: string;
}

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The closed trades, sortable by any column, with a CSV export. */
export function TradesTable({ trades, currency, fileName }: TradesTableProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const [sort, setSort] = useState<{ column: TradeColumn; direction: SortDirection }>({
    column: 'n',
    direction: 'asc',
  });
  const numbered = useMemo(() => trades.map((trade, i) => ({ ...trade, n: i + 1 })), [trades]);
  const rows = useMemo(() => sortTrades(numbered, sort.column, sort.direction), [numbered, sort]);

  if (trades.length === 0) return <EmptyState title={t('btResult.noTrades')} />;

  const toggle = (column: TradeColumn) =>
    setSort((s) =>
      s.column === column
        ? { column, direction: s.direction === 'asc' ? 'desc' : 'asc' }
        : { column, direction: column === 'n' ? 'asc' : 'desc' },
    );
  const money = (v: number) => format.currency(v, currency);
  const tone = (v: number) => (v > 0 ? 'bt-gain' : v < 0 ? 'bt-loss' : '');

  return (
    <div className="bt-trades">
      <div className="bt-trades__bar">
        <span className="bt-muted">{t('btResult.tradesCount', { count: trades.length })}</span>
        <Button variant="secondary" size="sm" onClick={() => download(`${fileName}.csv`, tradesToCsv(rows))}>
          {t('btResult.exportCsv')}
        </Button>
      </div>
      <div className="bt-table-wrap" tabIndex={0} role="region" aria-label={t('btResult.trades')}>
        <table className="bt-table" data-testid="trades-table">
          <thead>
            <tr>
              {TRADE_COLUMNS.map((column) => {
                const active = sort.column === column;
                const label = t(`btResult.col.${column}`);
                return (
                  <th
                    key={column}
                    scope="col"
                    aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
                    className={NUMERIC.includes(column) ? 'bt-num' : undefined}
                  >
                    <button
                      type="button"
                      className="bt-sort"
                      onClick={() => toggle(column)}
                      aria-label={t('btResult.sortBy', { column: label })}
                    >
                      {label}
                      <span className="bt-sort__icon" aria-hidden="true">
                        {active ? (sort.direction === 'asc' ? '▲' : '▼') : '↕'}
                      </span>
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {rows.map((trade) => (
              <tr key={trade.n}>
                <td className="bt-num">{trade.n}</td>
                <td>
                  <span className={`bt-side bt-side--${trade.size >= 0 ? 'long' : 'short'}`}>
                    {trade.size >= 0 ? t('btResult.long') : t('btResult.short')}
                  </span>
                </td>
                <td>{format.date(trade.entryTime, { timeZone: 'UTC' })}</td>
                <td>{format.date(trade.exitTime, { timeZone: 'UTC' })}</td>
                <td className="bt-num">{money(trade.entryPrice)}</td>
                <td className="bt-num">{money(trade.exitPrice)}</td>
                <td className="bt-num">
                  {format.number(Math.abs(trade.size), { maximumFractionDigits: 6 })}
                </td>
                <td className={`bt-num ${tone(trade.pnl)}`}>
                  {format.currency(trade.pnl, currency, { signed: true })}
                </td>
                <td className={`bt-num ${tone(trade.returnPct)}`}>
                  {formatPercentValue(trade.returnPct, format.language, { signed: true })}
                </td>
                <td className="bt-num">{money(trade.commission)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
