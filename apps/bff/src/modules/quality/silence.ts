import { HEALTH_RULES } from '@watchfloor/shared/overview';
import { QUALITY_RULES } from '@watchfloor/shared/quality';
import { bucketStart } from '@watchfloor/shared/metrics/resolution';
import type { Queryable } from '../../db/pool.ts';
import {
  entitiesHeard,
  entityHours,
  lastSeenByEntity,
  latestMinuteBefore,
  type EntityHour,
} from '../rollups/scope-activity.repository.ts';
import { latestPendingMinute } from './pending-marks.repository.ts';

const MINUTE = 60_000;
const HOUR = 3_600_000;
/** How far back an entity's cadence is learned from. */
const CADENCE_HORIZON_MS = 24 * HOUR;

/** Why one entity counts as silent at the instant judged. */
export interface Silence {
  /** Its latest event (or pending minute) before the instant. */
  lastSeenAt: number;
  /** How long it may be quiet before it counts as silent, from its own cadence. */
  thresholdMs: number;
  /** Its usual interval between minutes with events; null when it has no history to learn from. */
  usualIntervalMs: number | null;
}

export interface EntityToJudge {
  id: number;
  state: string;
}

/**
 * How long an entity with this usual interval between minutes with events may stay quiet:
 * several intervals, never less than the fleet-wide silence rule nor more than the longest allowed.
 */
export function silenceThresholdMs(usualIntervalMs: number | null): number {
  if (usualIntervalMs === null) return HEALTH_RULES.silenceMs;
  return Math.min(
    QUALITY_RULES.maxSilenceMs,
    Math.max(HEALTH_RULES.silenceMs, QUALITY_RULES.silenceCadenceMultiple * usualIntervalMs),
  );
}

/**
 * The usual interval between an entity's minutes with events, from its recent hour rows: the time
 * from its first to its last minute with events over the intervals between them. A heartbeat
 * every five minutes gives five minutes; steady traffic gives one. Silence after the last minute
 * does not stretch it.
 */
export function usualInterval(
  hours: readonly EntityHour[],
  lastSeenAt: number | null,
): number | null {
  const counted = hours.filter((h) => h.activeMinutes !== null);
  if (counted.length === 0 || lastSeenAt === null) return null;
  const first = counted.reduce((a, b) => (b.hourTs < a.hourTs ? b : a));
  const activeMinutes = counted.reduce((sum, h) => sum + (h.activeMinutes ?? 0), 0);
  const spanMs = bucketStart(lastSeenAt, '1m') - (first.hourTs + (first.firstMinute ?? 0) * MINUTE);
  return activeMinutes > 1 && spanMs > 0 ? Math.max(MINUTE, spanMs / (activeMinutes - 1)) : null;
}

/**
 * The active entities among `entities` that are silent at `judgeAt`, each judged against its own
 * cadence. Entities heard from in the last silence period (rolled up or pending) are never silent,
 * which is the usual case, so only the quiet few have their history read.
 */
export async function findSilentEntities(
  conn: Queryable,
  entities: readonly EntityToJudge[],
  judgeAt: number,
): Promise<Map<number, Silence>> {
  const active = entities.filter((e) => e.state === 'active').map((e) => e.id);
  const recentFrom = bucketStart(judgeAt - HEALTH_RULES.silenceMs, '1m');
  const heard = await entitiesHeard(conn, active, recentFrom, judgeAt);
  const quiet = active.filter((id) => !heard.has(id));
  const silent = new Map<number, Silence>();
  if (quiet.length === 0) return silent;

  // Hour rows from the start of the day before; whole days before that answer for older data.
  const horizonFrom = bucketStart(judgeAt - CADENCE_HORIZON_MS, '1d');
  const judgedHour = bucketStart(judgeAt, '1h');
  const [hours, pending, lastInJudgedHour, olderDays] = await Promise.all([
    entityHours(conn, quiet, horizonFrom, judgeAt),
    latestPendingMinute(conn, quiet, horizonFrom, judgeAt),
    latestMinuteBefore(conn, quiet, judgedHour, judgeAt),
    lastSeenByEntity(conn, quiet, horizonFrom),
  ]);
  const byEntity = new Map<number, EntityHour[]>();
  for (const hour of hours)
    byEntity.set(hour.entityId, [...(byEntity.get(hour.entityId) ?? []), hour]);

  for (const id of quiet) {
    const own = byEntity.get(id) ?? [];
    // The judged hour's row may hold events after judgeAt (a window in the past): its minutes say when.
    const completedHours = own.filter((h) => h.hourTs < judgedHour).map((h) => h.lastTs);
    const candidates = [
      ...completedHours,
      lastInJudgedHour.get(id),
      pending.has(id) ? Math.min(pending.get(id)! + MINUTE - 1, judgeAt) : undefined,
    ];
    const seen = candidates.filter((ts): ts is number => ts !== undefined && ts < judgeAt);
    const lastSeenAt = seen.length > 0 ? Math.max(...seen) : (olderDays.get(id) ?? null);
    // An entity that had sent nothing at all by then did not exist yet: it cannot have gone silent.
    if (lastSeenAt === null) continue;
    const usualIntervalMs = usualInterval(
      own.filter((h) => h.hourTs < judgedHour || h.lastTs < judgeAt),
      lastSeenAt,
    );
    const thresholdMs = silenceThresholdMs(usualIntervalMs);
    if (judgeAt - lastSeenAt > thresholdMs)
      silent.set(id, { lastSeenAt, thresholdMs, usualIntervalMs });
  }
  return silent;
}
