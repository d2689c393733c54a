import type { ScopeTotal } from '../rollups/scope-total.ts';

type ContributionFigures = Pick<ScopeTotal, 'errors' | 'latencyCount' | 'latencySum'>;

export interface ContributionInput {
  now: ContributionFigures | undefined;
  previous: ContributionFigures | undefined;
}

export interface Contribution {
  errorsAdded: number;
  latencyAddedMs: number;
}

/**
 * What an entity added to its segment's problem compared with the preceding window of equal
 * length: errors beyond its own earlier count, and waiting beyond its own earlier mean latency
 * (requests now × increase of the mean). Never negative: an entity that improved added nothing.
 */
export function contributionOf({ now, previous }: ContributionInput): Contribution {
  const errorsAdded = Math.max(0, (now?.errors ?? 0) - (previous?.errors ?? 0));
  const meanNow = now && now.latencyCount > 0 ? now.latencySum / now.latencyCount : null;
  const meanBefore =
    previous && previous.latencyCount > 0 ? previous.latencySum / previous.latencyCount : null;
  const latencyAddedMs =
    meanNow !== null && meanBefore !== null
      ? Math.max(0, (meanNow - meanBefore) * (now?.latencyCount ?? 0))
      : 0;
  return { errorsAdded, latencyAddedMs: Math.round(latencyAddedMs) };
}

/** The ranking key: the entity's share of the segment's added errors plus its share of added latency. */
export function contributionScore(entity: Contribution, segmentTotal: Contribution): number {
  const errorShare =
    segmentTotal.errorsAdded > 0 ? entity.errorsAdded / segmentTotal.errorsAdded : 0;
  const latencyShare =
    segmentTotal.latencyAddedMs > 0 ? entity.latencyAddedMs / segmentTotal.latencyAddedMs : 0;
  return Math.round((errorShare + latencyShare) * 10_000) / 10_000;
}
