import { ACTION_CATALOGUE } from '@watchfloor/shared/actions/catalogue';
import { ACTION_OUTCOMES, type Trends } from '@watchfloor/shared/trends/api';

const OUTCOME_LABELS: Record<(typeof ACTION_OUTCOMES)[number], string> = {
  executed: 'Executed',
  failed: 'Failed',
  rolled_back: 'Rolled back',
  rejected: 'Rejected',
  expired: 'Expired',
  cancelled: 'Cancelled',
  in_flight: 'In flight',
};

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
    <table className="data-table" aria-label="Actions per week">
      <thead>
        <tr>
          <th scope="col">Week of</th>
          <th scope="col">Type</th>
          {ACTION_OUTCOMES.map((o) => (
            <th key={o} scope="col" className="num">
              {OUTCOME_LABELS[o]}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
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
      </tbody>
    </table>
  );
}
