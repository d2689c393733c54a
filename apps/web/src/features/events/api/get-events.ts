import { infiniteQueryOptions, useInfiniteQuery, type InfiniteData } from '@tanstack/react-query';
import { envelopeSchema } from '@watchfloor/shared/api-envelope';
import { EventsPageSchema } from '@watchfloor/shared/events';
import { getJson } from '../../../lib/api-client.ts';
import { refreshTiming } from '../../../lib/live-refresh.ts';
import { resolveWindow, windowKey, type ViewWindow } from '../../../lib/time-window.ts';
import type { EventFilters } from '../../../lib/url-state.ts';

const EventsResponseSchema = envelopeSchema(EventsPageSchema);

/**
 * One page request. Both bounds are explicit, even for a live window: the server binds a cursor
 * to the exact window it was issued for, so every later page must ask for the same one.
 */
export interface EventsPageParam {
  from: number;
  to: number;
  cursor?: string;
}

export const EVENTS_PAGE_SIZE = 100;

/** `GET /api/v1/events` for one entity: newest first, keyset-paged by an opaque cursor. */
export async function getEvents(
  entityId: string,
  filters: EventFilters,
  param: EventsPageParam,
  signal?: AbortSignal,
) {
  const body = await getJson('/api/v1/events', EventsResponseSchema, {
    signal,
    query: {
      entityId,
      ...filters,
      from: param.from,
      to: param.to,
      cursor: param.cursor,
      limit: EVENTS_PAGE_SIZE,
    },
  });
  return { body, param };
}

export type EventsPageResult = Awaited<ReturnType<typeof getEvents>>;

export function getEventsQueryOptions(entityId: string, window: ViewWindow, filters: EventFilters) {
  return infiniteQueryOptions({
    queryKey: ['events', entityId, { ...windowKey(window), ...filters }] as const,
    // null: resolve "now" when the first page is (re)fetched, so a live refresh slides the window.
    initialPageParam: null as EventsPageParam | null,
    queryFn: ({ pageParam, signal }) =>
      getEvents(entityId, filters, pageParam ?? resolveWindow(window), signal),
    getNextPageParam: (last: EventsPageResult): EventsPageParam | undefined =>
      last.body.data.nextCursor
        ? { from: last.param.from, to: last.param.to, cursor: last.body.data.nextCursor }
        : undefined,
    ...refreshTiming(
      window,
      (data: InfiniteData<EventsPageResult>) => data.pages[0]?.body.meta.ageMs,
    ),
  });
}

/**
 * Timing of a list the reader has put on hold: nothing refreshes it by itself (no timer, focus or
 * reconnect), so rows never move under the reader; an explicit refetch still does.
 */
const HELD = {
  refetchInterval: false,
  refetchOnWindowFocus: false,
  refetchOnReconnect: false,
  refetchOnMount: false,
  staleTime: Infinity,
} as const;

export function useEvents(
  entityId: string,
  window: ViewWindow,
  filters: EventFilters,
  { held = false }: { held?: boolean } = {},
) {
  const options = getEventsQueryOptions(entityId, window, filters);
  return useInfiniteQuery(held ? { ...options, ...HELD } : options);
}
