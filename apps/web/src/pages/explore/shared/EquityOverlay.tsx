import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/useFormat';
import { LineChart, type LineSeries } from './charts';

/** Equity curves rebased to 100 (x: days since each run's start), overlaid with a legend and a dashed line at 100. */
export function EquityOverlay({ series, label }: { series: LineSeries[]; label: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <LineChart
      series={series}
      label={label}
      baseline={100}
      height={300}
      formatX={(x) => t('exCompare.dayN', { n: format.integer(x) })}
      formatY={(y) => format.number(y, { maximumFractionDigits: 0 })}
    />
  );
}
