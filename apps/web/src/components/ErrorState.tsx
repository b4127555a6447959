import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import { Button } from './Button';

export interface ErrorStateProps {
  error: unknown;
  title?: ReactNode;
  onRetry?: () => void;
}

/** Shows an ApiError's message and code; network failures and other errors get a translated message. */
export function ErrorState({ error, title, onRetry }: ErrorStateProps) {
  const { t } = useTranslation();
  const apiError = isApiError(error) ? error : null;
  // fetch() rejects with a TypeError when the server cannot be reached at all.
  const message = apiError ? apiError.message : error instanceof TypeError ? t('errors.network') : t('errors.unexpected');

  return (
    <div className="state state--error" role="alert">
      <div className="state__icon" aria-hidden="true">
        !
      </div>
      <h2 className="state__title">{title ?? t('errors.title')}</h2>
      <p className="state__body">{message}</p>
      {apiError && (
        <dl className="state__meta">
          <div>
            <dt>{t('common.errorCode')}</dt>
            <dd>
              <code>{apiError.code}</code>
            </dd>
          </div>
          {apiError.requestId && (
            <div>
              <dt>{t('common.requestId')}</dt>
              <dd>
                <code>{apiError.requestId}</code>
              </dd>
            </div>
          )}
        </dl>
      )}
      {onRetry && (
        <Button variant="secondary" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      )}
    </div>
  );
}
