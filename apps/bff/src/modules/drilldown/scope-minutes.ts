import type { Resolution } from '@watchfloor/shared/metrics/resolution';
import type { SeriesBucket } from '../rollups/series-bucket.ts';

/**
 * A view's series buckets for the quality check's gap test, when they are minutes; a failed read
 * gives none (the check then counts the fleet's minutes itself, and the view fails on its own).
 * The failure is caught at every resolution: callers pass a promise derived from the view's read
 * (`read.then(…)`), and one left without a handler when the view is not at minutes would take the
 * whole process down as an unhandled rejection when the database stops answering.
 */
export function minuteBuckets(
  resolution: Resolution,
  series: Promise<SeriesBucket[]>,
): Promise<SeriesBucket[]> | undefined {
  const caught = series.catch((): SeriesBucket[] => []);
  return resolution === '1m' ? caught : undefined;
}
