import { HEALTH_STATUSES, type FleetSummary as Fleet } from '@watchfloor/shared/overview';
import { HealthStatusBadge } from '../../../components/health-status.tsx';
import { formatCount, formatMs, formatPercent, formatRate } from '../../../lib/format.ts';

/** Fleet RED figures for the window and how many segments are in each state. */
export function FleetSummary({ fleet }: { fleet: Fleet }) {
  return (
    <section aria-label="Fleet summary" className="fleet-summary">
      <dl className="fleet-summary__figures">
        <div>
          <dt>Requests</dt>
          <dd>{formatRate(fleet.requests > 0 ? fleet.ratePerSecond : null)}</dd>
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
      </dl>
      <ul className="fleet-summary__counts" aria-label="Segments by status">
        {[...HEALTH_STATUSES].reverse().map((status) => (
          <li key={status}>
            <HealthStatusBadge status={status} /> <span>{fleet.statusCounts[status]}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
