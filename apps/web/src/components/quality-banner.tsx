import type { Quality } from '@watchfloor/shared/quality';
import { formatClock, formatClockSeconds, formatLag, formatPercent } from '../lib/format.ts';
import { QUALITY_LOOK } from './quality-look.ts';

/**
 * How far the figures on the page can be trusted, in words: freshness, completeness and every
 * reason the server gave. Unsafe data is announced to screen readers immediately. When the page
 * could not refresh, the banner says its verdict is as old as the figures, not current.
 */
export function QualityBanner({
  quality,
  staleSince = null,
}: {
  quality: Quality;
  staleSince?: number | null;
}) {
  const look = QUALITY_LOOK[quality.state];
  return (
    <section
      aria-label="Data quality"
      role={quality.state === 'unsafe' ? 'alert' : 'status'}
      className={staleSince === null ? 'quality-banner' : 'quality-banner quality-banner--stale'}
      data-state={quality.state}
      data-stale={staleSince !== null}
      style={{ color: look.color, background: look.background, borderColor: look.color }}
    >
      <strong className="quality-banner__title">
        <span aria-hidden="true">{look.icon} </span>
        {look.title}
        {staleSince !== null && ` as of ${formatClockSeconds(staleSince)} (not current)`}
      </strong>
      <span>
        Final figures lag {formatLag(quality.freshnessLagSeconds)} behind now (by event time)
      </span>
      <span>{formatPercent(quality.completeness, 1)} complete</span>
      <span>
        {quality.watermark === null
          ? 'No final buckets yet'
          : `Final up to ${formatClock(quality.watermark)}`}
      </span>
      {quality.reasons.length > 0 && (
        <ul className="quality-banner__reasons">
          {quality.reasons.map((reason, i) => (
            <li key={`${reason.code}-${i}`} data-severity={reason.severity}>
              {reason.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
