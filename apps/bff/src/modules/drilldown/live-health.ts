import { HEALTH_RULES, type HealthStatus } from '@watchfloor/shared/overview';
import { QUALITY_RULES } from '@watchfloor/shared/quality';
import type { Pool } from '../../db/pool.ts';
import { countEntities, segmentHealth, silentCount } from './overview.service.ts';
import { judgeInstant, readNowTotals } from './segment-judgement.ts';
import {
  listEntities,
  listSegments,
  type EntityRecord,
  type SegmentRecord,
} from '../fleet/fleet.repository.ts';
import { latestPendingMinute } from '../quality/pending-marks.repository.ts';
import { SCOPE_ENTITY } from '../rollups/rollup-aggregate.ts';
import { readScopeTotals } from '../rollups/window-totals.repository.ts';
import { tileWindow } from '../rollups/window-tiles.ts';

/** A scope's live verdict: the overview's "now" status and its reason. */
export interface LiveVerdict {
  status: HealthStatus;
  reason: string;
}

/** Live verdicts by segment id and by entity id. */
export interface LiveHealth {
  segments: Map<number, LiveVerdict>;
  entities: Map<number, LiveVerdict>;
}

/**
 * Judges the named segments and entities at `now` exactly as the overview judges a segment's
 * "now" column (segmentHealth over the last QUALITY_RULES.nowWindowMs, with silence and pending
 * minutes judged at that instant). The drill-down has no separate verdict for an entity, so an
 * entity is judged by the same rules as a one-member segment: its own figures against its
 * segment's SLO, and its own silence.
 */
export async function judgeLiveHealth(
  conn: Pool,
  wanted: { segmentIds: readonly number[]; entityIds: readonly number[] },
  now: number,
): Promise<LiveHealth> {
  const result: LiveHealth = { segments: new Map(), entities: new Map() };
  if (wanted.segmentIds.length === 0 && wanted.entityIds.length === 0) return result;
  const [segments, entities] = await Promise.all([listSegments(conn), listEntities(conn)]);
  const segmentIds = new Set(wanted.segmentIds);
  const entityIds = new Set(wanted.entityIds);
  const judgedSegments = segments.filter((s) => segmentIds.has(s.id));
  const judgedEntities = entities.filter((e) => entityIds.has(e.id));
  // Silence is judged per entity: the wanted segments' members and the wanted entities suffice.
  const judged = entities.filter((e) => segmentIds.has(e.segmentId) || entityIds.has(e.id));
  const ownIds = judgedEntities.map((e) => e.id);
  const [atNow, segmentTotals, entityTotals, entityPending] = await Promise.all([
    judgeInstant(conn, judged, now),
    readNowTotals(
      conn,
      judgedSegments.map((s) => s.id),
      now,
    ),
    readScopeTotals(conn, SCOPE_ENTITY, ownIds, tileWindow(now - QUALITY_RULES.nowWindowMs, now)),
    // The same stretch judgeInstant reads per segment, read per entity.
    latestPendingMinute(conn, ownIds, now - HEALTH_RULES.silenceMs - 60_000, now),
  ]);

  for (const segment of judgedSegments) {
    const members = judged.filter((e) => e.segmentId === segment.id);
    result.segments.set(
      segment.id,
      verdictOf(
        segmentHealth(
          segment,
          segmentTotals.totals.get(segment.id),
          countEntities(members),
          atNow.latestPending.get(segment.id),
          segmentTotals.elapsedMs,
          now,
          silentCount(members, atNow),
        ),
      ),
    );
  }
  const bySegmentId = new Map(segments.map((s) => [s.id, s]));
  for (const entity of judgedEntities) {
    const segment = bySegmentId.get(entity.segmentId);
    if (!segment) continue;
    result.entities.set(
      entity.id,
      entityVerdict(entity, segment, now, {
        total: entityTotals.get(entity.id),
        pending: entityPending.get(entity.id),
        silent: silentCount([entity], atNow),
      }),
    );
  }
  return result;
}

function entityVerdict(
  entity: EntityRecord,
  segment: SegmentRecord,
  now: number,
  figures: {
    total: Parameters<typeof segmentHealth>[1];
    pending: number | undefined;
    silent: number;
  },
): LiveVerdict {
  return verdictOf(
    segmentHealth(
      segment,
      figures.total,
      countEntities([entity]),
      figures.pending,
      QUALITY_RULES.nowWindowMs,
      now,
      figures.silent,
    ),
  );
}

const verdictOf = (health: { status: HealthStatus; reason: string }): LiveVerdict => ({
  status: health.status,
  reason: health.reason,
});
