import type { SegmentTrend } from '@watchfloor/shared/trends/api';
import { DataTable, type DataTableColumn } from '../../../components/data-table.tsx';
import { formatCount, formatMs, formatPercent, MISSING } from '../../../lib/format.ts';
import { Delta } from './delta-cell.tsx';
import { coverageText } from './trend-rows.ts';

const pts = (value: number) => `${(value * 100).toFixed(2)} pts`;
const count = (value: number) => formatCount(Math.round(value));
const duration = (ms: number | null) =>
  ms === null ? MISSING : ms >= 3_600_000 ? `${(ms / 3_600_000).toFixed(1)} h` : formatMs(ms);

const COLUMNS: readonly DataTableColumn[] = [
  { label: 'Segment' },
  { label: 'Availability / SLO', numeric: true },
  { label: 'Latency compliance', numeric: true, priority: 'detail' },
  { label: 'Budget allowed / spent', numeric: true, priority: 'detail' },
  { label: 'Budget left', numeric: true, priority: 'detail' },
  { label: 'Incidents', numeric: true, priority: 'detail' },
  { label: 'MTTR', numeric: true, priority: 'detail' },
  { label: 'Actions', numeric: true, priority: 'detail' },
];

/**
 * Per segment: availability against SLO, latency compliance, error budget, incidents, MTTR,
 * actions, and in how many hours of each period (of `periodMs`) there was data. Changes against the previous period come from
 * the answer's comparison, which withholds them on thin history.
 */
export function SegmentTrendsTable({
  segments,
  periodMs,
}: {
  segments: readonly SegmentTrend[];
  periodMs: number;
}) {
  return (
    <DataTable label="SLO by segment" columns={COLUMNS}>
      {segments.map((s) => {
        const c = s.current;
        const { comparison } = s;
        const d = comparison.deltas;
        const overspent = c.budget.remainingShare !== null && c.budget.remainingShare < 0;
        return (
          <tr key={s.slug} data-segment={s.slug}>
            <th scope="row">
              {s.name}
              <div className="summary__note">{s.slug}</div>
              <div className="summary__note" data-coverage>
                {coverageText(s, periodMs)}
              </div>
            </th>
            <td className="num">
              <span className={c.meetsSlo === false ? 'breach' : undefined}>
                {formatPercent(c.availability, 3)}
              </span>{' '}
              / {formatPercent(s.slo.availability, 2)}
              {c.meetsSlo === false && <span className="breach-word"> · below</span>}
              <div>
                <Delta
                  change={d.availability}
                  comparison={comparison}
                  format={pts}
                  higherIsBetter
                />
              </div>
              {!comparison.comparable && comparison.reason && (
                <div className="summary__note" data-comparison-reason>
                  {comparison.reason}
                </div>
              )}
            </td>
            <td className="num">
              {formatPercent(c.latency.compliance, 1)}{' '}
              <span className="summary__note">
                p95 ≤ {formatMs(s.slo.latencyP95Ms)}, per{' '}
                {c.latency.resolution === '1m' ? 'minute' : 'hour'}
              </span>
              <div>
                <Delta
                  change={d.latencyCompliance}
                  comparison={comparison}
                  format={pts}
                  higherIsBetter
                />
              </div>
            </td>
            <td className="num" data-budget-spent={c.budget.spent}>
              {count(c.budget.allowed)} / {formatCount(c.budget.spent)}
              <div>
                <Delta
                  change={d.budgetSpent}
                  comparison={comparison}
                  format={count}
                  higherIsBetter={false}
                />
              </div>
            </td>
            <td className="num" data-budget-left>
              <span className={overspent ? 'breach' : undefined}>
                {formatPercent(c.budget.remainingShare, 1)}
              </span>
              {overspent && <span className="breach-word"> · budget spent</span>}
              <div>
                <Delta
                  change={d.budgetRemainingShare}
                  comparison={comparison}
                  format={pts}
                  higherIsBetter
                />
              </div>
            </td>
            <td className="num">
              {c.incidents}
              <div>
                <Delta
                  change={d.incidents}
                  comparison={comparison}
                  format={String}
                  higherIsBetter={false}
                />
              </div>
            </td>
            <td className="num">
              {duration(c.mttrMs)}
              <div>
                <Delta
                  change={d.mttrMs}
                  comparison={comparison}
                  format={(ms) => duration(ms)}
                  higherIsBetter={false}
                />
              </div>
            </td>
            <td className="num">
              {c.actions}
              <div className="summary__note">
                {c.incidents > 0
                  ? `${c.incidentsWithAction} of ${c.incidents} incidents acted on`
                  : 'no incidents'}
              </div>
              <div>
                <Delta change={d.actions} comparison={comparison} format={String} higherIsBetter />
              </div>
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}
