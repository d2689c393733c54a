import { describe, expect, it } from 'vitest';
import type { SegmentHealth } from '@watchfloor/shared/overview';
import { toSegmentRows } from './segment-rows.ts';

function segment(slug: string, over: Partial<SegmentHealth>): SegmentHealth {
  return {
    slug,
    name: slug,
    owner: null,
    entities: 4,
    activeEntities: 4,
    silentEntities: 0,
    events: 100,
    requests: 100,
    ratePerSecond: 1.5,
    errors: 0,
    errorRatio: 0,
    latency: { p50Ms: 20, p95Ms: 80, p99Ms: 120 },
    availability: 1,
    slo: { availability: 0.999, latencyP95Ms: 100 },
    lastEventAt: 0,
    status: 'ok',
    reason: 'fine',
    now: null,
    quality: { state: 'ok', reason: 'Data complete and current' },
    ...over,
  };
}

describe('toSegmentRows', () => {
  it('without a "now" (a past window), orders critical, then silent, then warning, then ok; ties by error ratio, then slug', () => {
    const rows = toSegmentRows([
      segment('a-ok', {}),
      segment('b-warning', { status: 'warning' }),
      segment('c-critical-low', { status: 'critical', errorRatio: 0.06 }),
      segment('d-silent', { status: 'silent', requests: 0, errorRatio: null }),
      segment('e-critical-high', { status: 'critical', errorRatio: 0.4 }),
      segment('0-ok', {}),
    ]);
    expect(rows.map((r) => r.slug)).toEqual([
      'e-critical-high',
      'c-critical-low',
      'd-silent',
      'b-warning',
      '0-ok',
      'a-ok',
    ]);
  });

  it('marks breaches in words and shows no traffic as missing, not as zero', () => {
    const [row] = toSegmentRows([
      segment('slow', {
        status: 'warning',
        availability: 0.998,
        errorRatio: 0.002,
        latency: { p50Ms: 50, p95Ms: 250, p99Ms: 400 },
      }),
    ]);
    expect(row).toMatchObject({
      p95: '250 ms',
      p95Target: '100 ms',
      p95OverTarget: true,
      availability: '99.8 %',
      slo: '99.9 %',
      belowSlo: true,
      errorRatio: '0.2 %',
    });
    const [idle] = toSegmentRows([
      segment('idle', {
        requests: 0,
        errorRatio: null,
        availability: null,
        latency: { p50Ms: null, p95Ms: null, p99Ms: null },
      }),
    ]);
    expect(idle).toMatchObject({
      rate: '—',
      errorRatio: '—',
      p95: '—',
      availability: '—',
      belowSlo: false,
      p95OverTarget: false,
    });
  });

  it('carries the silent-entity count through', () => {
    expect(toSegmentRows([{ ...segment('a', {}), silentEntities: 2 }])[0]?.silentEntities).toBe(2);
  });

  it('puts a live incident first: worst "now" before a window that was worse earlier', () => {
    const now = (status: SegmentHealth['status'], errorRatio: number) => ({
      status,
      reason: `${status} now`,
      errorRatio,
      requests: 300,
    });
    const rows = toSegmentRows([
      segment('c-ok', { now: now('ok', 0) }),
      segment('b-earlier-incident', {
        status: 'critical',
        errorRatio: 0.08,
        now: now('ok', 0.001),
      }),
      segment('a-live-incident', {
        status: 'warning',
        errorRatio: 0.004,
        now: now('critical', 0.15),
      }),
    ]);
    expect(rows.map((r) => r.slug)).toEqual(['a-live-incident', 'b-earlier-incident', 'c-ok']);
    expect(rows[0]).toMatchObject({
      status: 'warning',
      now: { status: 'critical', reason: 'critical now' },
    });
  });

  it('carries the segment\'s own data quality and its reason, and no "now" for a past window', () => {
    const quality = {
      state: 'degraded' as const,
      reason: '1,200 events from 12:00–12:20 UTC are still being rolled up; figures are low',
    };
    expect(toSegmentRows([segment('late', { quality })])[0]).toMatchObject({ quality, now: null });
  });
});
