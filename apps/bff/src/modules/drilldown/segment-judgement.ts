import {
  QUALITY_RULES,
  summariseQuality,
  worstQualityState,
  type QualityReason,
  type QualitySummary,
} from '@watchfloor/shared/quality';
import type { TimeWindow } from '@watchfloor/shared/time-window';
import type { Pool } from '../../db/pool.ts';
import type { EntityRecord, SegmentRecord } from '../fleet/fleet.repository.ts';
import { pipelineReasons, type PipelineState } from '../quality/pipeline-reasons.ts';
import type { QualityThresholds } from '../quality/quality-rules.ts';
import { DEFAULT_THRESHOLDS } from '../quality/quality-rules.ts';
import { pendingGraceMs, silentMembers } from '../quality/quality.service.ts';
import { readScopeSignals, scopeFacts, type ScopeSignals } from '../quality/scope-facts.ts';
import { pendingReasons, scopeVerdict, silenceReasons } from '../quality/scope-reasons.ts';
import { pendingByScope } from '../quality/pending-marks.repository.ts';
import { findSilentEntities, type Silence } from '../quality/silence.ts';
import { bucketStart } from '@watchfloor/shared/metrics/resolution';
import { SCOPE_SEGMENT } from '../rollups/rollup-aggregate.ts';
import { latestPendingMinuteBySegment } from './overview.repository.ts';
import type { ScopeTotal } from '../rollups/scope-total.ts';
import { readScopeTotals } from '../rollups/window-totals.repository.ts';
import { tileWindow } from '../rollups/window-tiles.ts';
import { HEALTH_RULES } from '@watchfloor/shared/overview';

/**
 * What the drill-down judges about segments and their entities at one instant (the window's end,
 * and now): who is silent, the latest pending minute per segment, and — for "now" — the last
 * QUALITY_RULES.nowWindowMs of totals. A live window's end is now, so it is judged once.
 */
export interface InstantJudgement {
  at: number;
  silence: Map<number, Silence>;
  latestPending: Map<number, number>;
}

export async function judgeInstant(
  pool: Pool,
  entities: readonly Pick<EntityRecord, 'id' | 'state'>[],
  at: number,
): Promise<InstantJudgement> {
  const [silence, latestPending] = await Promise.all([
    findSilentEntities(pool, entities, at),
    latestPendingMinuteBySegment(pool, at - HEALTH_RULES.silenceMs - 60_000, at),
  ]);
  return { at, silence, latestPending };
}

/** The window's end and now, judged once when they are the same instant. */
export async function judgeWindowAndNow(
  pool: Pool,
  entities: readonly Pick<EntityRecord, 'id' | 'state'>[],
  windowEnd: number,
  now: number,
) {
  const atEnd = judgeInstant(pool, entities, windowEnd);
  const atNow = windowEnd === now ? atEnd : judgeInstant(pool, entities, now);
  // Both awaited together: awaiting one after the other would leave the second without a handler
  // when the first fails, and its own failure (a frozen database fails both) would then be an
  // unhandled rejection that takes the process down.
  const [end, atNowJudged] = await Promise.all([atEnd, atNow]);
  return { atEnd: end, atNow: atNowJudged };
}

/** Segment totals over the last stretch before now, for the "now" status. */
export async function readNowTotals(
  pool: Pool,
  segmentIds: readonly number[],
  now: number,
): Promise<{ totals: Map<number, ScopeTotal>; elapsedMs: number }> {
  const from = now - QUALITY_RULES.nowWindowMs;
  return {
    totals: await readScopeTotals(pool, SCOPE_SEGMENT, segmentIds, tileWindow(from, now)),
    elapsedMs: QUALITY_RULES.nowWindowMs,
  };
}

/** Reads every segment's quality signals for a window, to start beside the view's other reads. */
export function readSegmentSignals(
  pool: Pool,
  segmentIds: readonly number[],
  request: { window: TimeWindow; now: number; thresholds?: QualityThresholds },
): Promise<ScopeSignals> {
  const thresholds = request.thresholds ?? DEFAULT_THRESHOLDS;
  return readScopeSignals(pool, 'segment', segmentIds, {
    window: request.window,
    now: request.now,
    thresholds,
    pendingGraceMs: pendingGraceMs(thresholds),
  });
}

/** The one-line quality of each segment's own data in the window, by the same model as its page. */
export function segmentQualitySummaries(
  signals: ScopeSignals,
  segments: readonly SegmentRecord[],
  entitiesBySegment: ReadonlyMap<number, readonly EntityRecord[]>,
  silence: ReadonlyMap<number, Silence>,
  pipeline: PipelineState,
  request: { window: TimeWindow; now: number; thresholds?: QualityThresholds },
): Map<number, QualitySummary> {
  const thresholds = request.thresholds ?? DEFAULT_THRESHOLDS;
  const factsRequest = {
    window: request.window,
    now: request.now,
    thresholds,
    pendingGraceMs: pendingGraceMs(thresholds),
  };
  const result = new Map<number, QualitySummary>();
  for (const segment of segments) {
    const members = entitiesBySegment.get(segment.id) ?? [];
    const ref = {
      kind: 'segment' as const,
      id: segment.id,
      label: `segment ${segment.slug}`,
      activeEntities: members.filter((e) => e.state === 'active').length,
      silent: silentMembers(members, silence),
    };
    const ids = members.map((e) => e.id);
    const reasons = [
      ...pipelineReasons(pipeline, thresholds, request.window, request.now, ids).reasons,
      ...scopeVerdict(scopeFacts(ref, signals, factsRequest)).reasons,
    ];
    result.set(segment.id, summarise(reasons));
  }
  return result;
}

/** The one-line quality of each entity row: the pipeline, its own silence and its pending data. */
export async function entityQualitySummaries(
  pool: Pool,
  entities: readonly EntityRecord[],
  silence: ReadonlyMap<number, Silence>,
  pipeline: PipelineState,
  request: { window: TimeWindow; now: number; thresholds?: QualityThresholds },
): Promise<Map<number, QualitySummary>> {
  const thresholds = request.thresholds ?? DEFAULT_THRESHOLDS;
  const { window, now } = request;
  const pending = await pendingByScope(
    pool,
    'entity',
    { fromTs: window.from - 59_999, toTs: window.to, openFrom: bucketStart(now, '1m') },
    entities.map((e) => e.id),
  );
  const windowMinutes = Math.max(1, Math.ceil((Math.min(window.to, now) - window.from) / 60_000));
  const result = new Map<number, QualitySummary>();
  for (const entity of entities) {
    const label = `entity ${entity.slug}`;
    const own = silence.get(entity.id);
    const reasons = [
      ...pipelineReasons(pipeline, thresholds, window, now, [entity.id]).reasons,
      ...silenceReasons({
        label,
        kind: 'entity',
        silent: own ? [{ slug: entity.slug, silence: own }] : [],
        activeEntities: entity.state === 'active' ? 1 : 0,
        window,
        now,
      }).reasons,
      ...pendingReasons(
        {
          pending: pending.get(entity.id),
          now,
          window,
          pendingGraceMs: pendingGraceMs(thresholds),
        },
        windowMinutes,
      ).reasons,
    ];
    result.set(entity.id, summarise(reasons));
  }
  return result;
}

function summarise(reasons: QualityReason[]): QualitySummary {
  return summariseQuality({ state: worstQualityState(reasons), reasons });
}
