import { HEALTH_RULES } from '@watchfloor/shared/overview';
import { QUALITY_RULES } from '@watchfloor/shared/quality';
import { bucketStart } from '@watchfloor/shared/metrics/resolution';
import type { Queryable } from '../../db/pool.ts';
import { entitiesHeard, entityHours, latestMinuteBefore, latestPendingMinute, type EntityHour } from './scope-signals.repository.ts';

const MINUTE = 60_000;
const HOUR = 3_600_000;
/** How far back an entity's cadence is learned from. */
const CADENCE_HORIZON_MS = 24 * HOUR;

/** Why one entity counts as silent at the instant judged. */
export interface Silence {
  /** Its latest event (or pending minute) before the instant; null when none in the cadence horizon. */
  lastSeenAt: number | null;
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
  return Math.min(QUALITY_RULES.maxSilenceMs, Math.max(HEALTH_RULES.silenceMs, QUALITY_RULES.silenceCadenceMultiple * usualIntervalMs));
}

/**
 * The usual interval between an entity's minutes with events, from its hour rows before the hour
 * being judged: the time from its first minute with events to that hour, over how many minutes
 * had events. A heartbeat every five minutes gives five minutes; steady traffic gives one.
 */
export function usualInterval(hours: readonly EntityHour[], judgedHourTs: number): number | null {
  const before = hours.filter((h) => h.hourTs < judgedHourTs && h.activeMinutes !== null);
  if (before.length === 0) return null;
  const first = before.reduce((a, b) => (b.hourTs < a.hourTs ? b : a));
  const activeMinutes = before.reduce((sum, h) => sum + (h.activeMinutes ?? 0), 0);
  const spanMs = judgedHourTs - (first.hourTs + (first.firstMinute ?? 0) * MINUTE);
  return activeMinutes > 0 ? Math.max(MINUTE, spanMs / activeMinutes) : null;
}

/**
 * The active entities among `entities` that are silent at `judgeAt`, each judged against its own
 * cadence. Entities heard from in the last silence period (rolled up or pending) are never silent,
 * which is the usual case, so only the quiet few have their history read.
 */
export async function findSilentEntities(conn: Queryable, entities: readonly EntityToJudge[], judgeAt: number): Promise<Map<number, Silence>> {
  const active = entities.filter((e) => e.state === 'active').map((e) => e.id);
  const recentFrom = bucketStart(judgeAt - HEALTH_RULES.silenceMs, '1m');
  const heard = await entitiesHeard(conn, active, recentFrom, judgeAt);
  const quiet = active.filter((id) => !heard.has(id));
  const silent = new Map<number, Silence>();
  if (quiet.length === 0) return silent;

  const horizonFrom = bucketStart(judgeAt - CADENCE_HORIZON_MS, '1h');
  const judgedHour = bucketStart(judgeAt, '1h');
  const [hours, pending, lastInJudgedHour] = await Promise.all([
    entityHours(conn, quiet, horizonFrom, judgeAt),
    latestPendingMinute(conn, quiet, horizonFrom, judgeAt),
    latestMinuteBefore(conn, quiet, judgedHour, judgeAt),
  ]);
  const byEntity = new Map<number, EntityHour[]>();
  for (const hour of hours) byEntity.set(hour.entityId, [...(byEntity.get(hour.entityId) ?? []), hour]);

  for (const id of quiet) {
    const own = byEntity.get(id) ?? [];
    // The judged hour's row may hold events after judgeAt (a window in the past): its minutes say when.
    const completedHours = own.filter((h) => h.hourTs < judgedHour).map((h) => h.lastTs);
    const candidates = [...completedHours, lastInJudgedHour.get(id), pending.has(id) ? Math.min(pending.get(id)! + MINUTE - 1, judgeAt) : undefined];
    const seen = candidates.filter((ts): ts is number => ts !== undefined && ts < judgeAt);
    const lastSeenAt = seen.length > 0 ? Math.max(...seen) : null;
    const usualIntervalMs = usualInterval(own, judgedHour);
    const thresholdMs = silenceThresholdMs(usualIntervalMs);
    if (lastSeenAt === null || judgeAt - lastSeenAt > thresholdMs) silent.set(id, { lastSeenAt, thresholdMs, usualIntervalMs });
  }
  return silent;
}
