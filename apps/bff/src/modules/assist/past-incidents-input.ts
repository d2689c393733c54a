import { ASSIST_RULES, type AssistWindow } from '@watchfloor/shared/assist';
import type { Queryable } from '../../db/pool.ts';
import type { SegmentRecord } from '../fleet/fleet.repository.ts';
import { latencySummary } from '../drilldown/scope-figures.ts';
import { SCOPE_ENTITY, SCOPE_SEGMENT } from '../rollups/rollup-aggregate.ts';
import { tileWindow } from '../rollups/window-tiles.ts';
import { readScopeTotals } from '../rollups/window-totals.repository.ts';
import { searchIncidents, type SegmentIncident } from '../trends/incident-search.ts';
import { actionsExecutedBetween } from './assist.repository.ts';
import { breakdownTotals } from '../rollups/breakdown.repository.ts';
import type { EntityRecord } from '../fleet/fleet.repository.ts';
import type { PastIncident } from './rules/inputs.ts';

/** At most this many past incidents get a signature read: the work stays bounded on a burning fleet. */
export const MAX_SIGNED_INCIDENTS = 20;
/** Entities and error classes named in a signature. */
const SIGNATURE_SIZE = 3;

export interface PastIncidentsRead {
  incidents: PastIncident[];
  count: number;
  rows: number;
}

/**
 * The scope's segments' incidents (as the trends derive them) in the 30 days before the window,
 * newest first, each with its signature from rollups and the actions executed in it. An incident
 * still running at the window's start is the current one, not a past one: it is left out.
 */
export async function readPastIncidents(
  conn: Queryable,
  segments: readonly SegmentRecord[],
  entities: readonly EntityRecord[],
  window: AssistWindow,
): Promise<PastIncidentsRead> {
  if (segments.length === 0) return { incidents: [], count: 0, rows: 0 };
  const found = await searchIncidents(
    conn,
    segments,
    window.from - ASSIST_RULES.noveltyLookbackMs,
    window.from,
  );
  const past = found
    .filter((incident) => incident.end <= window.from && !incident.ongoing)
    .sort((a, b) => b.start - a.start || a.segmentId - b.segmentId);
  const signed = await Promise.all(
    past
      .slice(0, MAX_SIGNED_INCIDENTS)
      .map((incident) => signIncident(conn, incident, segments, entities)),
  );
  return { incidents: signed, count: past.length, rows: found.length };
}

async function signIncident(
  conn: Queryable,
  incident: SegmentIncident,
  segments: readonly SegmentRecord[],
  entities: readonly EntityRecord[],
): Promise<PastIncident> {
  const segment = segments.find((s) => s.id === incident.segmentId)!;
  const members = entities.filter((e) => e.segmentId === segment.id);
  const tiles = tileWindow(incident.start, incident.end);
  const [entityTotals, segmentTotals, classes, actions] = await Promise.all([
    readScopeTotals(
      conn,
      SCOPE_ENTITY,
      members.map((e) => e.id),
      tiles,
    ),
    readScopeTotals(conn, SCOPE_SEGMENT, [segment.id], tiles),
    breakdownTotals(conn, 'segment', [segment.id], incident.start, incident.end),
    actionsExecutedBetween(conn, segment.id, incident.start, incident.end),
  ]);
  const slugOf = new Map(members.map((e) => [e.id, e.slug]));
  const topEntities = [...entityTotals.values()]
    .filter((total) => total.errors > 0)
    .sort((a, b) => b.errors - a.errors || a.scopeId - b.scopeId)
    .slice(0, SIGNATURE_SIZE)
    .flatMap((total) => slugOf.get(total.scopeId) ?? []);
  const errorsByClass = new Map<string, number>();
  for (const row of classes)
    if (row.errorClass !== '' && row.errors > 0)
      errorsByClass.set(row.errorClass, (errorsByClass.get(row.errorClass) ?? 0) + row.errors);
  const topClasses = [...errorsByClass.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, SIGNATURE_SIZE)
    .map(([errorClass]) => errorClass);
  // Incidents are error-budget burns; one whose p95 also broke the latency objective is both.
  const p95 = latencySummary(segmentTotals.get(segment.id)).p95Ms;
  const slow = p95 !== null && p95 > segment.sloLatencyP95Ms;
  return {
    segment: segment.slug,
    start: incident.start,
    end: incident.end,
    ongoing: incident.ongoing,
    requests: incident.requests,
    errors: incident.errors,
    entities: topEntities,
    errorClasses: topClasses,
    shape: incident.errors > 0 ? (slow ? 'both' : 'errors') : 'latency',
    actions,
  };
}
