import type { EntityContribution, SegmentDetail } from '@watchfloor/shared/drilldown';
import type { Resolution } from '@watchfloor/shared/metrics/resolution';
import { errorRatio } from '@watchfloor/shared/metrics/ratios';
import { sparklinePlan } from '@watchfloor/shared/metrics/sparkline-step';
import { summariseQuality, type Quality } from '@watchfloor/shared/quality';
import type { TimeWindow } from '@watchfloor/shared/time-window';
import { notFound } from '../../http/app-error.ts';
import { findSegmentWithEntities } from '../fleet/fleet.repository.ts';
import { assessQuality, readPipeline, toQuality } from '../quality/quality.service.ts';
import { SCOPE_ENTITY, SCOPE_SEGMENT } from '../rollups/rollup-aggregate.ts';
import { contributionOf, contributionScore } from './contribution.ts';
import { lastSeenAt } from './detail.repository.ts';
import { readSparklines } from '../rollups/sparklines.repository.ts';
import { readAnnotations } from '../annotations/annotations.service.ts';
import { countEntities, silentCount, withNowAndQuality } from './overview.service.ts';
import { entityQualitySummaries, judgeWindowAndNow, readNowTotals } from './segment-judgement.ts';
import { readTotalAndSeries } from '../rollups/total-and-series.repository.ts';
import { readWindowTotals } from '../rollups/window-totals.repository.ts';
import { minuteBuckets } from './scope-minutes.ts';
import type { DrilldownDeps } from './overview.service.ts';
import { segmentHealth } from './overview.service.ts';
import { fullSeriesPoints, latencySummary } from './scope-figures.ts';
import { tileWindow } from '../rollups/window-tiles.ts';
import { planWindow } from './window-plan.ts';

/**
 * One segment for a window: its health and series, and its entities ranked by what they added to
 * the segment's problem compared with the preceding window of equal length.
 */
export async function getSegmentDetail(
  deps: DrilldownDeps,
  slug: string,
  window: TimeWindow,
): Promise<{ detail: SegmentDetail; quality: Quality; resolution: Resolution }> {
  const now = deps.now?.() ?? Date.now();
  const found = await findSegmentWithEntities(deps.pool, slug);
  if (!found) throw notFound(`Segment "${slug}" does not exist`);
  const { segment, entities } = found;
  const entityIds = entities.map((e) => e.id);
  const length = window.to - window.from;
  const previousWindow = { from: window.from - length, to: window.from };
  const { resolution, tiles, elapsedMs, windowEnd } = planWindow(window, now);
  const sparklines = sparklinePlan(window.from, window.to);

  const read = readTotalAndSeries(deps.pool, resolution, SCOPE_SEGMENT, segment.id, window, tiles);
  const judged = judgeWindowAndNow(deps.pool, entities, windowEnd, now);
  const pipeline = readPipeline(deps, now);
  const [
    report,
    { total: segmentTotal, series },
    [entityTotals, previousTotals],
    sparkRows,
    { atEnd, atNow },
    nowTotals,
    rowQuality,
    annotations,
  ] = await Promise.all([
    assessQuality(
      { pool: deps.pool, thresholds: deps.thresholds, now: () => now, shared: deps.shared },
      {
        window,
        scope: { kind: 'segment', id: segment.id, slug: segment.slug, entities },
        scopeMinutes: minuteBuckets(
          resolution,
          read.then((r) => r.series),
        ),
        silence: judged.then((j) => j.atEnd.silence),
        pipeline,
      },
    ),
    read,
    readWindowTotals(deps.pool, SCOPE_ENTITY, entityIds, [
      tiles,
      tileWindow(previousWindow.from, previousWindow.to),
    ]),
    readSparklines(deps.pool, entityIds, sparklines, window.from, window.to),
    judged,
    readNowTotals(deps.pool, [segment.id], now),
    Promise.all([judged, pipeline]).then(([j, p]) =>
      entityQualitySummaries(deps.pool, entities, j.atEnd.silence, p, {
        window,
        now,
        thresholds: deps.thresholds,
      }),
    ),
    readAnnotations(
      deps.pool,
      {
        kind: 'segment',
        id: segment.id,
        slug: segment.slug,
        entitySlugs: entities.map((e) => e.slug),
      },
      window,
    ),
  ]);
  const quality = toQuality(report);

  const lastSeen = await lastSeenAt(deps.pool, entityIds, entityTotals, windowEnd);
  const contributions = entities.map((entity) => ({
    entity,
    ...contributionOf({
      now: entityTotals.get(entity.id),
      previous: previousTotals.get(entity.id),
    }),
  }));
  const segmentAdded = contributions.reduce(
    (sum, c) => ({
      errorsAdded: sum.errorsAdded + c.errorsAdded,
      latencyAddedMs: sum.latencyAddedMs + c.latencyAddedMs,
    }),
    { errorsAdded: 0, latencyAddedMs: 0 },
  );

  const ranked: EntityContribution[] = contributions.map(
    ({ entity, errorsAdded, latencyAddedMs }) => {
      const current = entityTotals.get(entity.id);
      const before = previousTotals.get(entity.id);
      const seen = lastSeen.get(entity.id) ?? null;
      return {
        id: entity.slug,
        kind: entity.kind,
        state: entity.state,
        requests: current?.requests ?? 0,
        errors: current?.errors ?? 0,
        errorRatio: errorRatio(current?.errors ?? 0, current?.requests ?? 0),
        p95Ms: latencySummary(current).p95Ms,
        previous: {
          requests: before?.requests ?? 0,
          errors: before?.errors ?? 0,
          p95Ms: latencySummary(before).p95Ms,
        },
        errorsAdded,
        latencyAddedMs,
        contribution: contributionScore({ errorsAdded, latencyAddedMs }, segmentAdded),
        silent: atEnd.silence.has(entity.id),
        lastSeenAt: seen,
        quality: rowQuality.get(entity.id)!,
        sparkline: sparkRows.get(entity.id) ?? [],
      };
    },
  );
  const counts = countEntities(entities);
  const header = withNowAndQuality(
    segmentHealth(
      segment,
      segmentTotal,
      counts,
      atEnd.latestPending.get(segment.id),
      elapsedMs,
      windowEnd,
      silentCount(entities, atEnd),
    ),
    segmentHealth(
      segment,
      nowTotals.totals.get(segment.id),
      counts,
      atNow.latestPending.get(segment.id),
      nowTotals.elapsedMs,
      now,
      silentCount(entities, atNow),
    ),
    summariseQuality(quality),
  );
  ranked.sort(
    (a, b) =>
      b.contribution - a.contribution ||
      b.errors - a.errors ||
      Number(b.silent) - Number(a.silent) ||
      a.id.localeCompare(b.id),
  );

  return {
    resolution,
    quality,
    detail: {
      window,
      previousWindow,
      segment: header,
      series: fullSeriesPoints(series, resolution, quality.watermark),
      entities: ranked,
      sparklineBucketMs: sparklines.stepMs,
      annotations,
    },
  };
}
