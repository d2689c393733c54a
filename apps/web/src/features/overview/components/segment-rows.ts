import { compareSegmentNow } from '@watchfloor/shared/overview';
import type { QualitySummary } from '@watchfloor/shared/quality';
import type { SegmentHealthRow } from '../api/get-overview.ts';
import { formatMs, formatPercent, formatRequestRate } from '../../../lib/format.ts';

/** One table row, already in words: the component only lays it out. */
export interface SegmentRow {
  slug: string;
  name: string;
  owner: string | null;
  status: SegmentHealthRow['status'];
  reason: string;
  /** The last 15 minutes' verdict; null when the window ends in the past (nothing is "now"). */
  now: { status: SegmentHealthRow['status']; reason: string } | null;
  /** How far this segment's own data in the window can be trusted, in one line. */
  quality: QualitySummary;
  entities: string;
  rate: string;
  errorRatio: string;
  p95: string;
  p95Target: string;
  p95OverTarget: boolean;
  availability: string;
  slo: string;
  belowSlo: boolean;
  silentEntities: number;
}

/**
 * Rows sorted worst "now" first (then the window's status), with the shared comparator: a long
 * window's calm average must never push a live incident down the list.
 */
export function toSegmentRows(segments: readonly SegmentHealthRow[]): SegmentRow[] {
  return [...segments].sort(compareSegmentNow).map((s) => ({
    slug: s.slug,
    name: s.name,
    owner: s.owner,
    status: s.status,
    reason: s.reason,
    now: s.now && { status: s.now.status, reason: s.now.reason },
    quality: s.quality,
    entities:
      s.activeEntities === s.entities
        ? String(s.entities)
        : `${s.activeEntities} of ${s.entities} active`,
    rate: formatRequestRate(s),
    errorRatio: formatPercent(s.errorRatio),
    p95: formatMs(s.latency.p95Ms),
    p95Target: formatMs(s.slo.latencyP95Ms),
    p95OverTarget: s.latency.p95Ms !== null && s.latency.p95Ms > s.slo.latencyP95Ms,
    availability: formatPercent(s.availability, 3),
    slo: formatPercent(s.slo.availability, 3),
    belowSlo: s.availability !== null && s.availability < s.slo.availability,
    silentEntities: s.silentEntities,
  }));
}
