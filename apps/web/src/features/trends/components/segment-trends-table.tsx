import type { SegmentTrend } from '@watchfloor/shared/trends/api';
import { formatCount, formatMs, formatPercent, MISSING } from '../../../lib/format.ts';
import { Delta } from './delta-cell.tsx';

const pts = (value: number) => `${(value * 100).toFixed(2)} pts`;
const count = (value: number) => formatCount(Math.round(value));
const duration = (ms: number | null) => (ms === null ? MISSING : ms >= 3_600_000 ? `${(ms / 3_600_000).toFixed(1)} h` : formatMs(ms));

/** Per segment: availability against SLO, latency compliance, error budget, incidents, MTTR, actions. */
export function SegmentTrendsTable({ segments }: { segments: readonly SegmentTrend[] }) {
  return (
    <table className="data-table" aria-label="SLO by segment">
      <thead>
        <tr>
          <th scope="col">Segment</th>
          <th scope="col" className="num">Availability / SLO</th>
          <th scope="col" className="num">Latency compliance</th>
          <th scope="col" className="num">Budget allowed / spent</th>
          <th scope="col" className="num">Budget left</th>
          <th scope="col" className="num">Incidents</th>
          <th scope="col" className="num">MTTR</th>
          <th scope="col" className="num">Actions</th>
        </tr>
      </thead>
      <tbody>
        {segments.map((s) => {
          const c = s.current;
          const p = s.previous;
          const overspent = c.budget.remainingShare !== null && c.budget.remainingShare < 0;
          return (
            <tr key={s.slug} data-segment={s.slug}>
              <th scope="row">{s.name}<div className="summary__note">{s.slug}</div></th>
              <td className="num">
                <span className={c.meetsSlo === false ? 'breach' : undefined}>{formatPercent(c.availability, 3)}</span> / {formatPercent(s.slo.availability, 2)}
                {c.meetsSlo === false && <span className="breach-word"> · below</span>}
                <div><Delta current={c.availability} previous={p.availability} format={pts} higherIsBetter /></div>
              </td>
              <td className="num">
                {formatPercent(c.latency.compliance, 1)} <span className="summary__note">p95 ≤ {formatMs(s.slo.latencyP95Ms)}, per {c.latency.resolution === '1m' ? 'minute' : 'hour'}</span>
                <div><Delta current={c.latency.compliance} previous={p.latency.compliance} format={pts} higherIsBetter /></div>
              </td>
              <td className="num" data-budget-spent={c.budget.spent}>
                {count(c.budget.allowed)} / {formatCount(c.budget.spent)}
                <div><Delta current={c.budget.spent} previous={p.budget.spent} format={count} higherIsBetter={false} /></div>
              </td>
              <td className="num" data-budget-left>
                <span className={overspent ? 'breach' : undefined}>{formatPercent(c.budget.remainingShare, 1)}</span>
                {overspent && <span className="breach-word"> · budget spent</span>}
                <div><Delta current={c.budget.remainingShare} previous={p.budget.remainingShare} format={pts} higherIsBetter /></div>
              </td>
              <td className="num">
                {c.incidents}
                <div><Delta current={c.incidents} previous={p.incidents} format={String} higherIsBetter={false} /></div>
              </td>
              <td className="num">
                {duration(c.mttrMs)}
                <div><Delta current={c.mttrMs} previous={p.mttrMs} format={(ms) => duration(ms)} higherIsBetter={false} /></div>
              </td>
              <td className="num">
                {c.actions}
                <div className="summary__note">{c.incidents > 0 ? `${c.incidentsWithAction} of ${c.incidents} incidents acted on` : 'no incidents'}</div>
                <div><Delta current={c.actions} previous={p.actions} format={String} higherIsBetter /></div>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
