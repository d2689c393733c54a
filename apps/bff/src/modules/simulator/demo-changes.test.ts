import { ChangeEventSchema } from '@watchfloor/shared/telemetry/changes';
import { describe, expect, it } from 'vitest';
import { demoChanges, SPIKE_CONFIG, SPIKE_FLAG } from './demo-changes.ts';
import { ERROR_SPIKE, LATENCY_REGRESSION } from './demo-scenario.ts';

const DAY = 24 * 3_600_000;
const ANCHOR = Date.UTC(2025, 2, 12, 15, 0, 0);

describe('demo changes', () => {
  const changes = demoChanges(42, ANCHOR, ANCHOR - 14 * DAY, ANCHOR);

  it('report the regression deploy, routine deploys and the config and flag changes before the error spike', () => {
    const deploys = changes.filter((c) => c.type === 'deploy');
    expect(deploys.length).toBeGreaterThan(20);
    expect(deploys.filter((c) => c.title === LATENCY_REGRESSION.deployMessage)).toEqual([
      {
        id: `deploy-42-${LATENCY_REGRESSION.deployEntity}-${ANCHOR + LATENCY_REGRESSION.startOffsetMs}`,
        type: 'deploy',
        title: `deploy ${LATENCY_REGRESSION.version}`,
        url: `https://ci.demo.invalid/search-ap/search-ap-query/deployments/${LATENCY_REGRESSION.version}`,
        start: ANCHOR + LATENCY_REGRESSION.startOffsetMs,
        segment: LATENCY_REGRESSION.segment,
        entity: LATENCY_REGRESSION.deployEntity,
        attributes: { service: 'search-ap-query', version: LATENCY_REGRESSION.version },
      },
    ]);
    expect(deploys.every((c) => /^deploy v\d+\.\d+\.\d+$/.test(c.title))).toBe(true);

    const spikeStart = ANCHOR + ERROR_SPIKE.startOffsetMs;
    const beforeSpike = changes.filter(
      (c) => Number(c.start) < spikeStart && Number(c.start) >= spikeStart - 10 * 60_000,
    );
    expect(beforeSpike.map((c) => [c.type, c.segment, c.entity ?? null])).toEqual([
      ['flag', ERROR_SPIKE.segment, null],
      ...ERROR_SPIKE.culprits.map((entity) => ['config', ERROR_SPIKE.segment, entity]),
    ]);
    expect(beforeSpike[0]?.start).toBe(ANCHOR + SPIKE_FLAG.offsetMs);
    expect(beforeSpike[1]?.start).toBe(ANCHOR + SPIKE_CONFIG.offsetMs);
    expect(changes.some((c) => c.type === 'infra' && c.end !== undefined)).toBe(true);
  });

  it('are valid change events with unique ids, the same for the same seed however the window is cut', () => {
    expect(changes.filter((c) => !ChangeEventSchema.safeParse(c).success)).toEqual([]);
    expect(new Set(changes.map((c) => c.id)).size).toBe(changes.length);
    const cut = ANCHOR - 5 * DAY + 12_345;
    expect([
      ...demoChanges(42, ANCHOR, ANCHOR - 14 * DAY, cut),
      ...demoChanges(42, ANCHOR, cut, ANCHOR),
    ]).toEqual(changes);
    expect(demoChanges(7, ANCHOR, ANCHOR - 14 * DAY, ANCHOR)).not.toEqual(changes);
  });

  it('without a scenario anchor are the routine deploys only', () => {
    const routine = demoChanges(42, null, ANCHOR - 14 * DAY, ANCHOR);
    expect(routine.length).toBeGreaterThan(0);
    expect(routine.every((c) => c.type === 'deploy')).toBe(true);
    expect(routine.some((c) => c.title === LATENCY_REGRESSION.deployMessage)).toBe(false);
  });
});
