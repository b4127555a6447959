import { useTranslation } from 'react-i18next';
import { Button } from '../../../components';

export interface PaginationProps {
  offset: number;
  limit: number;
  total: number;
  onChange(offset: number): void;
  /** Shown while the next page loads (keepPreviousData). */
  busy?: boolean;
}

/** Previous / next with "1–20 of 57". */
export function Pagination({ offset, limit, total, onChange, busy }: PaginationProps) {
  const { t } = useTranslation();
  if (total <= limit && offset === 0) return null;
  const from = total === 0 ? 0 : offset + 1;
  const to = Math.min(offset + limit, total);
  return (
    <nav className="pager" aria-label={t('acctCommon.pagination')}>
      <Button
        variant="secondary"
        size="sm"
        disabled={offset === 0 || busy}
        onClick={() => onChange(Math.max(0, offset - limit))}
      >
        {t('acctCommon.previous')}
      </Button>
      <span className="pager__range num" aria-live="polite">
        {t('acctCommon.range', { from, to, total })}
      </span>
      <Button
        variant="secondary"
        size="sm"
        disabled={to >= total || busy}
        onClick={() => onChange(offset + limit)}
      >
        {t('acctCommon.next')}
      </Button>
    </nav>
  );
}
