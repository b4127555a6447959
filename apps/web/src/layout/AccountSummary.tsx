import { useTranslation } from 'react-i18next';
import { useFormat } from '../lib/useFormat';

export interface AccountSummaryProps {
  /** Credit balance; null until the account screens load it. */
  credits: number | null;
  /** Plan name, already translated; null until known. */
  plan: string | null;
}

/** Header slot for the credit balance and plan. */
export function AccountSummary({ credits, plan }: AccountSummaryProps) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <div className="account" role="group" aria-label={t('account.label')}>
      <span className="account__item">
        <span className="account__label">{t('account.credits')}</span>
        <strong className="account__value num">{format.integer(credits)}</strong>
      </span>
      <span className="account__divider" aria-hidden="true" />
      <span className="account__item">
        <span className="account__label">{t('account.plan')}</span>
        <strong className="account__value">{plan ?? t('account.unknown')}</strong>
      </span>
    </div>
  );
}
