import {
  HEALTH_LABELS,
  HEALTH_STATUSES,
  type FleetSummary as Fleet,
} from '@watchfloor/shared/overview';
import { QUALITY_RULES } from '@watchfloor/shared/quality';
import { HealthStatusBadge, SilentCount } from '../../../components/health-status.tsx';
import { formatCount, formatMs, formatPercent, formatRequestRate } from '../../../lib/format.ts';

const NOW_MINUTES = QUALITY_RULES.nowWindowMs / 60_000;
const WORST_FIRST = [...HEALTH_STATUSES].reverse();

/**
 * Fleet RED figures for the window, how many entities went silent, and how many segments are in
 * each state now (the last 15 minutes) and over the window.
 */
export function FleetSummary({ fleet }: { fleet: Fleet }) {
  return (
    <section aria-label="Fleet summary" className="fleet-summary">
      <dl className="fleet-summary__figures">
        <div>
          <dt>Requests</dt>
          <dd>{formatRequestRate(fleet)}</dd>
          <dd className="muted">{formatCount(fleet.requests)} in window</dd>
        </div>
        <div>
          <dt>Error ratio</dt>
          <dd>{formatPercent(fleet.errorRatio)}</dd>
          <dd className="muted">{formatCount(fleet.errors)} errors</dd>
        </div>
        <div>
          <dt>p95 latency</dt>
          <dd>{formatMs(fleet.p95Ms)}</dd>
        </div>
        {/* Counted in entities, not segments: one silent host in a healthy segment still counts. */}
        <div data-silent={fleet.silentEntities > 0} data-testid="silent-entities">
          <dt>Silent entities</dt>
          <SilentCount count={fleet.silentEntities}>
            {formatCount(fleet.silentEntities)}
          </SilentCount>
          <dd className="muted">
            {fleet.silentEntities > 0
              ? 'active entities with no signal'
              : 'every active entity reports'}
          </dd>
        </div>
      </dl>
      <div className="fleet-summary__status">
        {fleet.nowCounts && (
          <ul
            className="fleet-summary__counts"
            aria-label={`Segments by status now (last ${NOW_MINUTES} minutes)`}
          >
            {WORST_FIRST.map((status) => (
              <li key={status} data-now-count={status}>
                {HEALTH_LABELS[status]} now: <strong>{fleet.nowCounts?.[status]}</strong>
              </li>
            ))}
            {/* Beside the entity counts above, a bare "Silent now: 0" read as entities. */}
            <li className="muted">segments, last {NOW_MINUTES} min</li>
          </ul>
        )}
        <ul className="fleet-summary__counts" aria-label="Segments by status over the window">
          {WORST_FIRST.map((status) => (
            <li key={status}>
              <HealthStatusBadge status={status} /> <span>{fleet.statusCounts[status]}</span>
            </li>
          ))}
          <li className="muted">segments over the window</li>
        </ul>
      </div>
    </section>
  );
}
