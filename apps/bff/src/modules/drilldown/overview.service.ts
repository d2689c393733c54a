import type { Resolution } from '@watchfloor/shared/metrics/resolution';
import {
  assessHealth,
  compareSegmentNow,
  type HealthStatus,
  type Overview,
  type SegmentHealth,
} from '@watchfloor/shared/overview';
import type { Quality, QualitySummary } from '@watchfloor/shared/quality';
import type { TimeWindow } from '@watchfloor/shared/time-window';
import type { Pool } from '../../db/pool.ts';
import {
  listEntities,
  listSegments,
  type EntityRecord,
  type SegmentRecord,
} from '../fleet/fleet.repository.ts';
import { assessQuality, readPipeline, toQuality } from '../quality/quality.service.ts';
import type { QualityThresholds } from '../quality/quality-rules.ts';
import type { SharedReads } from '../quality/shared-reads.ts';
import { FLEET_SCOPE_ID, SCOPE_FLEET, SCOPE_SEGMENT } from '../rollups/rollup-aggregate.ts';
import type { EntityCounts } from './overview.repository.ts';
import {
  judgeWindowAndNow,
  readNowTotals,
  readSegmentSignals,
  segmentQualitySummaries,
  type InstantJudgement,
} from './segment-judgement.ts';
import { readSeries } from '../rollups/series.repository.ts';
import { addTotal, emptyTotal, type ScopeTotal } from '../rollups/scope-total.ts';
import { readScopeTotals } from '../rollups/window-totals.repository.ts';
import { minuteBuckets } from './scope-minutes.ts';
import { latencySummary, redFigures, seriesPoints } from './scope-figures.ts';
import { planWindow } from './window-plan.ts';
import { readAnnotations } from '../annotations/annotations.service.ts';

export interface DrilldownDeps {
  pool: Pool;
  thresholds?: QualityThresholds;
  now?: () => number;
  /** Fleet-wide quality reads shared by concurrent requests; see SharedReads. */
  shared?: SharedReads;
}

export interface OverviewResult {
  overview: Overview;
  quality: Quality;
  resolution: Resolution;
}

/**
 * Fleet overview for a window: every segment's RED figures and health from rollups covering the
 * window exactly, and the fleet series at the resolution the window needs, with partial buckets
 * flagged against the quality watermark of the same window.
 */
export async function getOverview(
  deps: DrilldownDeps,
  window: TimeWindow,
): Promise<OverviewResult> {
  const now = deps.now?.() ?? Date.now();
  const { resolution, tiles, elapsedMs, windowEnd } = planWindow(window, now);

  const [segments, entities] = await Promise.all([
    listSegments(deps.pool),
    listEntities(deps.pool),
  ]);
  const segmentIds = segments.map((s) => s.id);
  const entitiesBySegment = groupBySegment(entities);
  const judged = judgeWindowAndNow(deps.pool, entities, windowEnd, now);
  const read = readSeries(
    deps.pool,
    resolution,
    SCOPE_FLEET,
    FLEET_SCOPE_ID,
    window.from,
    window.to,
  );
  const pipeline = readPipeline(deps, now);
  const segmentSignals = readSegmentSignals(deps.pool, segmentIds, {
    window,
    now,
    thresholds: deps.thresholds,
  });
  const [report, totals, nowTotals, fleetSeries, annotations, { atEnd, atNow }, summaries] =
    await Promise.all([
      assessQuality(
        { pool: deps.pool, thresholds: deps.thresholds, now: () => now, shared: deps.shared },
        {
          window,
          scope: { kind: 'fleet', entities },
          scopeMinutes: minuteBuckets(resolution, read),
          silence: judged.then((j) => j.atEnd.silence),
          pipeline,
        },
      ),
      readScopeTotals(deps.pool, SCOPE_SEGMENT, segmentIds, tiles),
      readNowTotals(deps.pool, segmentIds, now),
      read,
      readAnnotations(deps.pool, { kind: 'fleet', segmentIds }, window),
      judged,
      Promise.all([judged, pipeline, segmentSignals]).then(([j, p, signals]) =>
        segmentQualitySummaries(signals, segments, entitiesBySegment, j.atEnd.silence, p, {
          window,
          now,
          thresholds: deps.thresholds,
        }),
      ),
    ]);
  const quality = toQuality(report);

  const health = segments
    .map((segment) => {
      const members = entitiesBySegment.get(segment.id) ?? [];
      const windowHealth = segmentHealth(
        segment,
        totals.get(segment.id),
        countEntities(members),
        atEnd.latestPending.get(segment.id),
        elapsedMs,
        windowEnd,
        silentCount(members, atEnd),
      );
      const nowHealth = segmentHealth(
        segment,
        nowTotals.totals.get(segment.id),
        countEntities(members),
        atNow.latestPending.get(segment.id),
        nowTotals.elapsedMs,
        now,
        silentCount(members, atNow),
      );
      return withNowAndQuality(windowHealth, nowHealth, summaries.get(segment.id)!);
    })
    .sort(compareSegmentNow);

  const fleet = [...totals.values()].reduce((sum, total) => addTotal(sum, total), emptyTotal(0));
  const fleetRed = redFigures(fleet, elapsedMs);
  const statusCounts = { ok: 0, warning: 0, critical: 0, silent: 0 };
  const nowCounts = { ok: 0, warning: 0, critical: 0, silent: 0 };
  for (const segment of health) {
    statusCounts[segment.status] += 1;
    nowCounts[segment.now?.status ?? segment.status] += 1;
  }

  return {
    resolution,
    quality,
    overview: {
      window: { from: window.from, to: window.to },
      segments: health,
      fleet: {
        requests: fleetRed.requests,
        ratePerSecond: fleetRed.ratePerSecond,
        errors: fleetRed.errors,
        errorRatio: fleetRed.errorRatio,
        p95Ms: latencySummary(fleet).p95Ms,
        statusCounts,
        nowCounts,
        silentEntities: atEnd.silence.size,
        series: seriesPoints(fleetSeries, resolution, quality.watermark),
      },
      annotations,
    },
  };
}

