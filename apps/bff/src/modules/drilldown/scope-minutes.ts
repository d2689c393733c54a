import type { Resolution } from '@watchfloor/shared/metrics/resolution';
import type { SeriesBucket } from '../rollups/series-bucket.ts';

/**
 * A view's series buckets for the quality check's gap test, when they are minutes; a failed read
 * gives none (the check then counts the fleet's minutes itself, and the view fails on its own).
 */
export function minuteBuckets(
  resolution: Resolution,
  series: Promise<SeriesBucket[]>,
): Promise<SeriesBucket[]> | undefined {
  return resolution === '1m' ? series.catch(() => []) : undefined;
}
