import { useTranslation } from 'react-i18next';
import { Field } from '../../components';
import { formParams, validateParams, type ParamProblem, type ParamValues, type Template } from './paramForm';
import { tDynamic } from './i18nKeys';

export function useParamProblemText() {
  const { t } = useTranslation();
  return (problem: ParamProblem, template?: Template): string => {
    const values = { ...problem.values };
    if (problem.key === 'lessThan' && template) {
      values.a = tDynamic(t, `btParam.${String(values.a)}`, String(values.a));
      values.b = tDynamic(t, `btParam.${String(values.b)}`, String(values.b));
    }
    return tDynamic(t, `btParam.${problem.key}`, problem.key, values);
  };
}

export interface TemplateCardsProps {
  templates: Template[];
  selected: string;
  onSelect: (id: string) => void;
}

/** Template cards as a radio group (arrow keys move, the description says what it does). */
export function TemplateCards({ templates, selected, onSelect }: TemplateCardsProps) {
  const { t } = useTranslation();
  return (
    <fieldset className="bt-templates">
      <legend className="visually-hidden">{t('btNew.templatesLabel')}</legend>
      {templates.map((tpl) => (
        <label key={tpl.id} className="bt-template" data-selected={tpl.id === selected}>
          <input
            type="radio"
            name="template"
            value={tpl.id}
            checked={tpl.id === selected}
            onChange={() => onSelect(tpl.id)}
            className="bt-template__radio"
          />
          <span className="bt-template__name">{tDynamic(t, `btTemplate.${tpl.id}.name`, tpl.name)}</span>
          <span className="bt-template__desc">
            {tDynamic(t, `btTemplate.${tpl.id}.description`, tpl.description)}
          </span>
          <code className="bt-template__id">{tpl.id}</code>
        </label>
      ))}
    </fieldset>
  );
}

export interface ParamFieldsProps {
  template: Template;
  values: ParamValues;
  onChange: (values: ParamValues) => void;
  /** Show problems (after the first submit attempt or once a field was touched). */
  showErrors?: boolean;
  /** Messages from the API for the strategy as a whole. */
  serverErrors?: string[];
}

/** A form generated from a template's parameter schema: number inputs with min/max, selects for enums. */
export function ParamFields({
  template,
  values,
  onChange,
  showErrors = true,
  serverErrors,
}: ParamFieldsProps) {
  const { t } = useTranslation();
  const problemText = useParamProblemText();
  const params = formParams(template);
  const problems = validateParams(template, values);
  const set = (name: string, value: string) => onChange({ ...values, [name]: value });

  if (params.length === 0) return <p className="bt-muted">{t('btNew.noParams')}</p>;
  return (
    <div className="bt-params">
      <div className="bt-grid bt-grid--params">
        {params.map((p) => {
          const label = tDynamic(t, `btParam.${p.name}`, p.name);
          const problem = showErrors ? problems[p.name] : undefined;
          const errors = problem ? [problemText(problem, template)] : undefined;
          const lower = p.min ?? p.exclusiveMin;
          const upper = p.max ?? p.exclusiveMax;
          const hint =
            lower !== undefined && upper !== undefined
              ? t('btParam.range', { min: lower, max: upper })
              : lower !== undefined
                ? t('btParam.min', { min: lower })
                : upper !== undefined
                  ? t('btParam.max', { max: upper })
                  : undefined;
          if (p.enum) {
            return (
              <Field key={p.name} label={label} errors={errors}>
                {(control) => (
                  <select
                    {...control}
                    name={p.name}
                    value={values[p.name] ?? ''}
                    onChange={(e) => set(p.name, e.target.value)}
                  >
                    {p.enum!.map((option) => (
                      <option key={option} value={option}>
                        {tDynamic(t, `btParam.${option}`, option)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            );
          }
          return (
            <Field
              key={p.name}
              label={label}
              name={p.name}
              type="number"
              inputMode={p.type === 'integer' ? 'numeric' : 'decimal'}
              step={p.type === 'integer' ? 1 : 'any'}
              min={p.min}
              max={p.max}
              value={values[p.name] ?? ''}
              placeholder={p.default !== undefined ? String(p.default) : undefined}
              onChange={(e) => set(p.name, e.target.value)}
              hint={hint}
              errors={errors}
              title={p.description}
            />
          );
        })}
      </div>
      {serverErrors && serverErrors.length > 0 && (
        <ul className="field__errors" role="alert">
          {serverErrors.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
