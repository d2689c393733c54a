import { formatClockSeconds } from '../lib/format.ts';
import type { Staleness } from '../lib/staleness.ts';

/**
 * The header's word on whether the screen is current, for every page. Stale is an alert in words
 * ("Stale since … — retrying") with the reason; "Live" comes back only after a successful refresh.
 */
export function RefreshStatus({ staleness }: { staleness: Staleness }) {
  if (staleness.state === 'waiting') return null;
  if (staleness.state === 'stale') {
    return (
      <div role="alert" className="refresh-status refresh-status--stale" data-stale="true">
        <strong>
          <span aria-hidden="true">⚠ </span>Stale since {formatClockSeconds(staleness.since)} —{' '}
          {staleness.retrying ? 'retrying' : 'press Refresh to retry'}
        </strong>
        <span className="refresh-status__reason">{staleness.reason}</span>
      </div>
    );
  }
  const live = staleness.state === 'live';
  return (
    <span className="refresh-status" data-stale="false" data-live={live}>
      <span
        aria-hidden="true"
        className={live ? 'refresh-status__dot refresh-status__dot--live' : 'refresh-status__dot'}
      />
      {live
        ? `Live · updated ${formatClockSeconds(staleness.updatedAt)}`
        : `Not live · loaded ${formatClockSeconds(staleness.updatedAt)}`}
    </span>
  );
}
