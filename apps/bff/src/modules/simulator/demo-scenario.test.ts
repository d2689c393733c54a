import { describe, expect, it } from 'vitest';
import { SlugSchema } from '@watchfloor/shared/ingest';
import {
  DEMO_SEGMENTS,
  ERROR_SPIKE,
  LATENCY_REGRESSION,
  SATURATING_PIPELINE,
  SILENT_ENTITY,
} from './demo-scenario.ts';
import { DEMO_FLEET } from './fleet.ts';
import { ongoingScenarioFaults } from './scenario-faults.ts';

const HOUR = 3_600_000;
const segmentOf = (slug: string) => DEMO_FLEET.find((entity) => entity.slug === slug)?.segment.slug;
const kindOf = (slug: string) => DEMO_FLEET.find((entity) => entity.slug === slug)?.kind;

describe('demo fleet', () => {
  it('has at least 8 segments and 200 entities of every kind', () => {
    expect(DEMO_SEGMENTS.length).toBeGreaterThanOrEqual(8);
    expect(DEMO_FLEET.length).toBeGreaterThanOrEqual(200);
    const kinds = new Set(DEMO_FLEET.map((entity) => entity.kind));
    expect([...kinds].sort()).toEqual(['host', 'pipeline', 'service', 'worker']);
    expect(DEMO_FLEET.filter((entity) => entity.kind === 'pipeline').length).toBeGreaterThanOrEqual(
      10,
    );
  });

  it('uses globally unique lowercase slugs short enough for deterministic event ids', () => {
    const slugs = [
      ...DEMO_SEGMENTS.map((segment) => segment.slug),
      ...DEMO_FLEET.map((entity) => entity.slug),
    ];
    expect(new Set(DEMO_FLEET.map((entity) => entity.slug)).size).toBe(DEMO_FLEET.length);
    for (const slug of slugs) {
      expect(SlugSchema.safeParse(slug).success, slug).toBe(true);
      expect(slug.length).toBeLessThanOrEqual(30);
    }
  });

  it('gives every segment a name, an owner and SLO targets', () => {
    for (const segment of DEMO_SEGMENTS) {
      expect(segment.name.length).toBeGreaterThan(2);
      expect(segment.owner).toMatch(/^team-/);
      expect(segment.sloAvailability).toBeGreaterThanOrEqual(0.99);
      expect(segment.sloAvailability).toBeLessThan(1);
      expect(segment.sloLatencyP95Ms).toBeGreaterThan(0);
    }
  });
});

describe('scripted incidents', () => {
  it('name real entities of the segments they claim, in four different segments', () => {
    expect(ERROR_SPIKE.culprits).toHaveLength(2);
    for (const culprit of ERROR_SPIKE.culprits)
      expect(segmentOf(culprit)).toBe(ERROR_SPIKE.segment);
    for (const entity of LATENCY_REGRESSION.entities)
      expect(segmentOf(entity)).toBe(LATENCY_REGRESSION.segment);
    expect(LATENCY_REGRESSION.entities).toContain(LATENCY_REGRESSION.deployEntity);
    expect(segmentOf(SILENT_ENTITY.entity)).toBe(SILENT_ENTITY.segment);
    expect(segmentOf(SATURATING_PIPELINE.entity)).toBe(SATURATING_PIPELINE.segment);
    expect(kindOf(SATURATING_PIPELINE.entity)).toBe('pipeline');
    expect(
      new Set([
        ERROR_SPIKE.segment,
        LATENCY_REGRESSION.segment,
        SILENT_ENTITY.segment,
        SATURATING_PIPELINE.segment,
      ]).size,
    ).toBe(4);
  });

  it('all start inside the last 24 hours and are still ongoing at the anchor', () => {
    const anchor = Date.UTC(2025, 2, 12, 15);
    const faults = ongoingScenarioFaults(anchor);
    expect(faults.map((fault) => fault.fault).sort()).toEqual(
      ['errors', 'errors', ...Array(8).fill('latency'), 'saturation', 'silent'].sort(),
    );
    for (const fault of faults) {
      expect(fault.startedAt).toBeGreaterThan(anchor - 24 * HOUR);
      expect(fault.startedAt).toBeLessThan(anchor);
      expect(fault.clearedAt).toBeNull();
    }
    expect(new Set(faults.map((fault) => fault.key)).size).toBe(faults.length);
    expect(ERROR_SPIKE.startOffsetMs).toBe(-1.5 * HOUR);
    expect(LATENCY_REGRESSION.startOffsetMs).toBe(-5 * HOUR);
    expect(SILENT_ENTITY.silentSinceOffsetMs).toBe(-3 * HOUR);
    expect(SATURATING_PIPELINE.climbStartOffsetMs).toBe(-2 * HOUR);
  });
});
