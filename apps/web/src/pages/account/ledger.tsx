import { useTranslation } from 'react-i18next';
import type { Schema } from '../../api/client';
import { useFormat } from '../../lib/useFormat';

export type LedgerEntry = Schema<'CreditLedgerEntryDto'>;

/** "+100 credits" / "−1 credits" in the gain/loss colours, with the sign spelled out for screen readers. */
export function CreditAmount({ amount }: { amount: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const tone = amount > 0 ? 'gain' : amount < 0 ? 'loss' : 'flat';
  return (
    <span className={`credit-amount credit-amount--${tone} num`}>
      {format.number(amount, { signed: true, maximumFractionDigits: 0 })}
      <span className="credit-amount__unit"> {t('acctCommon.creditsUnit')}</span>
    </span>
  );
}

/** The localized reason of a ledger entry, with an admin's note when there is one. */
export function LedgerReason({
  entry,
}: {
  entry: Pick<LedgerEntry, 'reason' | 'note' | 'referenceType' | 'referenceId'>;
}) {
  const { t } = useTranslation();
  return (
    <span className="ledger-reason">
      <span className={`ledger-reason__label ledger-reason__label--${entry.reason}`}>
        {t(`acctCommon.reason.${entry.reason}`)}
      </span>
      {entry.note && <span className="ledger-reason__note">{entry.note}</span>}
    </span>
  );
}