/** A segment's verdict over one stretch of time, before "now" and data quality are set beside it. */
export type WindowHealth = Omit<SegmentHealth, 'now' | 'quality'>;

function groupBySegment(entities: readonly EntityRecord[]): Map<number, EntityRecord[]> {
  const bySegment = new Map<number, EntityRecord[]>();
  for (const entity of entities)
    bySegment.set(entity.segmentId, [...(bySegment.get(entity.segmentId) ?? []), entity]);
  return bySegment;
}

/** A segment's entities, counted as the health rules count them. */
export function countEntities(entities: readonly { state: string }[]): EntityCounts {
  return { total: entities.length, active: entities.filter((e) => e.state === 'active').length };
}

export function silentCount(
  entities: readonly { id: number }[],
  judgement: InstantJudgement,
): number {
  return entities.filter((e) => judgement.silence.has(e.id)).length;
}

/** The window's verdict with the "now" verdict and the segment's data quality beside it. */
export function withNowAndQuality(
  windowHealth: WindowHealth,
  nowHealth: WindowHealth,
  quality: QualitySummary,
): SegmentHealth {
  const now: { status: HealthStatus; reason: string; errorRatio: number | null; requests: number } =
    {
      status: nowHealth.status,
      reason: nowHealth.reason,
      errorRatio: nowHealth.errorRatio,
      requests: nowHealth.requests,
    };
  return { ...windowHealth, now, quality };
}

/** One segment's figures and verdict; reused by the segment page for its header. */
export function segmentHealth(
  segment: SegmentRecord,
  total: ScopeTotal | undefined,
  counts: EntityCounts | undefined,
  latestPendingMinute: number | undefined,
  elapsedMs: number,
  windowEnd: number,
  silentEntities: number,
): WindowHealth {
  const red = redFigures(total, elapsedMs);
  const latency = latencySummary(total);
  const lastEventAt = total && total.events > 0 ? total.lastTs : null;
  // A pending minute proves events arrived in it; its end is the latest they can have been sent.
  const pendingSignal =
    latestPendingMinute === undefined ? null : Math.min(latestPendingMinute + 59_999, windowEnd);
  const lastSignalAt =
    lastEventAt === null ? pendingSignal : Math.max(lastEventAt, pendingSignal ?? lastEventAt);
  const verdict = assessHealth({
    requests: red.requests,
    errors: red.errors,
    p95Ms: latency.p95Ms,
    sloAvailability: segment.sloAvailability,
    sloLatencyP95Ms: segment.sloLatencyP95Ms,
    activeEntities: counts?.active ?? 0,
    silentEntities,
    lastSignalAt,
    windowEnd,
  });
  return {
    slug: segment.slug,
    name: segment.name,
    owner: segment.owner,
    entities: counts?.total ?? 0,
    activeEntities: counts?.active ?? 0,
    silentEntities,
    ...red,
    latency,
    slo: { availability: segment.sloAvailability, latencyP95Ms: segment.sloLatencyP95Ms },
    lastEventAt,
    status: verdict.status,
    reason: verdict.reason,
  };
}
