import type { ReactNode } from 'react';

/** One labelled figure in a `<dl className="ex-stats">` grid. */
export function Stat({
  label,
  value,
  tone,
  tip,
  sub,
}: {
  label: string;
  value: ReactNode;
  tone?: string;
  tip?: ReactNode;
  sub?: ReactNode;
}) {
  return (
    <div className="ex-stat">
      <dt className="ex-stat__label">
        {label}
        {tip}
      </dt>
      <dd className={`ex-stat__value num ${tone ?? ''}`}>
        {value}
        {sub && <span className="ex-stat__sub">{sub}</span>}
      </dd>
    </div>
  );
}
