import { useState, type ReactNode } from 'react';
import type { QualityState } from '@watchfloor/shared/quality';

/**
 * When the data is unsafe, a chart is replaced by a plain statement of that, with an explicit way
 * to look anyway: an unsafe chart must never pass for a normal one.
 */
export function UnsafeGuard({
  state,
  what,
  children,
}: {
  state: QualityState;
  what: string;
  children: ReactNode;
}) {
  const [showAnyway, setShowAnyway] = useState(false);
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
