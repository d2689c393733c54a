import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import {
  EntityDetailResponseSchema,
  SERIES_METRICS,
  type SeriesMetric,
} from '@watchfloor/shared/drilldown';
import { getJson } from '../../../lib/api-client.ts';
import { windowRequest, type ViewWindow } from '../../../lib/time-window.ts';
import { windowQueryOptions } from '../../../lib/window-query-options.ts';

/**
 * Every metric the entity page draws (all the series there are), asked of `/api/v1/series` in one
 * request when zoomed: the RED and gauge panels share the same query key, so a zoom loads the
 * entity's series once.
 */
export const ENTITY_METRICS: readonly SeriesMetric[] = SERIES_METRICS;

/** `GET /api/v1/entities/:entityId`: figures, series and annotations of one entity. */
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
  return windowQueryOptions({
    scope: ['entity', entityId],
    window,
    fetch: (signal) => getEntity(entityId, window, signal),
  });
}

export function useEntity(entityId: string, window: ViewWindow) {
  return useQuery(getEntityQueryOptions(entityId, window));
}
