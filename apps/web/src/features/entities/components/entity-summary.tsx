import type { EntityDetail } from '@watchfloor/shared/drilldown';
import { HEALTH_RULES } from '@watchfloor/shared/overview';
import { SilentMarker } from '../../../components/health-status.tsx';
import {
  formatCount,
  formatDateTime,
  formatMs,
  formatPercent,
  formatRequestRate,
} from '../../../lib/format.ts';

/** The entity's RED figures for the window, and whether it has gone silent. */
export function EntitySummary({ entity }: { entity: EntityDetail['entity'] }) {
  const high = entity.errorRatio !== null && entity.errorRatio >= HEALTH_RULES.criticalErrorRatio;
  return (
    <section aria-label="Entity summary" className="summary">
      {entity.silent && (
        <div className="summary__verdict">
          <SilentMarker lastSeenAt={entity.lastSeenAt} />
        </div>
      )}
      <dl className="summary__figures">
        <div>
          <dt>Rate</dt>
          <dd>{formatRequestRate(entity)}</dd>
          <dd className="summary__note">{formatCount(entity.requests)} requests</dd>
        </div>
        <div>
          <dt>Errors</dt>
          <dd className={high ? 'breach' : undefined}>{formatCount(entity.errors)}</dd>
          <dd className="summary__note">
            {formatPercent(entity.errorRatio)} of requests
            {high && <span className="breach-word"> · high</span>}
          </dd>
        </div>
        <div>
          <dt>p50</dt>
          <dd>{formatMs(entity.latency.p50Ms)}</dd>
        </div>
        <div>
          <dt>p95</dt>
          <dd>{formatMs(entity.latency.p95Ms)}</dd>
        </div>
        <div>
          <dt>p99</dt>
          <dd>{formatMs(entity.latency.p99Ms)}</dd>
        </div>
        <div>
          <dt>Last seen</dt>
          <dd className="summary__small">
            {entity.lastSeenAt === null ? 'never' : formatDateTime(entity.lastSeenAt)}
          </dd>
          <dd className="summary__note">
            {entity.kind} · {entity.state}
          </dd>
        </div>
      </dl>
    </section>
  );
}
