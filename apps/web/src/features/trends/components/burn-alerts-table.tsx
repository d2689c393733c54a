import type { SegmentTrend } from '@watchfloor/shared/trends/api';
import { DataTable, type DataTableColumn } from '../../../components/data-table.tsx';
import { MISSING } from '../../../lib/format.ts';

const rate = (value: number | null) => (value === null ? MISSING : value.toFixed(1));

const COLUMNS: readonly DataTableColumn[] = [
  { label: 'Segment' },
  { label: 'Alert', priority: 'detail' },
  { label: 'State' },
  { label: 'Long window', numeric: true, priority: 'detail' },
  { label: 'Short window', numeric: true, priority: 'detail' },
  { label: 'Threshold', numeric: true, priority: 'detail' },
];

/** Every multiwindow burn-rate alert per segment, firing ones first, with the figures behind it. */
export function BurnAlertsTable({ segments }: { segments: readonly SegmentTrend[] }) {
  const rows = segments
    .flatMap((s) => s.alerts.map((alert) => ({ segment: s, alert })))
    .sort((a, b) => Number(b.alert.firing) - Number(a.alert.firing));
  return (
    <DataTable label="Burn-rate alerts" columns={COLUMNS}>
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
    </DataTable>
  );
}
