import { Link, isRouteErrorResponse, useRouteError } from 'react-router';
import { ErrorMessage } from '../../components/error-message.tsx';

/** Unknown paths and route errors: say what happened and offer the way back. */
export function NotFoundRoute() {
  return (
    <div className="panel">
      <h1>Page not found</h1>
      <p>
        There is nothing at this address. <Link to="/">Back to the fleet overview</Link>
      </p>
    </div>
  );
}

/**
 * A route that failed to load (its code chunk, its loader, or a render): the page cannot be
 * pieced back together in place, so Retry loads the address again.
 */
export function RouteErrorFallback() {
  const error = useRouteError();
  const shown = isRouteErrorResponse(error)
    ? new Error(`${error.status} ${error.statusText}`)
    : error instanceof Error
      ? error
      : new Error('Unknown error');
  return (
    <div className="page">
      <ErrorMessage error={shown} what="This page" onRetry={() => window.location.reload()} />
      <p>
        <Link to="/">Back to the fleet overview</Link>
      </p>
    </div>
  );
}
