import type { ReactNode } from 'react';

export type SortOrder = 'asc' | 'desc';

export interface SortHeaderProps {
  label: ReactNode;
  /** Whether the table is currently sorted by this column, and in which order. */
  active: boolean;
  order: SortOrder;
  onSort: () => void;
  numeric?: boolean;
  extra?: ReactNode;
}

/** A column header that sorts on click; the state is exposed through aria-sort (screen readers announce it). */
export function SortHeader({ label, active, order, onSort, numeric, extra }: SortHeaderProps) {
  return (
    <th
      scope="col"
      aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : 'none'}
      className={numeric ? 'ex-num' : undefined}
    >
      <span className="ex-th">
        <button type="button" className="ex-sort" onClick={onSort}>
          {label}
          <span className="ex-sort__icon" aria-hidden="true">
            {active ? (order === 'asc' ? '▲' : '▼') : '↕'}
          </span>
        </button>
        {extra}
      </span>
    </th>
  );
}
