import {
  findIncidents,
  INCIDENT_RULES,
  type IncidentSpan,
} from '@watchfloor/shared/trends/incidents';
import type { Queryable } from '../../db/pool.ts';
import { burningHours, minuteCounts } from '../rollups/segment-rollups.repository.ts';

const HOUR = 3_600_000;
const MINUTE_READS_AT_ONCE = 4;

export interface SegmentIncident extends IncidentSpan {
  segmentId: number;
}

/**
 * Incidents of every segment in [fromTs, dataEnd). Hour rollups say where a segment burned at the
 * incident rate; only those hours, widened by the search margin, are read minute by minute.
 */
export async function searchIncidents(
  conn: Queryable,
  segments: readonly { id: number; sloAvailability: number }[],
  fromTs: number,
  dataEnd: number,
): Promise<SegmentIncident[]> {
  const margin = INCIDENT_RULES.searchMarginMs;
  const hours = await burningHours(
    conn,
    segments.map((s) => s.id),
    Math.floor((fromTs - margin) / HOUR) * HOUR,
    dataEnd,
    INCIDENT_RULES.burnRate,
    INCIDENT_RULES.minErrorsPerMinute * INCIDENT_RULES.minBreachMinutes,
  );
  const bySegment = new Map<number, number[]>();
  for (const { segmentId, hourTs } of hours)
    bySegment.set(segmentId, [...(bySegment.get(segmentId) ?? []), hourTs]);
  const reads: (() => Promise<SegmentIncident[]>)[] = [];
  for (const segment of segments) {
    const segmentHours = bySegment.get(segment.id);
    if (!segmentHours) continue;
    const burning = new Set(segmentHours);
    for (const region of searchRegions(segmentHours, margin)) {
      const from = Math.max(region.fromTs, fromTs - margin);
      const to = Math.min(region.toTs, dataEnd + 60_000);
      if (to <= from) continue;
      reads.push(async () => {
        const minutes = await minuteCounts(conn, segment.id, from, to);
        return findIncidents(minutes, burning, segment.sloAvailability, dataEnd).map((span) => ({
          ...span,
          segmentId: segment.id,
        }));
      });
    }
  }
  // A fleet that burns everywhere has a region per segment spanning the window: read a few at a
  // time, so the computation does not take its turns one after another nor the whole pool.
  const results: SegmentIncident[][] = new Array(reads.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < reads.length; i = next++) results[i] = await reads[i]!();
  };
  await Promise.all(Array.from({ length: Math.min(MINUTE_READS_AT_ONCE, reads.length) }, worker));
  return results.flat();
}

/** Burning hours widened by the margin either side; overlapping regions merge, so no incident is cut in two. */
export function searchRegions(
  hourStarts: readonly number[],
  margin: number,
): { fromTs: number; toTs: number }[] {
  const regions: { fromTs: number; toTs: number }[] = [];
  for (const hour of [...hourStarts].sort((a, b) => a - b)) {
    const fromTs = hour - margin;
    const toTs = hour + HOUR + margin;
    const last = regions[regions.length - 1];
    if (last && fromTs <= last.toTs + INCIDENT_RULES.mergeGapMs)
      last.toTs = Math.max(last.toTs, toTs);
    else regions.push({ fromTs, toTs });
  }
  return regions;
}
