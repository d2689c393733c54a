import { ACTION_CATALOGUE } from '@watchfloor/shared/actions/catalogue';
import { ACTION_OUTCOMES, type Trends } from '@watchfloor/shared/trends/api';
import { DataTable, type DataTableColumn } from '../../../components/data-table.tsx';

const OUTCOME_LABELS: Record<(typeof ACTION_OUTCOMES)[number], string> = {
  executed: 'Executed',
  failed: 'Failed',
  rolled_back: 'Rolled back',
  rejected: 'Rejected',
  expired: 'Expired',
  cancelled: 'Cancelled',
  in_flight: 'In flight',
};

const COLUMNS: readonly DataTableColumn[] = [
  { label: 'Week of' },
  { label: 'Type' },
  // On a phone the week and type stay; the outcome counts are a tap away.
  ...ACTION_OUTCOMES.map((o) => ({
    label: OUTCOME_LABELS[o],
    numeric: true,
    priority: 'detail' as const,
  })),
];

/** Control actions per week (Monday, UTC) and type, one column per outcome. */
export function ActionsTable({ actions }: { actions: Trends['actions'] }) {
  if (actions.weeks.length === 0)
    return <p className="panel__hint">No control actions were proposed in this period.</p>;
  const rows = new Map<
    string,
    { week: number; type: keyof typeof ACTION_CATALOGUE; counts: Map<string, number> }
  >();
  for (const w of actions.weeks) {
    const key = `${w.week}:${w.type}`;
    const row = rows.get(key) ?? { week: w.week, type: w.type, counts: new Map() };
    row.counts.set(w.outcome, (row.counts.get(w.outcome) ?? 0) + w.count);
    rows.set(key, row);
  }
  return (
    <DataTable label="Actions per week" columns={COLUMNS}>
      {[...rows.values()].map((row) => (
        <tr key={`${row.week}-${row.type}`}>
          <th scope="row">{new Date(row.week).toISOString().slice(0, 10)}</th>
          <td>{ACTION_CATALOGUE[row.type].label}</td>
          {ACTION_OUTCOMES.map((o) => (
            <td key={o} className="num">
              {row.counts.get(o) ?? 0}
            </td>
          ))}
        </tr>
      ))}
    </DataTable>
  );
}
