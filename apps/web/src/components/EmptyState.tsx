import type { ReactNode } from 'react';

export interface EmptyStateProps {
  title: ReactNode;
  description?: ReactNode;
  /** A call to action, e.g. a LinkButton. */
  action?: ReactNode;
  icon?: ReactNode;
}

export function EmptyState({ title, description, action, icon }: EmptyStateProps) {
  return (
    <div className="state state--empty">
      {icon && (
        <div className="state__icon" aria-hidden="true">
          {icon}
        </div>
      )}
      <h2 className="state__title">{title}</h2>
      {description && <p className="state__body">{description}</p>}
      {action && <div className="state__action">{action}</div>}
    </div>
  );
}
