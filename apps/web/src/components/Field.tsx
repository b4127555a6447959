import { useId, type InputHTMLAttributes, type ReactNode } from 'react';
import { cx } from './cx';

/** Props to spread on a custom control (select, textarea) rendered through Field's children. */
export interface FieldControlProps {
  id: string;
  'aria-invalid': boolean | undefined;
  'aria-describedby': string | undefined;
  className: string;
}

export interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'children'> {
  label: ReactNode;
  /** Messages shown under the control, e.g. `apiError.messagesFor('symbol')`. */
  errors?: readonly string[];
  hint?: ReactNode;
  /** Render a different control; receives the id and aria wiring. Defaults to an <input>. */
  children?: (control: FieldControlProps) => ReactNode;
}

export function Field({ label, errors, hint, children, id, className, required, ...inputProps }: FieldProps) {
  const autoId = useId();
  const controlId = id ?? `field-${autoId}`;
  const hintId = `${controlId}-hint`;
  const errorId = `${controlId}-errors`;
  const hasErrors = !!errors && errors.length > 0;
  const describedBy = cx(hint != null && hintId, hasErrors && errorId) || undefined;
  const control: FieldControlProps = {
    id: controlId,
    'aria-invalid': hasErrors || undefined,
    'aria-describedby': describedBy,
    className: cx('field__control', hasErrors && 'field__control--invalid'),
  };

  return (
    <div className={cx('field', hasErrors && 'field--invalid', className)}>
      <label className="field__label" htmlFor={controlId}>
        {label}
        {required && (
          <span className="field__required" aria-hidden="true">
            *
          </span>
        )}
      </label>
      {children ? children(control) : <input {...inputProps} {...control} required={required} />}
      {hint != null && (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      )}
      {hasErrors && (
        <ul className="field__errors" id={errorId}>
          {errors.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
