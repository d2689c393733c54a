import type { ReactNode } from 'react';
import type { Quality } from '@watchfloor/shared/quality';
import { staleSinceOf } from '../lib/staleness.ts';
import { useStaleness } from '../lib/use-staleness.ts';
import { ErrorMessage } from './error-message.tsx';
import { QualityBanner } from './quality-banner.tsx';

/** What the page reads of its level's query (a react-query result). */
interface LevelQuery<T> {
  data: T | undefined;
  error: unknown;
  isError: boolean;
  isPending: boolean;
  dataUpdatedAt: number;
  /** Fetches of this query that ended in an error: with no answer yet, all of them in a row. */
  errorUpdateCount: number;
}

interface Props<T> {
  /** The page's heading (inside its h1). */
  heading: ReactNode;
  query: LevelQuery<T>;
  /** Names the answer in the error message ("Segment checkout-eu"). */
  what: string;
  /** The loading line ("Loading the segment…"). */
  loading: string;
  /** The level's panels, once there is an answer; the quality banner stands above them. */
  children: (body: T) => ReactNode;
}

/**
 * A drill-down level's page: its heading, then either why it failed, that it is loading, or how
 * far its answer can be trusted followed by the level's own panels. An answer already on screen
 * stays there when a refresh fails: the error is shown only when there is nothing to show.
 */
export function DrillLevelPage<T extends { quality: Quality }>({
  heading,
  query,
  what,
  loading,
  children,
}: Props<T>) {
  const staleness = useStaleness();
  const body = query.data;
  return (
    <div className="page">
      <div className="page__head">
        <h1>{heading}</h1>
      </div>
      {query.isError && !body && (
        <ErrorMessage
          error={query.error}
          what={what}
          failedBefore={Math.max(0, query.errorUpdateCount - 1)}
        />
      )}
      {query.isPending && (
        <p aria-busy="true" className="loading">
          {loading}
        </p>
      )}
      {body && (
        <>
          <QualityBanner
            quality={body.quality}
            staleSince={staleSinceOf(staleness, query.dataUpdatedAt)}
          />
          {children(body)}
        </>
      )}
    </div>
  );
}
