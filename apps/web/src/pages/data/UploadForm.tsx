import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { Button, Card, Field } from '../../components';
import { FormAlert, apiFieldErrors } from '../account/ui';
import { ImportRejection, ImportReportView } from './ImportReportView';
import { MARKETS, TIMEFRAMES, dataKeys, importCsv, rejectionProblems, type ImportFields } from './api';

type Timeframe = (typeof TIMEFRAMES)[number];
type Market = (typeof MARKETS)[number];

interface Upload {
  file: File;
  fields: ImportFields;
}

/** The CSV upload form; shows the import report (or the rejection by line) under it. */
export function UploadForm() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [symbol, setSymbol] = useState('');
  const [timeframe, setTimeframe] = useState<Timeframe>('1d');
  const [name, setName] = useState('');
  const [currency, setCurrency] = useState('');
  const [market, setMarket] = useState<Market | ''>('');
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [local, setLocal] = useState<{ file?: string; symbol?: string }>({});

  const upload = useMutation({
    mutationFn: ({ file: csv, fields }: Upload) => importCsv(csv, fields),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: dataKeys.symbols }),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const ticker = symbol.trim();
    const problems = {
      file: file ? undefined : t('dataPage.fileRequired'),
      symbol: ticker ? undefined : t('dataPage.tickerRequired'),
    };
    setLocal(problems);
    if (!file || !ticker) return;
    upload.mutate({
      file,
      fields: {
        symbol: ticker,
        timeframe,
        name: name.trim() || undefined,
        currency: currency.trim() || undefined,
        market: market || undefined,
        skipInvalid,
      },
    });
  };

  const rejection = isApiError(upload.error) && upload.error.code === 'IMPORT_REJECTED' ? rejectionProblems(upload.error.details) : null;

  return (
    <>
      <Card title={t('dataPage.uploadTitle')}>
        <form className="data-form" onSubmit={submit} noValidate>
          <Field
            className="data-form__wide"
            label={t('dataPage.file')}
            name="file"
            type="file"
            accept=".csv,text/csv,text/plain"
            required
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            errors={local.file ? [local.file] : undefined}
          />
          <Field
            label={t('dataPage.ticker')}
            name="symbol"
            required
            maxLength={32}
            autoCapitalize="characters"
            hint={t('dataPage.tickerHint')}
            value={symbol}
            onChange={(e) => setSymbol(e.target.value)}
            errors={local.symbol ? [local.symbol] : apiFieldErrors(upload.error, 'symbol')}
          />
          <Field label={t('dataPage.timeframe')} errors={apiFieldErrors(upload.error, 'timeframe')}>
            {(control) => (
              <select {...control} name="timeframe" value={timeframe} onChange={(e) => setTimeframe(e.target.value as Timeframe)}>
                {TIMEFRAMES.map((tf) => (
                  <option key={tf} value={tf}>
                    {tf}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            label={t('dataPage.name')}
            name="name"
            maxLength={200}
            value={name}
            onChange={(e) => setName(e.target.value)}
            errors={apiFieldErrors(upload.error, 'name')}
          />
          <Field
            label={t('dataPage.currency')}
            name="currency"
            maxLength={5}
            hint={t('dataPage.currencyHint')}
            value={currency}
            onChange={(e) => setCurrency(e.target.value)}
            errors={apiFieldErrors(upload.error, 'currency')}
          />
          <Field label={t('dataPage.market')} errors={apiFieldErrors(upload.error, 'market')}>
            {(control) => (
              <select {...control} name="market" value={market} onChange={(e) => setMarket(e.target.value as Market | '')}>
                <option value="">{t('dataPage.marketAny')}</option>
                {MARKETS.map((m) => (
                  <option key={m} value={m}>
                    {m}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <label className="data-form__check data-form__wide">
            <input type="checkbox" name="skipInvalid" checked={skipInvalid} onChange={(e) => setSkipInvalid(e.target.checked)} />
            {t('dataPage.skipInvalid')}
          </label>
          <div className="data-form__wide">
            <Button type="submit" loading={upload.isPending}>
              {t('dataPage.upload')}
            </Button>
          </div>
        </form>
        {!rejection && (
          <FormAlert
            error={upload.error}
            fields={['symbol', 'timeframe', 'name', 'currency', 'market']}
            messages={{ PAYLOAD_TOO_LARGE: t('dataPage.tooLarge') }}
          />
        )}
      </Card>
      {rejection && <ImportRejection problems={rejection.problems} errorCount={rejection.errorCount} />}
      {upload.data && <ImportReportView result={upload.data} />}
    </>
  );
}
