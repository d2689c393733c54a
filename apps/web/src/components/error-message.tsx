import { QueryClientContext, type QueryClient } from '@tanstack/react-query';
import { useContext, useEffect, useRef, useState } from 'react';
import { ApiError } from '../lib/api-client.ts';
import './error-message.css';

interface Props {
  error: unknown;
  /** Names what failed ("Segment checkout-eu"). */
  what: string;
  /**
   * Tries again (a query's `refetch`, a boundary's reset). Without it, Retry refetches every
   * query on screen that is failing now: whatever failed here is among them.
   */
  onRetry?: () => unknown;
  /** How it failed: a request "could not be loaded", a render "could not be shown". */
  failed?: string;
  /**
   * Failed attempts before this error, where the caller knows them. A request with nothing to
   * show goes back to loading while it is retried, which removes this message, so the message
   * alone would start counting again at every failure.
   */
  failedBefore?: number;
}

const refetchFailing = (client: QueryClient | undefined) =>
  client?.refetchQueries({ type: 'active', predicate: (query) => query.state.status === 'error' });

/**
 * After a successful retry this message leaves the page and the button with it; the reader's
 * focus would fall back to the top of the document, so it goes to the heading of what replaced it.
 */
function focusHeadingOf(region: Element | null): void {
  const active = document.activeElement;
  if (active && active !== document.body && active.isConnected) return;
  const scope = region?.isConnected ? region : document;
  const heading = scope.querySelector<HTMLElement>('h1, h2');
  if (!heading) return;
  if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
  heading.focus();
}

/**
 * A failed request in words, with the request id support can look up in the server logs, and a
 * Retry: every error state of the app is this one component, so every one of them can be retried.
 */
export function ErrorMessage({
  error,
  what,
  onRetry,
  failed = 'could not be loaded',
  failedBefore = 0,
}: Props) {
  const client = useContext(QueryClientContext);
  const rootRef = useRef<HTMLDivElement>(null);
  const retriedIn = useRef<Element | null | undefined>(undefined);
  const retriedFrom = useRef<unknown>(undefined);
  const [retrying, setRetrying] = useState(false);
  const [retriesSeenHere, setRetriesSeenHere] = useState(0);
  const attempts = Math.max(retriesSeenHere, failedBefore);
  const message = error instanceof Error ? error.message : 'Unknown error';
  const requestId = error instanceof ApiError ? error.requestId : null;

  useEffect(
    () => () => {
      const region = retriedIn.current;
      if (region !== undefined) queueMicrotask(() => focusHeadingOf(region));
    },
    [],
  );

  // A retry that failed again brings a new error: only then does "still failing" become true.
  useEffect(() => {
    if (retriedFrom.current === undefined || retriedFrom.current === error) return;
    retriedFrom.current = undefined;
    setRetrying(false);
    setRetriesSeenHere((n) => n + 1);
  }, [error]);

  const retry = async () => {
    if (retrying) return;
    retriedIn.current = rootRef.current?.parentElement?.closest('section, .page, main') ?? null;
    retriedFrom.current = error;
    setRetrying(true);
    try {
      await (onRetry ?? (() => refetchFailing(client)))();
    } finally {
      // Settled without a new error (e.g. a boundary's reset): let the next render tell.
      window.setTimeout(() => setRetrying(false), 0);
    }
  };

  return (
    <div ref={rootRef} role="alert" className="panel-error error-message">
      <strong>
        {what} {failed}.
      </strong>{' '}
      <span>{message}</span>
      {requestId && <span className="muted"> (request {requestId})</span>}
      {attempts > 0 && !retrying && (
        <span className="error-message__again">
          {' '}
          Still failing after {attempts} {attempts === 1 ? 'retry' : 'retries'}.
        </span>
      )}{' '}
      <button
        type="button"
        className="button error-message__retry"
        aria-busy={retrying}
        onClick={() => void retry()}
      >
        {retrying ? 'Retrying…' : 'Retry'}
      </button>
    </div>
  );
}
