import { queryOptions, useQuery } from '@tanstack/react-query';
import { TrendsResponseSchema, type TrendsResponse } from '@watchfloor/shared/trends/api';
import type { TrendPeriod } from '@watchfloor/shared/trends/period';
import { getJson } from '../../../lib/api-client.ts';

/** What the trends URL selects: a preset ending now, or custom bounds. */
export type TrendsSelection =
  { period: Exclude<TrendPeriod, 'custom'> } | { period: 'custom'; from: number; to: number };

export function getTrends(
  selection: TrendsSelection,
  signal?: AbortSignal,
): Promise<TrendsResponse> {
  const query =
    selection.period === 'custom'
      ? { period: 'custom', from: selection.from, to: selection.to }
      : { period: selection.period };
  return getJson('/api/v1/trends', TrendsResponseSchema, { signal, query });
}

/** The only builder of trends query keys. Trends move slowly: a minute's staleness is fine. */
export function getTrendsQueryOptions(selection: TrendsSelection) {
  return queryOptions({
    queryKey: ['trends', selection] as const,
    queryFn: ({ signal }) => getTrends(selection, signal),
    staleTime: 60_000,
  });
}

export function useTrends(selection: TrendsSelection) {
  return useQuery(getTrendsQueryOptions(selection));
}
