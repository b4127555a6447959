import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components';
import { tDynamic } from './i18nKeys';
import {
  COMPARISONS,
  defaultOperand,
  OPERAND_KINDS,
  rowId,
  type Combine,
  type Comparison,
  type Operand,
  type OperandKind,
  type RuleGroup,
  type RuleRow,
} from './rules';

function NumberInput({
  label,
  value,
  onChange,
  min,
  step = 1,
}: {
  label: string;
  value: number;
  onChange: (v: number) => void;
  min?: number;
  step?: number | 'any';
}) {
  const id = useId();
  return (
    <span className="bt-rule__param">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className="field__control bt-rule__num"
        type="number"
        value={Number.isFinite(value) ? value : ''}
        min={min}
        step={step}
        onChange={(e) => onChange(e.target.value === '' ? NaN : Number(e.target.value))}
      />
    </span>
  );
}

function SelectInput<V extends string>({
  label,
  value,
  options,
  onChange,
  text,
}: {
  label: string;
  value: V;
  options: readonly V[];
  onChange: (v: V) => void;
  text: (v: V) => string;
}) {
  const id = useId();
  return (
    <span className="bt-rule__param">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        className="field__control"
        value={value}
        onChange={(e) => onChange(e.target.value as V)}
      >
        {options.map((o) => (
          <option key={o} value={o}>
            {text(o)}
          </option>
        ))}
      </select>
    </span>
  );
}

function OperandEditor({
  label,
  operand,
  onChange,
  allowConst,
}: {
  label: string;
  operand: Operand;
  onChange: (o: Operand) => void;
  allowConst: boolean;
}) {
  const { t } = useTranslation();
  const kinds = allowConst ? OPERAND_KINDS : OPERAND_KINDS.filter((k) => k !== 'const');
  const set = (patch: Partial<Record<string, unknown>>) => onChange({ ...operand, ...patch } as Operand);
  return (
    <div className="bt-rule__operand" role="group" aria-label={label}>
      <SelectInput
        label={label}
        value={operand.kind}
        options={kinds}
        onChange={(kind: OperandKind) => onChange(defaultOperand(kind))}
        text={(k) => tDynamic(t, `btRules.ind.${k}`, k)}
      />
      {'period' in operand && (
        <NumberInput
          label={t('btRules.param.period')}
          value={operand.period}
          min={operand.kind === 'bollinger' ? 2 : 1}
          onChange={(period) => set({ period })}
        />
      )}
      {operand.kind === 'bollinger' && (
        <>
          <NumberInput
            label={t('btRules.param.k')}
            value={operand.k}
            step="any"
            onChange={(k) => set({ k })}
          />
          <SelectInput
            label={t('btRules.param.band')}
            value={operand.band}
            options={['upper', 'middle', 'lower'] as const}
            onChange={(band) => set({ band })}
            text={(b) => t(`btRules.band.${b}`)}
          />
        </>
      )}
      {operand.kind === 'donchian' && (
        <SelectInput
          label={t('btRules.param.band')}
          value={operand.band}
          options={['upper', 'lower'] as const}
          onChange={(band) => set({ band })}
          text={(b) => t(`btRules.band.${b}`)}
        />
      )}
      {operand.kind === 'macd' && (
        <>
          <NumberInput
            label={t('btRules.param.fast')}
            value={operand.fast}
            onChange={(fast) => set({ fast })}
          />
          <NumberInput
            label={t('btRules.param.slow')}
            value={operand.slow}
            min={2}
            onChange={(slow) => set({ slow })}
          />
          <NumberInput
            label={t('btRules.param.signal')}
            value={operand.signal}
            onChange={(signal) => set({ signal })}
          />
          <SelectInput
            label={t('btRules.param.line')}
            value={operand.line}
            options={['macd', 'signal', 'hist'] as const}
            onChange={(line) => set({ line })}
            text={(l) => t(`btRules.line.${l}`)}
          />
        </>
      )}
      {operand.kind === 'const' && (
        <NumberInput
          label={t('btRules.value')}
          value={operand.value}
          step="any"
          onChange={(value) => set({ value })}
        />
      )}
    </div>
  );
}

/** One condition group (entry, exit, short entry or short exit): rows joined by AND/OR. */
export function RuleGroupEditor({
  title,
  hint,
  group,
  onChange,
}: {
  title: string;
  hint?: string;
  group: RuleGroup;
  onChange: (g: RuleGroup) => void;
}) {
  const { t } = useTranslation();
  const update = (id: string, patch: Partial<RuleRow>) =>
    onChange({ ...group, rows: group.rows.map((r) => (r.id === id ? { ...r, ...patch } : r)) });
  return (
    <fieldset className="bt-rules__group">
      <legend className="bt-rules__legend">{title}</legend>
      {hint && <p className="field__hint">{hint}</p>}
      {group.rows.length > 1 && (
        <SelectInput
          label={t('btRules.combine')}
          value={group.combine}
          options={['and', 'or'] as const}
          onChange={(combine: Combine) => onChange({ ...group, combine })}
          text={(c) => t(`btRules.${c}`)}
        />
      )}
      {group.rows.length === 0 && <p className="bt-muted">{t('btRules.empty')}</p>}
      <ol className="bt-rules__rows">
        {group.rows.map((row, i) => (
          <li key={row.id} className="bt-rule" aria-label={t('btRules.row', { n: i + 1 })}>
            {i > 0 && <span className="bt-rule__join">{group.combine === 'and' ? 'AND' : 'OR'}</span>}
            <OperandEditor
              label={t('btRules.left')}
              operand={row.left}
              allowConst={false}
              onChange={(left) => update(row.id, { left })}
            />
            <SelectInput
              label={t('btRules.operator')}
              value={row.op}
              options={COMPARISONS}
              onChange={(op: Comparison) => update(row.id, { op })}
              text={(o) => t(`btRules.op.${o}`)}
            />
            <OperandEditor
              label={t('btRules.right')}
              operand={row.right}
              allowConst
              onChange={(right) => update(row.id, { right })}
            />
            <Button
              variant="ghost"
              size="sm"
              className="bt-rule__remove"
              onClick={() => onChange({ ...group, rows: group.rows.filter((r) => r.id !== row.id) })}
              aria-label={`${t('btRules.remove')} ${i + 1}`}
            >
              ✕
            </Button>
          </li>
        ))}
      </ol>
      <Button
        variant="secondary"
        size="sm"
        disabled={group.rows.length >= 10}
        onClick={() =>
          onChange({
            ...group,
            rows: [
              ...group.rows,
              { id: rowId(), left: { kind: 'close' }, op: 'gt', right: { kind: 'sma', period: 50 } },
            ],
          })
        }
      >
        + {t('btRules.addCondition')}
      </Button>
    </fieldset>
  );
}
