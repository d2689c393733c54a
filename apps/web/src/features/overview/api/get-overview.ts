import { queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { OverviewResponseSchema, type SegmentHealth } from '@watchfloor/shared/overview';
import { getJson } from '../../../lib/api-client.ts';
import { isSameScope, refreshTiming } from '../../../lib/live-refresh.ts';
import { windowKey, windowRequest, type ViewWindow } from '../../../lib/time-window.ts';

export type OverviewResponse = z.infer<typeof OverviewResponseSchema>;
export type SegmentHealthRow = SegmentHealth;

export function getOverview(window: ViewWindow, signal?: AbortSignal): Promise<OverviewResponse> {
  return getJson('/api/v1/overview', OverviewResponseSchema, {
    signal,
    query: windowRequest(window),
  });
}

/** The only builder of overview query keys: loaders, prefetch and invalidation reuse it. */
export function getOverviewQueryOptions(window: ViewWindow) {
  return queryOptions({
    queryKey: ['overview', windowKey(window)] as const,
    queryFn: ({ signal }) => getOverview(window, signal),
    ...refreshTiming(window),
    placeholderData: (previous, previousQuery) =>
      isSameScope(previousQuery?.queryKey, ['overview']) ? previous : undefined,
  });
}

export function useOverview(window: ViewWindow) {
  return useQuery(getOverviewQueryOptions(window));
}
