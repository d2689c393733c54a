import { formatClockSeconds } from '../lib/format.ts';
import { LIVE_REFRESH_MS, type Freshness } from '../lib/live-refresh.ts';

/**
 * Says whether the figures on screen are current. When a refresh fails the last figures stay,
 * with a plain "stale since" notice: old data never passes for current data.
 */
export function RefreshStatus({ freshness, live }: { freshness: Freshness; live: boolean }) {
  if (freshness.updatedAt === null) return null;
  const at = formatClockSeconds(freshness.updatedAt);
  if (freshness.stale) {
    return (
      <div role="alert" className="stale-notice" data-stale="true">
        <strong>
          <span aria-hidden="true">⚠ </span>Stale since {at}
        </strong>
        <span>
          The last refresh failed ({freshness.reason}). The figures below are the last ones received
          {live ? `; retrying every ${LIVE_REFRESH_MS / 1000} s.` : '.'}
        </span>
      </div>
    );
  }
  return (
    <span className="refresh-status" data-live={live}>
      <span aria-hidden="true" className={live ? 'refresh-status__dot refresh-status__dot--live' : 'refresh-status__dot'} />
      {live ? `Live · updated ${at}` : `Fixed window · loaded ${at}`}
    </span>
  );
}
