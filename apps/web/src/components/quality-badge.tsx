import type { QualitySummary } from '@watchfloor/shared/quality';
import { QUALITY_LOOK } from './quality-look.ts';

/**
 * One row's data quality in words: "Data degraded" and why. When the data is fine the reason is
 * kept for hover and screen readers only, so trouble stands out in a long table.
 */
export function QualityBadge({ quality }: { quality: QualitySummary }) {
  const look = QUALITY_LOOK[quality.state];
  return (
    <span className="quality-summary" data-quality={quality.state}>
      <span
        className="quality-badge"
        title={quality.reason}
        style={{ color: look.color, background: look.background, borderColor: look.color }}
      >
        <span aria-hidden="true">{look.icon} </span>
        {look.title}
      </span>
      {quality.state === 'ok' ? (
        <span className="sr-only">: {quality.reason}</span>
      ) : (
        <span className="quality-summary__reason">{quality.reason}</span>
      )}
    </span>
  );
}
