export { Badge, type BadgeProps, type BadgeTone } from './Badge';
export { Button, LinkButton, buttonClassName, type ButtonProps, type ButtonVariant } from './Button';
export { Card, type CardProps } from './Card';
export { EmptyState, type EmptyStateProps } from './EmptyState';
export { ErrorState, type ErrorStateProps } from './ErrorState';
export { Field, type FieldControlProps, type FieldProps } from './Field';
export { Loading, Spinner, type LoadingProps, type SpinnerProps } from './Spinner';
export { ProgressBar, type ProgressBarProps } from './ProgressBar';
export { cx } from './cx';
