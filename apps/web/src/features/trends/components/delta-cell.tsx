import { MISSING } from '../../../lib/format.ts';
import { delta } from './trend-rows.ts';

/**
 * "compared with the previous period": the signed change, and whether it is better or worse in
 * words, never by colour alone. higherIsBetter says which way is good for this figure.
 */
export function Delta({ current, previous, format, higherIsBetter }: { current: number | null; previous: number | null; format: (value: number) => string; higherIsBetter: boolean }) {
  const change = delta(current, previous);
  if (change === null) return <span className="summary__note" title="no figure for one of the periods">vs prev. {MISSING}</span>;
  if (change === 0) return <span className="summary__note">vs prev. unchanged</span>;
  const better = change > 0 === higherIsBetter;
  return (
    <span className="summary__note" style={{ color: better ? '#0f766e' : '#c62828' }}>
      vs prev. {change > 0 ? '+' : '−'}{format(Math.abs(change))} ({better ? 'better' : 'worse'})
    </span>
  );
}
