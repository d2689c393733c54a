import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { SeriesResponseSchema, type SeriesMetric } from '@watchfloor/shared/drilldown';
import { getJson } from './api-client.ts';
import { relative, windowRequest, type ViewWindow } from './time-window.ts';
import { windowQueryOptions } from './window-query-options.ts';

/**
 * `GET /api/v1/series`: one scope's series at the finest resolution the window allows. Every
 * level's charts use it to lazily load a zoomed window, so it lives here rather than in one feature.
 */
export type SeriesScope = { scope: 'fleet' } | { scope: 'segment' | 'entity'; id: string };

export type SeriesResponse = z.infer<typeof SeriesResponseSchema>;

export function getSeries(
  target: SeriesScope,
  window: ViewWindow,
  metrics: readonly SeriesMetric[],
  signal?: AbortSignal,
): Promise<SeriesResponse> {
  return getJson('/api/v1/series', SeriesResponseSchema, {
    signal,
    query: {
      scope: target.scope,
      id: target.scope === 'fleet' ? undefined : target.id,
      metrics: metrics.join(','),
      ...windowRequest(window),
    },
  });
}

export function getSeriesQueryOptions(
  target: SeriesScope,
  window: ViewWindow,
  metrics: readonly SeriesMetric[],
) {
  // While a new zoom loads, the chart keeps the previous buckets instead of going blank.
  return windowQueryOptions({
    scope: ['series', target.scope, target.scope === 'fleet' ? null : target.id],
    window,
    keyExtra: { metrics: metrics.join(',') },
    fetch: (signal) => getSeries(target, window, metrics, signal),
  });
}

/** Disabled until a chart is zoomed: the page's own answer already carries the unzoomed series. */
export function useSeries(
  target: SeriesScope,
  window: ViewWindow | undefined,
  metrics: readonly SeriesMetric[],
) {
  const options = getSeriesQueryOptions(target, window ?? relative('6h'), metrics);
  return useQuery({ ...options, enabled: window !== undefined });
}
