import { Field } from '../../../components';

export interface ReasonFieldProps {
  label: string;
  hint?: string;
  value: string;
  onChange(value: string): void;
  errors?: string[];
}

/** The required free-text reason that refunds and support actions ask for (up to 500 characters). */
export function ReasonField({ label, hint, value, onChange, errors }: ReasonFieldProps) {
  return (
    <Field label={label} hint={hint} required errors={errors}>
      {(control) => <textarea {...control} rows={3} maxLength={500} value={value} onChange={(e) => onChange(e.target.value)} />}
    </Field>
  );
}
