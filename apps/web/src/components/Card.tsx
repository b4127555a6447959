import { useId, type HTMLAttributes, type ReactNode } from 'react';
import { cx } from './cx';

export interface CardProps extends Omit<HTMLAttributes<HTMLElement>, 'title'> {
  title?: ReactNode;
  /** Right-aligned header content (buttons, badges). */
  actions?: ReactNode;
  footer?: ReactNode;
}

/** A bordered surface; with a title it becomes a labelled section. */
export function Card({ title, actions, footer, className, children, ...rest }: CardProps) {
  const titleId = useId();
  return (
    <section {...rest} className={cx('card', className)} aria-labelledby={title ? titleId : undefined}>
      {(title || actions) && (
        <header className="card__header">
          {title && (
            <h2 className="card__title" id={titleId}>
              {title}
            </h2>
          )}
          {actions && <div className="card__actions">{actions}</div>}
        </header>
      )}
      <div className="card__body">{children}</div>
      {footer && <footer className="card__footer">{footer}</footer>}
    </section>
  );
}
