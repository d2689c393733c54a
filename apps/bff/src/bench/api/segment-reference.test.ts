import { describe, expect, it } from 'vitest';
import type { SegmentDetail } from '@watchfloor/shared/drilldown';
import {
  assertSameAnswer,
  firstDifference,
  referenceOfProductAnswer,
} from './segment-reference.ts';

const point = (ts: number) => ({
  ts,
  partial: false,
  requests: 10,
  ratePerSecond: 0.167,
  errors: 1,
  errorRatio: 0.1,
  p50Ms: 12.5,
  p95Ms: 40.25,
  p99Ms: 80,
  gaugeAvg: null,
  gaugeMin: null,
  gaugeMax: null,
});
const entity = (id: string, contribution: number) => ({
  id,
  kind: 'service',
  state: 'active',
  requests: 100,
  errors: 2,
  errorRatio: 0.02,
  p95Ms: 33.3,
  previous: { requests: 90, errors: 1, p95Ms: 30 },
  errorsAdded: 1,
  latencyAddedMs: 12,
  contribution,
  silent: false,
  lastSeenAt: null,
  quality: { state: 'ok' },
  sparkline: [[0, 100, 2]],
});
const detail = {
  window: { from: 0, to: 86_400_000 },
  previousWindow: { from: -86_400_000, to: 0 },
  segment: { health: 'whatever the header says' },
  series: [point(0), point(60_000)],
  entities: [entity('b-svc', 0.7), entity('a-svc', 0.3)],
  sparklineBucketMs: 3_600_000,
  annotations: [{ kind: 'flag' }],
} as unknown as SegmentDetail;

describe('the fair reference answer', () => {
  it('takes the rollup part of the product answer: no partial, quality or header; entities by id', () => {
    const reference = JSON.parse(referenceOfProductAnswer(detail)) as {
      data: Record<string, unknown> & { series: object[]; entities: { id: string }[] };
    };
    expect(Object.keys(reference.data)).toEqual([
      'window',
      'previousWindow',
      'series',
      'entities',
      'sparklineBucketMs',
    ]);
    expect(reference.data.series[0]).not.toHaveProperty('partial');
    expect(reference.data.entities.map((e) => e.id)).toEqual(['a-svc', 'b-svc']);
    expect(reference.data.entities[0]).not.toHaveProperty('quality');
  });

  it('finds no difference between the same bytes', () => {
    const text = referenceOfProductAnswer(detail);
    expect(firstDifference(text, text)).toBeNull();
    expect(() => assertSameAnswer('same', text, text)).not.toThrow();
  });

  it('reports the first differing byte, with both sides around it', () => {
    const product = referenceOfProductAnswer(detail);
    const bare = product.replace('"p95Ms":40.25', '"p95Ms":40.26');
    const difference = firstDifference(product, bare)!;
    expect(difference.at).toBe(product.indexOf('40.25') + 4);
    expect(difference.product).toContain('40.25');
    expect(difference.bare).toContain('40.26');
    expect(() => assertSameAnswer('/api/v1/segments/x', product, bare)).toThrow(
      /differs from the product for \/api\/v1\/segments\/x at byte \d+[\s\S]*40\.25[\s\S]*40\.26/,
    );
  });

  it('reports a missing tail (one answer a prefix of the other) and a reordered key', () => {
    const product = referenceOfProductAnswer(detail);
    expect(firstDifference(product, product.slice(0, -10))).toMatchObject({
      at: product.length - 10,
      bareLength: product.length - 10,
    });
    const reordered = product.replace('"ts":0,"requests":10', '"requests":10,"ts":0');
    expect(firstDifference(product, reordered)).not.toBeNull();
  });
});
