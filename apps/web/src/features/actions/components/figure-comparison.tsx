import { useState } from 'react';
import type { Action } from '@watchfloor/shared/actions/api';
import { useTargetFigures } from '../api/get-target-figures.ts';
import { compareFigures, sameLengthEndingNow, type FigureChange } from './evidence-figures.ts';

const CHANGE_WORDS: Record<FigureChange['change'], string> = {
  up: '▲ up',
  down: '▼ down',
  same: '= same',
  changed: '≠ changed',
  unknown: '? not known yet',
};

function show(value: FigureChange['then']): string {
  if (value === undefined || value === null) return '—';
  if (typeof value === 'number')
    return Number.isInteger(value) ? value.toLocaleString('en') : value.toFixed(4);
  return value;
}

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
            <th scope="row">{row.name}</th>
            <td>{show(row.then)}</td>
            <td>{show(row.now)}</td>
            <td>{CHANGE_WORDS[row.change]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
