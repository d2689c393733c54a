import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { OverviewResponseSchema, type SegmentHealth } from '@watchfloor/shared/overview';
import { getJson } from '../../../lib/api-client.ts';
import { windowRequest, type ViewWindow } from '../../../lib/time-window.ts';
import { windowQueryOptions } from '../../../lib/window-query-options.ts';

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
  return windowQueryOptions({
    scope: ['overview'],
    window,
    fetch: (signal) => getOverview(window, signal),
  });
}

export function useOverview(window: ViewWindow) {
  return useQuery(getOverviewQueryOptions(window));
}
