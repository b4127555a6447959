import type { Schema } from '../../api/client';

export type Trade = Schema<'TradeDto'>;
export type TradeColumn =
  | 'n'
  | 'side'
  | 'entryTime'
  | 'exitTime'
  | 'entryPrice'
  | 'exitPrice'
  | 'size'
  | 'pnl'
  | 'returnPct'
  | 'commission';
export const TRADE_COLUMNS: readonly TradeColumn[] = [
  'n',
  'side',
  'entryTime',
  'exitTime',
  'entryPrice',
  'exitPrice',
  'size',
  'pnl',
  'returnPct',
  'commission',
];

export interface NumberedTrade extends Trade {
  n: number;
}

export type SortDirection = 'asc' | 'desc';

function sortValue(trade: NumberedTrade, column: TradeColumn): number {
  if (column === 'side') return trade.size >= 0 ? 0 : 1;
  if (column === 'size') return Math.abs(trade.size);
  return trade[column];
}

/** Sorted copy; ties keep trade order. */
export function sortTrades(
  trades: readonly NumberedTrade[],
  column: TradeColumn,
  direction: SortDirection,
): NumberedTrade[] {
  const sign = direction === 'asc' ? 1 : -1;
  return [...trades].sort((a, b) => sign * (sortValue(a, column) - sortValue(b, column)) || a.n - b.n);
}

function csvCell(value: string | number): string {
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Machine-readable CSV (ISO dates, plain numbers, English headers), one row per trade. */
export function tradesToCsv(trades: readonly NumberedTrade[]): string {
  const header = [
    'n',
    'side',
    'entry_time',
    'exit_time',
    'entry_price',
    'exit_price',
    'size',
    'pnl',
    'return_pct',
    'commission',
  ];
  const rows = trades.map((t) =>
    [
      t.n,
      t.size >= 0 ? 'long' : 'short',
      new Date(t.entryTime).toISOString(),
      new Date(t.exitTime).toISOString(),
      t.entryPrice,
      t.exitPrice,
      Math.abs(t.size),
      t.pnl,
      t.returnPct,
      t.commission,
    ]
      .map(csvCell)
      .join(','),
  );
  return [header.join(','), ...rows].join('\n') + '\n';
}
