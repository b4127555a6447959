import { useTranslation } from 'react-i18next';
import { cx } from './cx';

export interface SpinnerProps {
  size?: 'sm' | 'md' | 'lg';
  className?: string;
}

/** Decorative spinner; pair it with text (or use Loading) so screen readers hear something. */
export function Spinner({ size = 'md', className }: SpinnerProps) {
  return <span className={cx('spinner', `spinner--${size}`, className)} aria-hidden="true" />;
}

export interface LoadingProps {
  /** Announced and shown next to the spinner; defaults to "Loading…". */
  label?: string;
  /** Fill the content area (page-level loading) instead of sitting inline. */
  block?: boolean;
}

export function Loading({ label, block = false }: LoadingProps) {
  const { t } = useTranslation();
  return (
    <div className={cx('loading', block && 'loading--block')} role="status" aria-live="polite">
      <Spinner size={block ? 'lg' : 'md'} />
      <span>{label ?? t('common.loading')}</span>
    </div>
  );
}
