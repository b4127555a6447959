import { useTranslation } from 'react-i18next';
import { Button } from '../../../components';
import { useFormat } from '../../../lib/useFormat';

export interface PaginationProps {
  total: number;
  limit: number;
  offset: number;
  onChange: (offset: number) => void;
}

export function Pagination({ total, limit, offset, onChange }: PaginationProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const pages = Math.max(1, Math.ceil(total / limit));
  const page = Math.floor(offset / limit) + 1;
  const from = total === 0 ? 0 : offset + 1;
  const to = Math.min(offset + limit, total);
  return (
    <nav className="ex-pagination" aria-label={t('exCommon.pagination')}>
      <p className="ex-pagination__summary" aria-live="polite">
        {t('exCommon.range', {
          from: format.integer(from),
          to: format.integer(to),
          total: format.integer(total),
        })}
      </p>
      {pages > 1 && (
        <div className="ex-pagination__buttons">
          <Button
            variant="secondary"
            size="sm"
            disabled={offset <= 0}
            onClick={() => onChange(Math.max(0, offset - limit))}
          >
            {t('exCommon.previous')}
          </Button>
          <span className="ex-pagination__page">
            {t('exCommon.page', { page: format.integer(page), pages: format.integer(pages) })}
          </span>
          <Button
            variant="secondary"
            size="sm"
            disabled={offset + limit >= total}
            onClick={() => onChange(offset + limit)}
          >
            {t('exCommon.next')}
          </Button>
        </div>
      )}
    </nav>
  );
}
