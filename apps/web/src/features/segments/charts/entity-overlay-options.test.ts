import { describe, expect, it } from 'vitest';
import type { SeriesLineOptions } from 'highcharts';
import type { EntityContribution } from '@watchfloor/shared/drilldown';
import { buildEntityOverlayOptions, entityPoints } from './entity-overlay-options.ts';

const M = 60_000;
const entity = (
  id: string,
  sparkline: [number, number, number][],
  silent = false,
): EntityContribution => ({
  id,
  kind: 'service',
  state: 'active',
  requests: 10,
  errors: 5,
  errorRatio: 0.5,
  p95Ms: 100,
  previous: { requests: 10, errors: 0, p95Ms: 90 },
  errorsAdded: 5,
  latencyAddedMs: 0,
  contribution: 1,
  silent,
  lastSeenAt: 0,
  sparkline,
  quality: { state: 'ok', reason: 'Data complete and current' },
});

describe('entity overlay options', () => {
  it('computes the chosen metric per bucket, unknown where there was no traffic', () => {
    const e = entity('a', [
      [0, 10, 5],
      [M, 0, 0],
    ]);
    expect(entityPoints(e, M, 'errorRatio')).toEqual([
      [0, 50],
      [M, null],
    ]);
    expect(entityPoints(e, M, 'errors')).toEqual([
      [0, 5],
      [M, 0],
    ]);
  });

  it('breaks a line at a missing bucket of the sparkline step, not of the chart resolution', () => {
    expect(
      entityPoints(
        entity('a', [
          [0, 1, 1],
          [3 * M, 1, 1],
        ]),
        M,
        'requests',
      ),
    ).toEqual([
      [0, 1],
      [M, null],
      [3 * M, 1],
    ]);
    expect(
      entityPoints(
        entity('a', [
          [0, 1, 1],
          [15 * M, 1, 1],
          [30 * M, 2, 0],
        ]),
        15 * M,
        'requests',
      ),
    ).toEqual([
      [0, 1],
      [15 * M, 1],
      [30 * M, 2],
    ]);
  });

  it('draws only the top entities, in ranking order, marking silent ones in the legend and line style', () => {
    const options = buildEntityOverlayOptions({
      entities: [entity('a', []), entity('b', [], true), entity('c', [])],
      metric: 'errors',
      resolution: '1m',
      bucketMs: M,
      window: { from: 0, to: M },
      top: 2,
      segmentId: 's',
    });
    const series = options.series as SeriesLineOptions[];
    expect(series.map((s) => s.name)).toEqual(['a', 'b (silent)']);
    expect(series[1]?.dashStyle).toBe('Dot');
    expect(options.navigator?.enabled).toBe(false);
  });

  it("dots each line into its still-open bucket, judged by the answer's window end", () => {
    const options = buildEntityOverlayOptions({
      entities: [
        entity('a', [
          [0, 60, 1],
          [M, 60, 1],
          [2 * M, 9, 0],
        ]),
      ],
      metric: 'requests',
      resolution: '1m',
      bucketMs: M,
      window: { from: 0, to: 2 * M + 9_000 },
      top: 5,
      segmentId: 's',
    });
    const [line] = options.series as SeriesLineOptions[];
    expect(line?.zones).toEqual([{ value: M }, { dashStyle: 'ShortDot' }]);
    const closed = buildEntityOverlayOptions({
      entities: [entity('a', [[0, 60, 1]])],
      metric: 'requests',
      resolution: '1m',
      bucketMs: M,
      window: { from: 0, to: M },
      top: 5,
      segmentId: 's',
    });
    expect((closed.series as SeriesLineOptions[])[0]?.zones).toBeUndefined();
  });
});
