import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { client, unwrap, type Schema } from '../../api/client';
import { ErrorState, LinkButton, Spinner } from '../../components';
import { useFormat } from '../../lib/useFormat';

export type Quote = Schema<'BacktestQuoteDto'>;

export interface QuoteBoxProps {
  from: string;
  to: string;
  symbol?: string;
  timeframe?: string;
  /** An INSUFFICIENT_CREDITS answer to a submit, which wins over the quote. */
  shortfall?: { balance: number; required: number } | null;
}

export function useQuote(from: string, to: string, symbol?: string, timeframe?: string) {
  const enabled = /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to) && from <= to;
  return useQuery({
    queryKey: ['backtests', 'quote', from, to],
    queryFn: () =>
      unwrap(
        client.GET('/api/backtests/quote', {
          params: { query: { from, to, symbol: symbol || undefined, timeframe: timeframe as never } },
        }),
      ),
    enabled,
    placeholderData: keepPreviousData,
  });
}

/** The price of the run (3 or 10 credits), the ≤ 365-day rule, the balance, and a way to buy more. */
export function QuoteBox({ from, to, symbol, timeframe, shortfall }: QuoteBoxProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const quote = useQuote(from, to, symbol, timeframe);

  let body;
  if (!quote.isEnabled && !quote.data) body = <p className="bt-muted">{t('btQuote.pickRange')}</p>;
  else if (quote.isError) body = <ErrorState error={quote.error} onRetry={() => void quote.refetch()} />;
  else if (!quote.data)
    body = (
      <p className="bt-muted" role="status">
        <Spinner size="sm" /> {t('btQuote.loading')}
      </p>
    );
  else {
    const q = quote.data;
    const balance = shortfall?.balance ?? q.balance;
    const required = shortfall?.required ?? q.cost;
    const sufficient = shortfall ? false : q.sufficient;
    body = (
      <>
        <div className="bt-quote__price">
          <strong className="bt-quote__cost num" data-testid="quote-cost">
            {t('btQuote.cost', { count: q.cost })}
          </strong>
          <span className="bt-muted">{t('btQuote.days', { days: format.integer(q.days) })}</span>
        </div>
        <p className="bt-quote__rule">{t('btQuote.rule')}</p>
        <dl className="bt-quote__balance">
          <div>
            <dt>{t('btQuote.balance')}</dt>
            <dd className="num" data-testid="quote-balance">
              {t('btQuote.cost', { count: balance })}
            </dd>
          </div>
          {sufficient && (
            <div>
              <dt>{t('btQuote.after')}</dt>
              <dd className="num">{t('btQuote.cost', { count: balance - q.cost })}</dd>
            </div>
          )}
        </dl>
        {!sufficient && (
          <div className="bt-quote__short" role="alert">
            <p>{t('btQuote.insufficient', { required, balance })}</p>
            <LinkButton to="/credits" variant="primary" size="sm">
              {t('btQuote.buy')}
            </LinkButton>
          </div>
        )}
        <p className="field__hint">{t('btQuote.refunded')}</p>
      </>
    );
  }

  return (
    <section className="bt-quote" aria-live="polite" aria-labelledby="bt-quote-title">
      <h2 className="bt-section-title" id="bt-quote-title">
        {t('btQuote.title')}
      </h2>
      {body}
    </section>
  );
}
