import type { PeriodComparison } from '@watchfloor/shared/trends/api';
import { deltaView, type DeltaTone } from './trend-rows.ts';

// The palette's own good and bad inks, so the dark theme shows a light green and red.
const COLOUR: Partial<Record<DeltaTone, string>> = { better: 'var(--ok)', worse: 'var(--bad)' };

/**
 * "compared with the previous period": the signed change, and whether it is better or worse in
 * words, never by colour alone; or, when the previous period is too thin to compare with, that
 * in words. higherIsBetter says which way is good for this figure.
 */
export function Delta({
  change,
  comparison,
  format,
  higherIsBetter,
}: {
  change: number | null;
  comparison: PeriodComparison;
  format: (value: number) => string;
  higherIsBetter: boolean;
}) {
  const view = deltaView(change, comparison, format, higherIsBetter);
  return (
    <span
      className="summary__note"
      title={view.title}
      data-delta={view.tone}
      style={{ color: COLOUR[view.tone] }}
    >
      {view.text}
    </span>
  );
}
