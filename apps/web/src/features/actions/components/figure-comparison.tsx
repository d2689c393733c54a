import { useState } from 'react';
import type { Action } from '@watchfloor/shared/actions/api';
import { useTargetFigures } from '../api/get-target-figures.ts';
import { compareFigures, sameLengthEndingNow } from './evidence-figures.ts';
import { figureChange, figureLabel, figureValue } from './figure-labels.ts';

/** The proposal's key figures beside the same figures now, over a window of the same length ending now. */
export function FigureComparison({ action }: { action: Action }) {
  const [window] = useState(() => sameLengthEndingNow(action.evidence.window, Date.now()));
  const now = useTargetFigures(action.target, window);
  const rows = compareFigures(action.evidence.figures, now.data?.figures);
  if (rows.length === 0) return <p className="muted">The proposal carried no key figures.</p>;
  return (
    <table
      className="table figure-comparison"
      aria-label={`Changed since proposal of action ${action.id}`}
    >
      <caption>
        Changed since proposal{now.error ? ' (current figures could not be loaded)' : ''}
      </caption>
      <thead>
        <tr>
          <th scope="col">Figure</th>
          <th scope="col">At proposal</th>
          <th scope="col">Now</th>
          <th scope="col">Change</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.name} data-figure={row.name} data-change={row.change}>
            <th scope="row">{figureLabel(row.name)}</th>
            <td>{figureValue(row.name, row.then)}</td>
            <td>{figureValue(row.name, row.now)}</td>
            <td>{figureChange(row)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
