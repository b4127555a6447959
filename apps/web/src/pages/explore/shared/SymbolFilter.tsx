import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { client, unwrap } from '../../../api/client';
import { Field } from '../../../components';

/** A select of the catalogue's tickers, keeping a ticker from the URL selectable even when it is not listed. */
export function SymbolFilter({ label, value, onChange }: { label: string; value: string | undefined; onChange(ticker: string): void }) {
  const { t } = useTranslation();
  const symbols = useQuery({
    queryKey: ['explore', 'symbols'],
    queryFn: () => unwrap(client.GET('/api/market-data/symbols')),
  });
  const tickers = [...new Set((symbols.data?.symbols ?? []).map((s) => s.ticker))].sort();
  return (
    <Field label={label}>
      {(control) => (
        <select {...control} value={value ?? ''} onChange={(event) => onChange(event.target.value)}>
          <option value="">{t('exCommon.all')}</option>
          {value && !tickers.includes(value) && <option value={value}>{value}</option>}
          {tickers.map((ticker) => (
            <option key={ticker} value={ticker}>
              {ticker}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
