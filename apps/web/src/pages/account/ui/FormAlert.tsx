import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/client';

export interface FormAlertProps {
  error: unknown;
  /** Localized text for known API codes; the API's own message otherwise. */
  messages?: Partial<Record<string, string>>;
  /** Fields rendered by the form: their validation messages show there, not here. */
  fields?: readonly string[];
}

/** A compact error line for forms: the API's message (or a localized one for known codes) and its code. */
export function FormAlert({ error, messages, fields = [] }: FormAlertProps) {
  const { t } = useTranslation();
  if (!error) return null;
  const apiError = isApiError(error) ? error : null;
  // Validation errors that all belong to visible fields are already shown beside those fields.
  if (
    apiError &&
    apiError.fieldErrors.length > 0 &&
    apiError.fieldErrors.every((f) => fields.includes(f.field))
  ) {
    return (
      <p className="form-alert" role="alert">
        {t('acctCommon.fixFields')}
      </p>
    );
  }
  const message = apiError
    ? (messages?.[apiError.code] ?? apiError.message)
    : error instanceof TypeError
      ? t('errors.network')
      : t('errors.unexpected');
  return (
    <p className="form-alert" role="alert">
      <span>{message}</span>
      {apiError && <code className="form-alert__code">{apiError.code}</code>}
    </p>
  );
}

/** Field messages from an ApiError (empty for anything else). */
export function apiFieldErrors(error: unknown, field: string): string[] | undefined {
  if (!isApiError(error)) return undefined;
  const messages = error.messagesFor(field);
  return messages.length > 0 ? messages : undefined;
}
