import type { SegmentTrend } from '@watchfloor/shared/trends/api';
import { MISSING } from '../../../lib/format.ts';

const rate = (value: number | null) => (value === null ? MISSING : value.toFixed(1));

/** Every multiwindow burn-rate alert per segment, firing ones first, with the figures behind it. */
export function BurnAlertsTable({ segments }: { segments: readonly SegmentTrend[] }) {
  const rows = segments
    .flatMap((s) => s.alerts.map((alert) => ({ segment: s, alert })))
    .sort((a, b) => Number(b.alert.firing) - Number(a.alert.firing));
  return (
    <table className="data-table" aria-label="Burn-rate alerts">
      <thead>
        <tr>
          <th scope="col">Segment</th>
          <th scope="col">Alert</th>
          <th scope="col">State</th>
          <th scope="col" className="num">
            Long window
          </th>
          <th scope="col" className="num">
            Short window
          </th>
          <th scope="col" className="num">
            Threshold
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ segment, alert }) => (
          <tr
            key={`${segment.slug}-${alert.rule}`}
            data-alert={`${segment.slug}:${alert.rule}`}
            data-firing={alert.firing}
          >
            <th scope="row">{segment.slug}</th>
            <td>
              {alert.severity === 'page' ? 'Page' : 'Ticket'} ({alert.long.window} /{' '}
              {alert.short.window})
            </td>
            <td className={alert.firing ? 'breach' : undefined}>
              {alert.firing ? 'Firing' : 'Not firing'}
            </td>
            <td className="num">
              {rate(alert.long.burnRate)}× over {alert.long.window}
            </td>
            <td className="num">
              {rate(alert.short.burnRate)}× over {alert.short.window}
            </td>
            <td className="num">&gt; {alert.threshold}×</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
