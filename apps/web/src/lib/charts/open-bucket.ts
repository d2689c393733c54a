import type { SeriesZonesOptionsObject, TooltipFormatterCallbackFunction } from 'highcharts';
import { RESOLUTIONS, type Resolution } from '@watchfloor/shared/metrics/resolution';
import type { Bounds } from '../time-window.ts';
import type { Bucketed } from './series-data.ts';

const BUCKET_WORDS: Record<Resolution, string> = { '1m': 'minute', '1h': 'hour', '1d': 'day' };

/** What a tooltip says over a bucket that has not closed yet. */
export function openBucketNote(resolution: Resolution): string {
  return `partial ${BUCKET_WORDS[resolution]} (still open)`;
}

/**
 * The start of the bucket (of a resolution, or of a size in ms) still open when the answer was
 * made, or null. Judged by the answer's own
 * window end (and the moment it was generated, when the window reaches into the future), never by
 * the browser's clock: a chart of a past window must not grow an open bucket as time passes.
 */
export function openBucketTs(
  points: readonly Bucketed[],
  bucket: Resolution | number,
  window: Bounds,
  generatedAt?: number,
): number | null {
  const last = points.at(-1);
  if (!last) return null;
  const size = typeof bucket === 'number' ? bucket : RESOLUTIONS[bucket];
  const answeredAt = Math.min(window.to, generatedAt ?? window.to);
  return last.ts + size > answeredAt ? last.ts : null;
}

/**
 * The first bucket that may still change: a partial one (past the watermark) or the open one,
 * whichever comes first.
 */
export function firstUnsettledTs(
  points: readonly Bucketed[],
  openTs: number | null,
): number | null {
  const partial = points.find((point) => point.partial)?.ts ?? null;
  if (partial === null) return openTs;
  return openTs === null ? partial : Math.min(partial, openTs);
}

/**
 * Zones that dash a line from the last settled bucket on, so the segment that runs into a partial
 * bucket is dashed too: an open minute's low count reads as "not finished", never as a drop.
 */
export function unsettledLineZones(
  points: readonly Bucketed[],
  firstUnsettled: number | null,
): SeriesZonesOptionsObject[] | undefined {
  if (firstUnsettled === null) return undefined;
  const settled = points.filter((point) => point.ts < firstUnsettled).at(-1);
  return [{ value: settled?.ts ?? firstUnsettled }, { dashStyle: 'ShortDot' }];
}

/**
 * A shared tooltip that adds the open-bucket note under the time when it is over the open bucket.
 * The value itself is shown as counted so far: it is marked partial, not scaled up.
 */
export function openBucketTooltip(
  openTs: number | null,
  resolution: Resolution,
): TooltipFormatterCallbackFunction | undefined {
  if (openTs === null) return undefined;
  const note = openBucketNote(resolution);
  return function (tooltip) {
    const lines = tooltip.defaultFormatter.call(this, tooltip);
    if (this.x !== openTs) return lines;
    const extra = `<span class="open-bucket-note"><b>${note}</b></span><br/>`;
    if (!Array.isArray(lines)) return `${lines}<br/>${extra}`;
    const [header = '', ...rest] = lines;
    return [`${header}${extra}`, ...rest];
  };
}
