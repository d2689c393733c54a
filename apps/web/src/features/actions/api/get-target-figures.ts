import { queryOptions, useQuery } from '@tanstack/react-query';
import {
  EntityDetailResponseSchema,
  SegmentDetailResponseSchema,
} from '@watchfloor/shared/drilldown';
import type { ActionTargetRef } from '@watchfloor/shared/actions/api';
import { getJson } from '../../../lib/api-client.ts';
import {
  entityFigures,
  segmentFigures,
  type TargetSnapshot,
} from '../components/evidence-figures.ts';

/**
 * The key figures of an action's target over a window, read from the entity or segment endpoint:
 * what a proposal attaches as evidence, and what "changed since proposal" compares against.
 */
export async function getTargetFigures(
  target: ActionTargetRef,
  window: { from: number; to?: number },
  signal?: AbortSignal,
): Promise<TargetSnapshot> {
  const query = { from: window.from, to: window.to };
  if (target.kind === 'entity') {
    const body = await getJson(
      `/api/v1/entities/${encodeURIComponent(target.id)}`,
      EntityDetailResponseSchema,
      { signal, query },
    );
    return { window: body.data.window, figures: entityFigures(body.data), quality: body.quality };
  }
  const body = await getJson(
    `/api/v1/segments/${encodeURIComponent(target.id)}`,
    SegmentDetailResponseSchema,
    { signal, query },
  );
  return { window: body.data.window, figures: segmentFigures(body.data), quality: body.quality };
}

export function getTargetFiguresQueryOptions(
  target: ActionTargetRef,
  window: { from: number; to?: number },
) {
  return queryOptions({
    queryKey: ['actions', 'target-figures', target.kind, target.id, window] as const,
    queryFn: ({ signal }) => getTargetFigures(target, window, signal),
    staleTime: 30_000,
  });
}

export function useTargetFigures(target: ActionTargetRef, window: { from: number; to?: number }) {
  return useQuery(getTargetFiguresQueryOptions(target, window));
}
