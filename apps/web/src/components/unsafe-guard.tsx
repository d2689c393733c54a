import { useEffect, useState, type ReactNode } from 'react';
import type { QualityState } from '@watchfloor/shared/quality';
import { markPainted } from '../lib/perf-marks.ts';
import type { DrillLevel } from '../lib/paths.ts';

/**
 * When the data is unsafe, a chart is replaced by a plain statement of that, with an explicit way
 * to look anyway: an unsafe chart must never pass for a normal one.
 */
export function UnsafeGuard({
  state,
  what,
  paintLevel,
  children,
}: {
  state: QualityState;
  what: string;
  /** The level whose main panel this is: its statement is what a click to the level paints. */
  paintLevel?: DrillLevel;
  children: ReactNode;
}) {
  const [showAnyway, setShowAnyway] = useState(false);
  const hiding = state === 'unsafe' && !showAnyway;
  useEffect(() => {
    if (hiding && paintLevel) markPainted(paintLevel);
  }, [hiding, paintLevel]);
  if (state !== 'unsafe') return children;
  if (!showAnyway) {
    return (
      <div className="chart-placeholder" data-state="unsafe">
        <p>
          <strong>Data unsafe:</strong> {what} is hidden because some of its buckets are known to be
          wrong or missing (see the reasons above).
        </p>
        <button type="button" className="button" onClick={() => setShowAnyway(true)}>
          Show it anyway
        </button>
      </div>
    );
  }
  return (
    <>
      <p className="breach-word">Showing unsafe data: figures may be wrong.</p>
      {children}
    </>
  );
}
