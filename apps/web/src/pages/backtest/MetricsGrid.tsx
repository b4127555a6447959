import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import {
  formatMetric,
  metricDefinition,
  metricLabel,
  METRIC_GROUPS,
  METRICS,
  metricTone,
  type MetricDef,
  type MetricKey,
} from '../../lib/metrics';

export type MetricValues = Partial<Record<MetricKey, number | null>>;

function MetricTile({
  def,
  value,
  currency,
}: {
  def: MetricDef;
  value: number | null | undefined;
  currency: string;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const tone = metricTone(def, value);
  const label = metricLabel(t, def.key);
  return (
    <div className="bt-metric" tabIndex={0} aria-describedby={`${id}-def`} data-metric={def.key}>
      <dt className="bt-metric__label">
        {label}
        <span className="bt-metric__info" aria-hidden="true">
          ?
        </span>
      </dt>
      <dd className={`bt-metric__value num${tone ? ` bt-${tone}` : ''}`}>
        {formatMetric(def, value, i18n.resolvedLanguage ?? 'ko', currency)}
      </dd>
      <dd className="bt-metric__def" id={`${id}-def`} role="tooltip">
        {metricDefinition(t, def.key)}
      </dd>
    </div>
  );
}

/** Every engine metric with its unit, grouped; hover or focus a tile for its definition. */
export function MetricsGrid({ metrics, currency }: { metrics: MetricValues; currency: string }) {
  const { t } = useTranslation();
  return (
    <div className="bt-metrics" data-testid="metrics-grid">
      {METRIC_GROUPS.map((group) => (
        <section key={group} className="bt-metrics__group" aria-label={t(`btResult.group.${group}`)}>
          <h3 className="bt-subtitle">{t(`btResult.group.${group}`)}</h3>
          <dl className="bt-metrics__grid">
            {METRICS.filter((m) => m.group === group).map((def) => (
              <MetricTile key={def.key} def={def} value={metrics[def.key]} currency={currency} />
            ))}
          </dl>
        </section>
      ))}
    </div>
  );
}
