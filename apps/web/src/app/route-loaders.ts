import type { QueryClient } from '@tanstack/react-query';
import type { LoaderFunctionArgs } from 'react-router';
import { getEntityQueryOptions } from '../features/entities/api/get-entity.ts';
import { getEventsQueryOptions } from '../features/events/api/get-events.ts';
import { getOverviewQueryOptions } from '../features/overview/api/get-overview.ts';
import { getSegmentQueryOptions } from '../features/segments/api/get-segment.ts';
import { readDrillView } from '../lib/url-state.ts';
import { getTrendsQueryOptions } from '../features/trends/api/get-trends.ts';
import { readTrendsSelection } from '../features/trends/api/trends-selection.ts';

/**
 * Loaders start a level's request the moment navigation starts, before the previous page is torn
 * down and before a lazy route's code has arrived. They never wait: the page renders at once and
 * reads the same query (same key, from the same factory) when it mounts.
 */
export function createLoaders(queryClient: QueryClient) {
  const view = (request: Request) => readDrillView(new URL(request.url).searchParams);
  const start = (promise: Promise<unknown>) => {
    // A failure is shown by the page's own query; the loader must not turn it into a route error.
    promise.catch(() => undefined);
    return null;
  };
  return {
    overview: ({ request }: LoaderFunctionArgs) =>
      start(queryClient.prefetchQuery(getOverviewQueryOptions(view(request).window))),
    segment: ({ request, params }: LoaderFunctionArgs) =>
      start(
        queryClient.prefetchQuery(
          getSegmentQueryOptions(params.segmentId ?? '', view(request).window),
        ),
      ),
    entity: ({ request, params }: LoaderFunctionArgs) =>
      start(
        queryClient.prefetchQuery(
          getEntityQueryOptions(params.entityId ?? '', view(request).window),
        ),
      ),
    trends: ({ request }: LoaderFunctionArgs) =>
      start(
        queryClient.prefetchQuery(
          getTrendsQueryOptions(readTrendsSelection(new URL(request.url).searchParams)),
        ),
      ),
    events: ({ request, params }: LoaderFunctionArgs) => {
      const { window, filters } = view(request);
      return start(
        queryClient.prefetchInfiniteQuery(
          getEventsQueryOptions(params.entityId ?? '', window, filters),
        ),
      );
    },
  };
}
