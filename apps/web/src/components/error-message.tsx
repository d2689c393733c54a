import { ApiError } from '../lib/api-client.ts';

/** A failed request in words, with the request id support can look up in the server logs. */
export function ErrorMessage({ error, what }: { error: unknown; what: string }) {
  const message = error instanceof Error ? error.message : 'Unknown error';
  const requestId = error instanceof ApiError ? error.requestId : null;
  return (
    <div role="alert" className="panel-error">
      <strong>{what} could not be loaded.</strong> <span>{message}</span>
      {requestId && <span className="muted"> (request {requestId})</span>}
    </div>
  );
}
