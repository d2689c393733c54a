import { queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { EntityDetailResponseSchema, type SeriesMetric } from '@watchfloor/shared/drilldown';
import { getJson } from '../../../lib/api-client.ts';
import { isSameScope, refreshTiming } from '../../../lib/live-refresh.ts';
import { windowKey, windowRequest, type ViewWindow } from '../../../lib/time-window.ts';

/** `GET /api/v1/entities/:entityId`: figures, series and annotations of one entity. */
/**
 * Every metric the entity page draws, asked of `/api/v1/series` in one request when zoomed: the
 * RED and gauge panels share the same query key, so a zoom loads the entity's series once.
 */
export const ENTITY_METRICS: readonly SeriesMetric[] = [
  'rate',
  'errors',
  'errorRatio',
  'p50',
  'p95',
  'p99',
  'gauge',
];

export type EntityResponse = z.infer<typeof EntityDetailResponseSchema>;

export function getEntity(
  entityId: string,
  window: ViewWindow,
  signal?: AbortSignal,
): Promise<EntityResponse> {
  return getJson(`/api/v1/entities/${encodeURIComponent(entityId)}`, EntityDetailResponseSchema, {
    signal,
    query: windowRequest(window),
  });
}

export function getEntityQueryOptions(entityId: string, window: ViewWindow) {
  return queryOptions({
    queryKey: ['entity', entityId, windowKey(window)] as const,
    queryFn: ({ signal }) => getEntity(entityId, window, signal),
    ...refreshTiming(window),
    placeholderData: (previous, previousQuery) =>
      isSameScope(previousQuery?.queryKey, ['entity', entityId]) ? previous : undefined,
  });
}

export function useEntity(entityId: string, window: ViewWindow) {
  return useQuery(getEntityQueryOptions(entityId, window));
}
