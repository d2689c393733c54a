import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { SegmentDetailResponseSchema } from '@watchfloor/shared/drilldown';
import { getJson } from '../../../lib/api-client.ts';
import { windowRequest, type ViewWindow } from '../../../lib/time-window.ts';
import { windowQueryOptions } from '../../../lib/window-query-options.ts';

/** `GET /api/v1/segments/:segmentId`: series and entities ranked by contribution against the previous period. */
export type SegmentResponse = z.infer<typeof SegmentDetailResponseSchema>;

export function getSegment(
  segmentId: string,
  window: ViewWindow,
  signal?: AbortSignal,
): Promise<SegmentResponse> {
  return getJson(`/api/v1/segments/${encodeURIComponent(segmentId)}`, SegmentDetailResponseSchema, {
    signal,
    query: windowRequest(window),
  });
}

export function getSegmentQueryOptions(segmentId: string, window: ViewWindow) {
  return windowQueryOptions({
    scope: ['segment', segmentId],
    window,
    fetch: (signal) => getSegment(segmentId, window, signal),
  });
}

export function useSegment(segmentId: string, window: ViewWindow) {
  return useQuery(getSegmentQueryOptions(segmentId, window));
}
