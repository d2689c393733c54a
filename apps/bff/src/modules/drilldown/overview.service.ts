import { pickResolution, type Resolution } from '@watchfloor/shared/metrics/resolution';
import { HEALTH_RULES, assessHealth, compareSegmentHealth, type Overview, type SegmentHealth } from '@watchfloor/shared/overview';
import type { Quality } from '@watchfloor/shared/quality';
import type { TimeWindow } from '@watchfloor/shared/time-window';
import type { Pool } from '../../db/pool.ts';
import { listSegments, type SegmentRecord } from '../catalog/catalog.repository.ts';
import { assessQuality, toQuality } from '../quality/quality.service.ts';
import type { QualityThresholds } from '../quality/quality-rules.ts';
import type { SharedReads } from '../quality/shared-reads.ts';
import { FLEET_SCOPE_ID, SCOPE_FLEET, SCOPE_SEGMENT } from '../rollups/rollup-aggregate.ts';
import { entityCountsBySegment, latestPendingMinuteBySegment, silentEntityCounts, type EntityCounts } from './overview.repository.ts';
import { minuteBuckets, readScopeTotals, readSeries } from './rollup-reads.repository.ts';
import { addTotal, emptyTotal, type ScopeTotal } from './scope-aggregate.ts';
import { latencySummary, redFigures, seriesPoints } from './scope-figures.ts';
import { tiledSpan, tileWindow } from './window-tiles.ts';
import { actionAnnotations } from '../actions/action-annotations.repository.ts';

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
export async function getOverview(deps: DrilldownDeps, window: TimeWindow): Promise<OverviewResult> {
  const now = deps.now?.() ?? Date.now();
  const resolution = pickResolution(window.from, window.to);
  const tiles = tileWindow(window.from, window.to);
  const span = tiledSpan(tiles) ?? { fromTs: window.from, toTs: window.to };
  // Rates divide by the time that has actually elapsed: a window ending in the future has no traffic there yet.
  const elapsedMs = Math.max(0, Math.min(span.toTs, now) - span.fromTs);
  const windowEnd = Math.min(window.to, now);

  const segments = await listSegments(deps.pool);
  const segmentIds = segments.map((s) => s.id);
  const silenceFrom = windowEnd - HEALTH_RULES.silenceMs;
  const read = readSeries(deps.pool, resolution, SCOPE_FLEET, FLEET_SCOPE_ID, window.from, window.to);
  const [report, totals, counts, pending, fleetSeries, actionFlags, silent] = await Promise.all([
    assessQuality(
      { pool: deps.pool, thresholds: deps.thresholds, now: () => now, shared: deps.shared },
      { window, scopeMinutes: minuteBuckets(resolution, read) },
    ),
    readScopeTotals(deps.pool, SCOPE_SEGMENT, segmentIds, tiles),
    entityCountsBySegment(deps.pool),
    latestPendingMinuteBySegment(deps.pool, windowEnd - HEALTH_RULES.silenceMs - 60_000, windowEnd),
    read,
    actionAnnotations(deps.pool, { fleet: true }, window.from, window.to),
    silentEntityCounts(deps.pool, silenceFrom - (silenceFrom % 60_000), windowEnd),
  ]);
  const quality = toQuality(report);

  const health = segments
    .map((segment) => segmentHealth(segment, totals.get(segment.id), counts.get(segment.id), pending.get(segment.id), elapsedMs, windowEnd, silent.get(segment.id) ?? 0))
    .sort(compareSegmentHealth);

  const fleet = [...totals.values()].reduce((sum, total) => addTotal(sum, total), emptyTotal(0));
  const fleetRed = redFigures(fleet, elapsedMs);
  const statusCounts = { ok: 0, warning: 0, critical: 0, silent: 0 };
  for (const segment of health) statusCounts[segment.status] += 1;

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
        series: seriesPoints(fleetSeries, resolution, quality.watermark),
      },
      annotations: actionFlags,
    },
  };
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
): SegmentHealth {
  const red = redFigures(total, elapsedMs);
  const latency = latencySummary(total);
  const lastEventAt = total && total.events > 0 ? total.lastTs : null;
  // A pending minute proves events arrived in it; its end is the latest they can have been sent.
  const pendingSignal = latestPendingMinute === undefined ? null : Math.min(latestPendingMinute + 59_999, windowEnd);
  const lastSignalAt = lastEventAt === null ? pendingSignal : Math.max(lastEventAt, pendingSignal ?? lastEventAt);
  const verdict = assessHealth({
    requests: red.requests,
    errors: red.errors,
    p95Ms: latency.p95Ms,
    sloAvailability: segment.sloAvailability,
    sloLatencyP95Ms: segment.sloLatencyP95Ms,
    activeEntities: counts?.active ?? 0,
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
