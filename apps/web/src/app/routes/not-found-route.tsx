import { Link, isRouteErrorResponse, useRouteError } from 'react-router';

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

export function RouteErrorFallback() {
  const error = useRouteError();
  const message = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : 'Unknown error';
  return (
    <div role="alert" className="panel-error">
      <strong>This page failed to load.</strong> <span>{message}</span>{' '}
      <Link to="/">Back to the fleet overview</Link>
    </div>
  );
}
