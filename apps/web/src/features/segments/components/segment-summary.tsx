import type { SegmentDetail } from '@watchfloor/shared/drilldown';
import { QUALITY_RULES } from '@watchfloor/shared/quality';
import { HealthStatusBadge, SilentCount } from '../../../components/health-status.tsx';
import { QualityBadge } from '../../../components/quality-badge.tsx';
import { formatCount, formatMs, formatPercent, formatRequestRate } from '../../../lib/format.ts';

const NOW_MINUTES = QUALITY_RULES.nowWindowMs / 60_000;

/**
 * The segment's verdict now (last 15 minutes) beside the window's, how far its own data can be
 * trusted, and its RED figures for the window against its SLO.
 */
export function SegmentSummary({ detail }: { detail: SegmentDetail }) {
  const s = detail.segment;
  const silent = detail.entities.filter((e) => e.silent).length;
  const p95Over = s.latency.p95Ms !== null && s.latency.p95Ms > s.slo.latencyP95Ms;
  const belowSlo = s.availability !== null && s.availability < s.slo.availability;
  return (
    <section aria-label="Segment summary" className="summary">
      <div className="summary__verdict" data-verdict="now" data-status={s.now?.status ?? 'none'}>
        <span className="summary__label">Now (last {NOW_MINUTES} min)</span>
        {s.now ? (
          <>
            <HealthStatusBadge status={s.now.status} />
            <span>{s.now.reason}</span>
          </>
        ) : (
          <span className="muted">Not shown: this window ends in the past.</span>
        )}
      </div>
      <div className="summary__verdict" data-verdict="window" data-status={s.status}>
        <span className="summary__label">Window</span>
        <HealthStatusBadge status={s.status} />
        <span>{s.reason}</span>
      </div>
      <div className="summary__verdict" data-verdict="quality">
        <span className="summary__label">Its data</span>
        <QualityBadge quality={s.quality} />
      </div>
      <dl className="summary__figures">
        <div>
          <dt>Rate</dt>
          <dd>{formatRequestRate(s)}</dd>
        </div>
        <div>
          <dt>Error ratio</dt>
          <dd>{formatPercent(s.errorRatio)}</dd>
          <dd className="summary__note">{formatCount(s.errors)} errors</dd>
        </div>
        <div>
          <dt>p95 / target</dt>
          <dd className={p95Over ? 'breach' : undefined}>{formatMs(s.latency.p95Ms)}</dd>
          <dd className="summary__note">
            target {formatMs(s.slo.latencyP95Ms)}
            {p95Over && <span className="breach-word"> · over</span>}
          </dd>
        </div>
        <div>
          <dt>Availability / SLO</dt>
          <dd className={belowSlo ? 'breach' : undefined}>{formatPercent(s.availability, 3)}</dd>
          <dd className="summary__note">
            SLO {formatPercent(s.slo.availability, 3)}
            {belowSlo && <span className="breach-word"> · below</span>}
          </dd>
        </div>
        <div>
          <dt>Entities</dt>
          <dd>
            {s.activeEntities === s.entities ? s.entities : `${s.activeEntities} of ${s.entities}`}
          </dd>
          <dd className="summary__note">
            {s.activeEntities === s.entities ? 'all active' : 'active'}
          </dd>
        </div>
        <div data-silent={silent > 0}>
          <dt>Silent</dt>
          <SilentCount count={silent}>{silent}</SilentCount>
          <dd className="summary__note">{silent > 0 ? 'no signal' : 'none'}</dd>
        </div>
      </dl>
    </section>
  );
}
