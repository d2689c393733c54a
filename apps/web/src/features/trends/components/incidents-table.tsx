import { Link } from 'react-router';
import type { Incident } from '@watchfloor/shared/trends/api';
import { DataTable, type DataTableColumn } from '../../../components/data-table.tsx';
import { formatCount, formatDateTime, formatMs } from '../../../lib/format.ts';

const COLUMNS: readonly DataTableColumn[] = [
  { label: 'Segment' },
  { label: 'Start' },
  { label: 'End', priority: 'detail' },
  { label: 'Duration', numeric: true, priority: 'detail' },
  { label: 'Errors / requests', numeric: true, priority: 'detail' },
  { label: 'Actions within', numeric: true, priority: 'detail' },
];

/** Incidents newest first; each links to the segment drill-down at the incident's window. */
export function IncidentsTable({
  incidents,
  linkTo,
}: {
  incidents: readonly Incident[];
  linkTo: (incident: Incident) => string;
}) {
  if (incidents.length === 0) return <p className="panel__hint">No incidents in this period.</p>;
  return (
    <DataTable label="Incidents" columns={COLUMNS}>
      {incidents.map((incident) => (
        <tr key={`${incident.segment}-${incident.start}`} data-incident={incident.segment}>
          <th scope="row">
            <Link
              to={linkTo(incident)}
              aria-label={`Open incident in ${incident.segment} from ${formatDateTime(incident.start)}`}
            >
              {incident.segment}
            </Link>
          </th>
          <td>{formatDateTime(incident.start)}</td>
          <td>{incident.ongoing ? <strong>ongoing</strong> : formatDateTime(incident.end)}</td>
          <td className="num">
            {incident.durationMs >= 3_600_000
              ? `${(incident.durationMs / 3_600_000).toFixed(1)} h`
              : formatMs(incident.durationMs)}
          </td>
          <td className="num">
            {formatCount(incident.errors)} / {formatCount(incident.requests)}
          </td>
          <td className="num">{incident.actions}</td>
        </tr>
      ))}
    </DataTable>
  );
}
