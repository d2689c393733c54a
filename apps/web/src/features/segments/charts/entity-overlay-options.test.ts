import { describe, expect, it } from 'vitest';
import type { SeriesLineOptions } from 'highcharts';
import type { EntityContribution } from '@watchfloor/shared/drilldown';
import { buildEntityOverlayOptions, entityPoints } from './entity-overlay-options.ts';

const M = 60_000;
const entity = (id: string, sparkline: [number, number, number][], silent = false): EntityContribution => ({
  id, kind: 'service', state: 'active', requests: 10, errors: 5, errorRatio: 0.5, p95Ms: 100, previous: { requests: 10, errors: 0, p95Ms: 90 },
  errorsAdded: 5, latencyAddedMs: 0, contribution: 1, silent, lastSeenAt: 0, sparkline,
});

describe('entity overlay options', () => {
  it('computes the chosen metric per bucket, unknown where there was no traffic', () => {
    const e = entity('a', [[0, 10, 5], [M, 0, 0]]);
    expect(entityPoints(e, '1m', 'errorRatio')).toEqual([[0, 50], [M, null]]);
    expect(entityPoints(e, '1m', 'errors')).toEqual([[0, 5], [M, 0]]);
  });

  it('breaks a line at a missing bucket', () => {
    expect(entityPoints(entity('a', [[0, 1, 1], [3 * M, 1, 1]]), '1m', 'requests')).toEqual([[0, 1], [M, null], [3 * M, 1]]);
  });

  it('draws only the top entities, in ranking order, marking silent ones in the legend and line style', () => {
    const options = buildEntityOverlayOptions({
      entities: [entity('a', []), entity('b', [], true), entity('c', [])], metric: 'errors', resolution: '1m', window: { from: 0, to: M }, top: 2, segmentId: 's',
    });
    const series = options.series as SeriesLineOptions[];
    expect(series.map((s) => s.name)).toEqual(['a', 'b (silent)']);
    expect(series[1]?.dashStyle).toBe('Dot');
    expect(options.navigator?.enabled).toBe(false);
  });
});
