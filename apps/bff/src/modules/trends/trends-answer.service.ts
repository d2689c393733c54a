import type { TrendsRequest } from '@watchfloor/shared/trends/api';
import { alignWindow, PRESET_PERIOD_MS } from '@watchfloor/shared/trends/period';
import type { ReadAnswer } from '../../http/answer-cache.ts';
import type { LatencyCellCache } from './latency-cells.ts';
import { computeTrends, type TrendsDeps } from './trends.service.ts';

export interface TrendsAnswerDeps extends TrendsDeps {
  now: () => number;
  latencyCells: LatencyCellCache;
}

/**
 * Which shared answer a request reads. A preset ending now (no `to`) is one answer for everyone,
 * whose window ends when it was computed, so a new minute does not make every reader wait for a
 * cold computation. Explicit windows share by whole minute.
 */
export function trendsAnswerKey(request: TrendsRequest, endsNow: boolean): string {
  if (endsNow) return `${request.period}:now`;
  const window = alignWindow(request.window);
  return `${request.period}:${window.from}:${window.to}`;
}

/** The trends answer; one ending now is computed for the window ending at the computation's instant. */
export async function getTrendsAnswer(
  deps: TrendsAnswerDeps,
  request: TrendsRequest,
  endsNow: boolean,
): Promise<ReadAnswer> {
  let result;
  if (!endsNow || request.period === 'custom') {
    result = await computeTrends(deps, request);
  } else {
    const at = deps.now();
    result = await computeTrends(
      { ...deps, now: () => at },
      { period: request.period, window: { from: at - PRESET_PERIOD_MS[request.period], to: at } },
    );
  }
  return {
    data: result.trends,
    quality: result.quality,
    resolution: '1d',
    computedAt: result.computedAt,
  };
}
