import type { Series, SeriesMetric, SeriesPoint } from '@watchfloor/shared/drilldown';
import { pickResolution, type Resolution } from '@watchfloor/shared/metrics/resolution';
import type { Quality } from '@watchfloor/shared/quality';
import type { TimeWindow } from '@watchfloor/shared/time-window';
import { notFound } from '../../http/app-error.ts';
import { findEntity, findSegmentWithEntities } from '../fleet/fleet.repository.ts';
import { assessQuality, toQuality, type QualityScope } from '../quality/quality.service.ts';
import {
  FLEET_SCOPE_ID,
  SCOPE_ENTITY,
  SCOPE_FLEET,
  SCOPE_SEGMENT,
  type ScopeKind,
} from '../rollups/rollup-aggregate.ts';
import { readSeries } from '../rollups/series.repository.ts';
import { minuteBuckets } from './scope-minutes.ts';
import type { DrilldownDeps } from './overview.service.ts';
import { fullSeriesPoints } from './scope-figures.ts';

const METRIC_FIELDS: Record<SeriesMetric, (keyof SeriesPoint)[]> = {
  rate: ['requests', 'ratePerSecond'],
  errors: ['errors'],
  errorRatio: ['errorRatio'],
  p50: ['p50Ms'],
  p95: ['p95Ms'],
  p99: ['p99Ms'],
  gauge: ['gaugeAvg', 'gaugeMin', 'gaugeMax'],
};

/** One scope's series at the finest resolution whose point count fits the window (zoom refetch). */
export async function getSeries(
  deps: DrilldownDeps,
  query: { scope: 'fleet' | 'segment' | 'entity'; id?: string; metrics: SeriesMetric[] },
  window: TimeWindow,
): Promise<{ series: Series; quality: Quality; resolution: Resolution }> {
  let scopeKind: ScopeKind = SCOPE_SEGMENT;
  let scopeId: number;
  let scope: QualityScope = { kind: 'fleet' };
  if (query.scope === 'entity') {
    const entity = await findEntity(deps.pool, query.id!);
    if (!entity) throw notFound(`Entity "${query.id}" does not exist`);
    scopeKind = SCOPE_ENTITY;
    scopeId = entity.id;
    scope = { kind: 'entity', id: entity.id, slug: entity.slug, state: entity.state };
  } else if (query.scope === 'segment') {
    const found = await findSegmentWithEntities(deps.pool, query.id!);
    if (!found) throw notFound(`Segment "${query.id}" does not exist`);
    scopeId = found.segment.id;
    scope = {
      kind: 'segment',
      id: found.segment.id,
      slug: found.segment.slug,
      entities: found.entities,
    };
  } else {
    scopeKind = SCOPE_FLEET;
    scopeId = FLEET_SCOPE_ID;
  }
  const resolution = pickResolution(window.from, window.to);
  const read = readSeries(deps.pool, resolution, scopeKind, scopeId, window.from, window.to);
  const [report, buckets] = await Promise.all([
    assessQuality(deps, { window, scope, scopeMinutes: minuteBuckets(resolution, read) }),
    read,
  ]);
  const quality = toQuality(report);
  const keep = new Set<keyof SeriesPoint>([
    'ts',
    'partial',
    ...query.metrics.flatMap((m) => METRIC_FIELDS[m]),
  ]);
  const points = fullSeriesPoints(buckets, resolution, quality.watermark).map((point) => {
    const out = { ...point };
    for (const key of Object.keys(out) as (keyof SeriesPoint)[]) {
      if (!keep.has(key))
        (out as Record<string, unknown>)[key] =
          key === 'requests' || key === 'ratePerSecond' || key === 'errors' ? 0 : null;
    }
    return out;
  });
  return {
    resolution,
    quality,
    series: { scope: query.scope, id: query.id ?? null, metrics: query.metrics, points },
  };
}
