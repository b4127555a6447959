import type { ButtonHTMLAttributes } from 'react';
import { Link, type LinkProps } from 'react-router-dom';
import { cx } from './cx';
import { Spinner } from './Spinner';

export type ButtonVariant = 'primary' | 'secondary' | 'ghost' | 'danger';
export type ButtonSize = 'sm' | 'md' | 'lg';

interface StyleProps {
  variant?: ButtonVariant;
  size?: ButtonSize;
}

export function buttonClassName({ variant = 'primary', size = 'md' }: StyleProps, className?: string): string {
  return cx('btn', `btn--${variant}`, `btn--${size}`, className);
}

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement>, StyleProps {
  /** Disables the button and shows a spinner while an action runs. */
  loading?: boolean;
}

export function Button({ variant, size, loading = false, disabled, className, children, type, ...rest }: ButtonProps) {
  return (
    <button
      {...rest}
      type={type ?? 'button'}
      className={buttonClassName({ variant, size }, className)}
      disabled={disabled || loading}
      aria-busy={loading || undefined}
    >
      {loading && <Spinner size="sm" />}
      {children}
    </button>
  );
}

/** A router link that looks like a button (for navigation, not actions). */
export function LinkButton({ variant, size, className, ...rest }: LinkProps & StyleProps) {
  return <Link {...rest} className={buttonClassName({ variant, size }, className)} />;
}
