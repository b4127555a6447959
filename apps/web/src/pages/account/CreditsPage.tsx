import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { client, unwrap, type Schema } from '../../api/client';
import { useAuth, useCreditBalance } from '../../auth';
import { Badge, Button, Card, EmptyState, ErrorState, Loading } from '../../components';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { useFormat } from '../../lib/useFormat';
import { checkoutPath, createOrder } from './checkout/flow';
import { accountKeys } from './keys';
import { CreditAmount, LedgerReason } from './ledger';
import { FormAlert, Pagination } from './ui';
import './account.css';

const LEDGER_PAGE = 10;
type CreditPackage = Schema<'CreditPackageDto'>;

export default function CreditsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('acctCredits.title'));
  return (
    <div className="page">
      <div className="page__header">
        <h1 className="page__title">{t('acctCredits.title')}</h1>
        <p className="page__lead">{t('acctCredits.lead')}</p>
      </div>
      <BalanceCard />
      <Packages />
      <Ledger />
    </div>
  );
}

function BalanceCard() {
  const { t } = useTranslation();
  const format = useFormat();
  const { user } = useAuth();
  const balance = useCreditBalance();
  return (
    <Card className="balance-card">
      <div className="balance-card__main">
        <p className="balance-card__label">{t('acctCredits.balance')}</p>
        {balance.isError ? (
          <ErrorState error={balance.error} onRetry={() => void balance.refetch()} />
        ) : (
          <p className="balance-card__value" aria-live="polite" aria-busy={balance.isPending}>
            <span className="num" data-testid="credit-balance">
              {balance.isPending ? '…' : format.integer(balance.data)}
            </span>{' '}
            <span className="balance-card__unit">{t('acctCommon.creditsUnit')}</span>
          </p>
        )}
        {user && (
          <p className="balance-card__plan">
            {t('account.plan')} <Badge tone="info">{t(`acctCommon.plan.${user.plan}`)}</Badge>
          </p>
        )}
      </div>
      <div className="balance-card__links">
        <Link to="/refunds">{t('acctCredits.refundsLink')}</Link>
        <Link to="/settings/api-keys">{t('acctCredits.apiKeysLink')}</Link>
      </div>
    </Card>
  );
}

function Packages() {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const packages = useQuery({
    queryKey: accountKeys.packages,
    queryFn: () => unwrap(client.GET('/api/payments/packages')),
    staleTime: 5 * 60_000,
  });
  const [unsupported, setUnsupported] = useState(false);
  const buy = useMutation({
    mutationFn: (pkg: CreditPackage) => createOrder(pkg.id),
    onSuccess: (order) => {
      const path = checkoutPath(order);
      if (path) void navigate(path);
      else setUnsupported(true);
    },
  });

  const items = packages.data?.items ?? [];
  const best = items.reduce<CreditPackage | null>(
    (b, p) => (!b || p.priceWon / p.credits < b.priceWon / b.credits ? p : b),
    null,
  );

  return (
    <Card title={t('acctCredits.buyTitle')}>
      {packages.isPending ? (
        <Loading label={t('acctCredits.loadingPackages')} />
      ) : packages.isError ? (
        <ErrorState error={packages.error} onRetry={() => void packages.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title={t('acctCredits.noPackages')} />
      ) : (
        <>
          <ul className="packages" aria-label={t('acctCredits.buyTitle')}>
            {items.map((pkg) => {
              const perCredit = pkg.priceWon / pkg.credits;
              const busy = buy.isPending && buy.variables?.id === pkg.id;
              return (
                <li key={pkg.id} className="package" data-best={pkg.id === best?.id && items.length > 1}>
                  {pkg.id === best?.id && items.length > 1 && (
                    <Badge tone="success" className="package__badge">
                      {t('acctCredits.bestValue')}
                    </Badge>
                  )}
                  <p className="package__credits">
                    <span className="num">{format.integer(pkg.credits)}</span> {t('acctCommon.creditsUnit')}
                  </p>
                  <p className="package__price num">{format.currency(pkg.priceWon)}</p>
                  <p className="package__unit">
                    {t('acctCredits.perCredit', { price: format.currency(perCredit) })}
                  </p>
                  <Button
                    onClick={() => buy.mutate(pkg)}
                    loading={busy}
                    disabled={buy.isPending && !busy}
                    aria-label={t('acctCredits.buyLabel', {
                      credits: format.integer(pkg.credits),
                      price: format.currency(pkg.priceWon),
                    })}
                  >
                    {t('acctCredits.buy')}
                  </Button>
                </li>
              );
            })}
          </ul>
          <FormAlert error={buy.error} />
          {unsupported && (
            <p className="form-alert" role="alert">
              {t('acctCheckout.tossUnavailable')}
            </p>
          )}
          <p className="form__note">{t('acctCredits.vatNote')}</p>
        </>
      )}
    </Card>
  );
}

function Ledger() {
  const { t } = useTranslation();
  const format = useFormat();
  const [offset, setOffset] = useState(0);
  const ledger = useQuery({
    queryKey: accountKeys.ledger(offset, LEDGER_PAGE),
    queryFn: () =>
      unwrap(client.GET('/api/credits/ledger', { params: { query: { limit: LEDGER_PAGE, offset } } })),
    placeholderData: keepPreviousData,
  });

  return (
    <Card title={t('acctCredits.ledgerTitle')}>
      {ledger.isPending ? (
        <Loading label={t('acctCredits.loadingLedger')} />
      ) : ledger.isError ? (
        <ErrorState error={ledger.error} onRetry={() => void ledger.refetch()} />
      ) : ledger.data.items.length === 0 ? (
        <EmptyState title={t('acctCredits.ledgerEmpty')} description={t('acctCredits.ledgerEmptyBody')} />
      ) : (
        <>
          <div className="table-wrap">
            <table className="data-table ledger-table">
              <caption className="visually-hidden">{t('acctCredits.ledgerCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col" className="ledger-table__date">
                    {t('acctCredits.colDate')}
                  </th>
                  <th scope="col">{t('acctCredits.colReason')}</th>
                  <th scope="col" className="data-table__num">
                    {t('acctCredits.colAmount')}
                  </th>
                  <th scope="col" className="data-table__num">
                    {t('acctCredits.colBalance')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {ledger.data.items.map((entry) => (
                  <tr key={entry.id}>
                    <td className="data-table__date ledger-table__date">
                      {format.dateTime(entry.createdAt)}
                    </td>
                    <td>
                      <LedgerReason entry={entry} />
                      <span className="ledger-table__date-sub">{format.dateTime(entry.createdAt)}</span>
                    </td>
                    <td className="data-table__num">
                      <CreditAmount amount={entry.amount} />
                    </td>
                    <td className="data-table__num num">{format.integer(entry.balanceAfter)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination
            offset={offset}
            limit={LEDGER_PAGE}
            total={ledger.data.total}
            onChange={setOffset}
            busy={ledger.isPlaceholderData}
          />
        </>
      )}
    </Card>
  );
}
