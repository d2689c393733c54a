import { queryOptions, useQuery } from '@tanstack/react-query';
import { envelopeSchema } from '@watchfloor/shared/api-envelope';
import { EVENTS_PAGE_MAX, EventsPageSchema } from '@watchfloor/shared/events';
import { getJson } from '../../../lib/api-client.ts';
import { LIVE_REFRESH_MS } from '../../../lib/live-refresh.ts';
import type { EventFilters } from '../../../lib/url-state.ts';

const EventsResponseSchema = envelopeSchema(EventsPageSchema);

/** What a held list shows at its top: its newest event's time and the ids shown at that time. */
export interface ShownTop {
  ts: number;
  /** Events of the newest timestamp already shown; an event of that same ms may still be new. */
  idsAtTs: readonly string[];
}

/** Events the held list does not show, newer than its newest, as the server counts them now. */
export interface NewerEvents {
  count: number;
  /** More than `count`: the server had more than one page of them. */
  more: boolean;
}

/** A held list asks this often; it is one index range read, far cheaper than the list itself. */
export const NEWER_EVENTS_POLL_MS = LIVE_REFRESH_MS / 3;

/**
 * `GET /api/v1/events` from the held list's newest timestamp to the server's now (no `to`: the
 * server's clock decides), counting what is not on screen. One page holds up to EVENTS_PAGE_MAX;
 * beyond that the answer says "more", never a guessed number.
 */
export async function getNewerEvents(
  entityId: string,
  filters: EventFilters,
  top: ShownTop,
  signal?: AbortSignal,
): Promise<NewerEvents> {
  const body = await getJson('/api/v1/events', EventsResponseSchema, {
    signal,
    query: { entityId, ...filters, from: top.ts, limit: EVENTS_PAGE_MAX },
  });
  const shown = new Set(top.idsAtTs);
  return {
    count: body.data.events.filter((event) => !shown.has(event.id)).length,
    more: body.data.nextCursor !== undefined,
  };
}

export function getNewerEventsQueryOptions(entityId: string, filters: EventFilters, top: ShownTop) {
  return queryOptions({
    queryKey: [
      'events-newer',
      entityId,
      { ...filters, ts: top.ts, ids: [...top.idsAtTs] },
    ] as const,
    queryFn: ({ signal }) => getNewerEvents(entityId, filters, top, signal),
    refetchInterval: NEWER_EVENTS_POLL_MS,
    refetchIntervalInBackground: false,
    staleTime: NEWER_EVENTS_POLL_MS / 2,
  });
}

/** Counts what a held list is holding back; asks only while `enabled` (the list is held). */
export function useNewerEvents(
  entityId: string,
  filters: EventFilters,
  top: ShownTop | null,
  enabled: boolean,
) {
  return useQuery({
    ...getNewerEventsQueryOptions(entityId, filters, top ?? { ts: 0, idsAtTs: [] }),
    enabled: enabled && top !== null,
  });
}
