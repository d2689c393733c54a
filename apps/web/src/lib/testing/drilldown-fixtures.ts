import type { EntityContribution, SegmentDetail } from '@watchfloor/shared/drilldown';
import type { SegmentHealth } from '@watchfloor/shared/overview';
import type { Quality } from '@watchfloor/shared/quality';

/** Test answers shaped exactly as the BFF sends them; each test overrides what it is about. */
const M = 60_000;
export const FIXTURE_WINDOW = {
  from: Date.UTC(2026, 11, 4, 11, 0),
  to: Date.UTC(2026, 11, 4, 12, 0),
};

export const OK_QUALITY: Quality = {
  state: 'ok',
  freshnessLagSeconds: 2,
  completeness: 1,
  watermark: FIXTURE_WINDOW.to - M,
  reasons: [],
};

export const UNSAFE_QUALITY: Quality = {
  state: 'unsafe',
  freshnessLagSeconds: 310,
  completeness: 0.62,
  watermark: FIXTURE_WINDOW.to - 20 * M,
  reasons: [
    {
      code: 'worker_stalled',
      severity: 'unsafe',
      message: 'The rollup worker has not finished a run for 5 minutes',
      from: FIXTURE_WINDOW.to - 20 * M,
      to: FIXTURE_WINDOW.to,
    },
  ],
};

export function segmentHealthFixture(over: Partial<SegmentHealth> = {}): SegmentHealth {
  return {
    slug: 'checkout-eu',
    name: 'Checkout EU',
    owner: 'payments',
    entities: 2,
    activeEntities: 2,
    silentEntities: 0,
    events: 1_200,
    requests: 1_200,
    ratePerSecond: 0.33,
    errors: 12,
    errorRatio: 0.01,
    latency: { p50Ms: 40, p95Ms: 180, p99Ms: 260 },
    availability: 0.99,
    slo: { availability: 0.999, latencyP95Ms: 500 },
    lastEventAt: FIXTURE_WINDOW.to - 5_000,
    status: 'critical',
    reason: 'Availability 99 % misses the 99.9 % SLO by more than 10× its error budget',
    now: {
      status: 'critical',
      reason: 'Error ratio 12 % is at or above the 5 % critical limit',
      errorRatio: 0.12,
      requests: 300,
    },
    quality: { state: 'ok', reason: 'Data complete and current' },
    ...over,
  };
}

export function entityFixture(
  id: string,
  over: Partial<EntityContribution> = {},
): EntityContribution {
  return {
    id,
    kind: 'service',
    state: 'active',
    requests: 600,
    errors: 6,
    errorRatio: 0.01,
    p95Ms: 170,
    previous: { requests: 600, errors: 1, p95Ms: 160 },
    errorsAdded: 5,
    latencyAddedMs: 0,
    contribution: 0.5,
    silent: false,
    lastSeenAt: FIXTURE_WINDOW.to - 5_000,
    quality: { state: 'ok', reason: 'Data complete and current' },
    sparkline: [
      [FIXTURE_WINDOW.from, 300, 2],
      [FIXTURE_WINDOW.from + 30 * M, 300, 4],
    ],
    ...over,
  };
}

export function segmentDetailFixture(over: Partial<SegmentDetail> = {}): SegmentDetail {
  return {
    window: FIXTURE_WINDOW,
    previousWindow: { from: FIXTURE_WINDOW.from - 60 * M, to: FIXTURE_WINDOW.from },
    segment: segmentHealthFixture(),
    series: [],
    entities: [entityFixture('checkout-eu-1'), entityFixture('checkout-eu-2')],
    sparklineBucketMs: 30 * M,
    annotations: [],
    ...over,
  };
}

/** A segment answer in the API envelope, as JSON would carry it. */
export function segmentResponseFixture(
  quality: Quality = OK_QUALITY,
  detail: SegmentDetail = segmentDetailFixture(),
) {
  return {
    data: detail,
    quality,
    meta: { resolution: '1m' as const, generatedAt: FIXTURE_WINDOW.to, requestId: 'req-fixture' },
  };
}
