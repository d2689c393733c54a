import {
  QUALITY_RULES,
  worstQualityState,
  type Quality,
  type QualityReason,
} from '@watchfloor/shared/quality';
import { coveragePercent } from '@watchfloor/shared/trends/comparison';
import type { SegmentTrend } from '@watchfloor/shared/trends/api';
import type { TimeWindow } from '@watchfloor/shared/time-window';

/** Segments named in the reason; the rest are counted. */
const NAMED = 3;

const minuteClock = (ts: number) =>
  `${new Date(ts).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/**
 * The `thin_history` reason of a trends answer: the previous period has too little data, for at
 * least one segment, to be compared with, so its changes are withheld. Segments without data in
 * the current period are left to the quality assessment's own no-data reasons.
 */
export function thinHistoryReason(
  segments: readonly SegmentTrend[],
  previous: TimeWindow,
): QualityReason | null {
  const thin = segments.filter((s) => s.comparison.code === 'thin_history');
  if (thin.length === 0) return null;
  const named = thin
    .slice(0, NAMED)
    .map(
      (s) =>
        `${s.slug} has data in ${coveragePercent(s.previous.coverage.share)} of its hours (this period: ${coveragePercent(s.current.coverage.share)})`,
    )
    .join('; ');
  const more = thin.length > NAMED ? `; and ${thin.length - NAMED} more` : '';
  const of =
    thin.length === segments.length
      ? thin.length === 1
        ? 'the only segment'
        : `all ${thin.length} segments`
      : `${thin.length} of ${segments.length} segments`;
  return {
    code: 'thin_history',
    severity: 'degraded',
    message: `Not enough history to compare for ${of}: in the previous period (${minuteClock(previous.from)} – ${minuteClock(previous.to)}) ${named}${more}. Comparing needs at least ${Math.round(QUALITY_RULES.comparableCoverageShare * 100)} % of the current period’s coverage, so changes against it are not shown.`,
    from: previous.from,
    to: previous.to,
  };
}

/** The assessed quality with the thin-history reason (if any) appended and the state recomputed. */
export function withThinHistory(quality: Quality, reason: QualityReason | null): Quality {
  if (!reason) return quality;
  const reasons = [...quality.reasons, reason];
  return { ...quality, reasons, state: worstQualityState(reasons) };
}
