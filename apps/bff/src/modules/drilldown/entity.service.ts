import type { EntityDetail } from '@watchfloor/shared/drilldown';
import type { Resolution } from '@watchfloor/shared/metrics/resolution';
import type { Quality } from '@watchfloor/shared/quality';
import type { TimeWindow } from '@watchfloor/shared/time-window';
import { notFound } from '../../http/app-error.ts';
import { findEntity, listSegments } from '../fleet/fleet.repository.ts';
import { assessQuality, toQuality } from '../quality/quality.service.ts';
import { SCOPE_ENTITY } from '../rollups/rollup-aggregate.ts';
import { lastSeenAt } from './detail.repository.ts';
import { readAnnotations } from '../annotations/annotations.service.ts';
import { readTotalAndSeries } from '../rollups/total-and-series.repository.ts';
import { minuteBuckets } from './scope-minutes.ts';
import type { DrilldownDeps } from './overview.service.ts';
import { fullSeriesPoints, latencySummary, redFigures } from './scope-figures.ts';
import { findSilentEntities } from '../quality/silence.ts';
import { planWindow } from './window-plan.ts';

/** One entity for a window: RED and gauge series, figures, state, last-seen and annotations. */
export async function getEntityDetail(
  deps: DrilldownDeps,
  slug: string,
  window: TimeWindow,
): Promise<{ detail: EntityDetail; quality: Quality; resolution: Resolution }> {
  const now = deps.now?.() ?? Date.now();
  const entity = await findEntity(deps.pool, slug);
  if (!entity) throw notFound(`Entity "${slug}" does not exist`);
  const { resolution, tiles, elapsedMs, windowEnd } = planWindow(window, now);
  const read = readTotalAndSeries(deps.pool, resolution, SCOPE_ENTITY, entity.id, window, tiles);
  const silence = findSilentEntities(deps.pool, [entity], windowEnd);
  const segmentsRead = listSegments(deps.pool);
  const [report, { total, series: buckets }, annotations, segments, silent] = await Promise.all([
    assessQuality(
      { pool: deps.pool, thresholds: deps.thresholds, now: () => now, shared: deps.shared },
      {
        window,
        scope: { kind: 'entity', id: entity.id, slug: entity.slug, state: entity.state },
        scopeMinutes: minuteBuckets(
          resolution,
          read.then((r) => r.series),
        ),
        silence,
      },
    ),
    read,
    segmentsRead.then((segments) =>
      readAnnotations(
        deps.pool,
        {
          kind: 'entity',
          id: entity.id,
          slug: entity.slug,
          segmentSlug: segments.find((s) => s.id === entity.segmentId)?.slug ?? '',
        },
        window,
      ),
    ),
    segmentsRead,
    silence,
  ]);
  const quality = toQuality(report);
  const red = redFigures(total, elapsedMs);
  const segment = segments.find((s) => s.id === entity.segmentId);
  const seen =
    (
      await lastSeenAt(
        deps.pool,
        [entity.id],
        new Map(total ? [[entity.id, total]] : []),
        windowEnd,
      )
    ).get(entity.id) ?? null;
  return {
    resolution,
    quality,
    detail: {
      window,
      entity: {
        id: entity.slug,
        segment: segment?.slug ?? '',
        segmentName: segment?.name ?? '',
        kind: entity.kind,
        state: entity.state,
        lastSeenAt: seen,
        silent: silent.has(entity.id),
        requests: red.requests,
        ratePerSecond: red.ratePerSecond,
        errors: red.errors,
        errorRatio: red.errorRatio,
        latency: latencySummary(total),
        hasGauge: buckets.some((b) => b.gaugeAvg !== null),
      },
      series: fullSeriesPoints(buckets, resolution, quality.watermark),
      annotations,
    },
  };
}
