import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/useFormat';

type Spec = Record<string, unknown>;

/** One line: "SMA crossover (fast 10, slow 30)" or "Rule-based". */
export function specLine(
  spec: Spec,
  templateName: (id: string, rules: string) => string,
  rulesLabel: string,
): string {
  if (spec.kind === 'rules') return rulesLabel;
  const id = typeof spec.template === 'string' ? spec.template : '';
  const params = (spec.params ?? {}) as Record<string, unknown>;
  const shown = Object.entries(params)
    .filter(([, v]) => v !== null && v !== undefined && typeof v !== 'object')
    .slice(0, 4)
    .map(([k, v]) => `${k} ${String(v)}`);
  return shown.length
    ? `${templateName(id, rulesLabel)} (${shown.join(', ')})`
    : templateName(id, rulesLabel);
}

/** The template and every parameter, or the rules as JSON. */
export function SpecSummary({
  spec,
  templateName,
}: {
  spec: Spec;
  templateName: (id: string, rules: string) => string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  if (spec.kind === 'rules') {
    return (
      <div>
        <p className="ex-muted">{t('exCommon.rules')}</p>
        <pre className="ex-code">{JSON.stringify(spec.rules, null, 2)}</pre>
      </div>
    );
  }
  const params = Object.entries((spec.params ?? {}) as Record<string, unknown>);
  return (
    <div>
      <p className="ex-spec-template">{templateName(String(spec.template ?? ''), t('exCommon.rules'))}</p>
      {params.length > 0 && (
        <dl className="ex-params">
          {params.map(([key, value]) => (
            <div key={key}>
              <dt>{key}</dt>
              <dd className="num">
                {typeof value === 'number'
                  ? format.number(value, { maximumFractionDigits: 6 })
                  : value === null || value === undefined
                    ? '—'
                    : String(value)}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}
