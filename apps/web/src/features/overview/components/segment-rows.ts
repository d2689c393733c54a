import { compareSegmentHealth } from '@watchfloor/shared/overview';
import type { SegmentHealthRow } from '../api/get-overview.ts';
import { formatMs, formatPercent, formatRate } from '../../../lib/format.ts';

/** One table row, already in words: the component only lays it out. */
export interface SegmentRow {
  slug: string;
  name: string;
  owner: string | null;
  status: SegmentHealthRow['status'];
  reason: string;
  entities: string;
  rate: string;
  errorRatio: string;
  p95: string;
  p95Target: string;
  p95OverTarget: boolean;
  availability: string;
  slo: string;
  belowSlo: boolean;
  /** Null when the server does not report it. */
  silentEntities: number;
}

/** Rows sorted worst first with the same comparator the BFF uses, so both agree on order. */
export function toSegmentRows(segments: readonly SegmentHealthRow[]): SegmentRow[] {
  return [...segments].sort(compareSegmentHealth).map((s) => ({
    slug: s.slug,
    name: s.name,
    owner: s.owner,
    status: s.status,
    reason: s.reason,
    entities: s.activeEntities === s.entities ? String(s.entities) : `${s.activeEntities} of ${s.entities} active`,
    rate: formatRate(s.requests > 0 ? s.ratePerSecond : null),
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
