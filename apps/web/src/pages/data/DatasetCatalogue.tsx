import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge, Button, Card, EmptyState, ErrorState, Loading } from '../../components';
import { useFormat } from '../../lib/useFormat';
import { ConfirmDialog, FormAlert } from '../account/ui';
import { dataKeys, deleteSymbol, listSymbols, type MarketSymbol } from './api';

/** The catalogue split into bundled/public datasets and the caller's private ones. */
export function DatasetCatalogue() {
  const { t } = useTranslation();
  const symbols = useQuery({ queryKey: dataKeys.symbols, queryFn: listSymbols });
  if (symbols.isPending) return <Loading label={t('dataPage.loading')} block />;
  if (symbols.isError) return <ErrorState error={symbols.error} onRetry={() => void symbols.refetch()} />;
  const mine = symbols.data.symbols.filter((s) => s.visibility === 'private' && s.ownedByMe);
  const shared = symbols.data.symbols.filter((s) => s.visibility === 'public');
  return (
    <>
      <Card title={t('dataPage.privateTitle')} data-testid="private-datasets">
        {mine.length === 0 ? (
          <EmptyState title={t('dataPage.privateEmpty')} description={t('dataPage.privateEmptyBody')} />
        ) : (
          <DatasetTable symbols={mine} deletable />
        )}
      </Card>
      <Card title={t('dataPage.publicTitle')} data-testid="public-datasets">
        {shared.length === 0 ? <EmptyState title={t('dataPage.publicEmpty')} /> : <DatasetTable symbols={shared} />}
      </Card>
    </>
  );
}

function DatasetTable({ symbols, deletable = false }: { symbols: MarketSymbol[]; deletable?: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [deleting, setDeleting] = useState<MarketSymbol | null>(null);
  const remove = useMutation({
    mutationFn: (id: string) => deleteSymbol(id),
    onSuccess: () => {
      setDeleting(null);
      void queryClient.invalidateQueries({ queryKey: dataKeys.symbols });
    },
  });
  const when = (symbol: MarketSymbol, value: string | null) =>
    symbol.timeframe.endsWith('d') || symbol.timeframe.endsWith('w') ? format.date(value) : format.dateTime(value);

  return (
    <div className="table-wrap">
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t('dataPage.colTicker')}</th>
            <th scope="col">{t('dataPage.colName')}</th>
            <th scope="col">{t('dataPage.colMarket')}</th>
            <th scope="col">{t('dataPage.colCurrency')}</th>
            <th scope="col">{t('dataPage.colTimeframe')}</th>
            <th scope="col">{t('dataPage.colRange')}</th>
            <th scope="col" className="data-table__num">
              {t('dataPage.colBars')}
            </th>
            <th scope="col">{t('dataPage.colAdjusted')}</th>
            {deletable && <th scope="col">{t('dataPage.colActions')}</th>}
          </tr>
        </thead>
        <tbody>
          {symbols.map((symbol) => (
            <tr key={symbol.id}>
              <th scope="row">{symbol.ticker}</th>
              <td>{symbol.name}</td>
              <td>{symbol.market}</td>
              <td>{symbol.currency}</td>
              <td>
                <Badge tone="neutral">{symbol.timeframe}</Badge>
              </td>
              <td className="data-table__date">
                {when(symbol, symbol.firstTime)} – {when(symbol, symbol.lastTime)}
              </td>
              <td className="data-table__num">{format.integer(symbol.barCount)}</td>
              <td>{symbol.adjusted ? t('dataPage.yes') : t('dataPage.no')}</td>
              {deletable && (
                <td>
                  <Button
                    variant="danger"
                    size="sm"
                    onClick={() => setDeleting(symbol)}
                    aria-label={t('dataPage.deleteLabel', { ticker: symbol.ticker })}
                  >
                    {t('dataPage.delete')}
                  </Button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <ConfirmDialog
        open={deleting !== null}
        title={t('dataPage.deleteTitle')}
        confirmLabel={t('dataPage.delete')}
        confirmVariant="danger"
        busy={remove.isPending}
        onConfirm={() => deleting && remove.mutate(deleting.id)}
        onCancel={() => {
          setDeleting(null);
          remove.reset();
        }}
      >
        <p>{t('dataPage.deleteBody', { ticker: deleting?.ticker ?? '' })}</p>
        <FormAlert error={remove.error} />
      </ConfirmDialog>
    </div>
  );
}
