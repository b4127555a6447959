import { useRouteError } from 'react-router-dom';
import { ErrorState } from '../components';

/** Shown inside the layout when a page throws or its code chunk fails to load (e.g. after a deploy). */
export function RouteError() {
  const error = useRouteError();
  return (
    <div className="page">
      <ErrorState error={error} onRetry={() => window.location.reload()} />
    </div>
  );
}
