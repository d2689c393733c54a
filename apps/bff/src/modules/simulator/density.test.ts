import { describe, expect, it } from 'vitest';
import { diurnalFactor, streamIntervals, trafficScaleFor } from './density.ts';
import { DEMO_FLEET } from './fleet.ts';

const HOUR = 3_600_000;
/** A Monday 00:00 UTC: the sweep below crosses every hour of a weekday and of a weekend day. */
const MONDAY = Date.UTC(2025, 0, 6);

/** Events per second the fleet's grids give at `ts`, on average, when traffic is scaled by `scale`. */
function modelRate(ts: number, scale: number): number {
  let rate = 0;
  for (const entity of DEMO_FLEET) {
    const intervals = streamIntervals(entity, 'dense', 1, scale);
    if (intervals.traffic !== null)
      rate += (1000 / intervals.traffic) * diurnalFactor(entity.segment.utcOffsetHours, ts);
    rate += 1000 / intervals.heartbeat;
    if (intervals.gauge !== null) rate += 1000 / intervals.gauge;
  }
  return rate;
}

describe('trafficScaleFor', () => {
  it('brings the whole fleet to the asked events per second at any time of day, to its two-digit rounding', () => {
    for (const ratePerSecond of [150, 200, 1_000])
      for (let ts = MONDAY - 2 * 24 * HOUR; ts < MONDAY + 24 * HOUR; ts += HOUR) {
        const scale = trafficScaleFor(DEMO_FLEET, ratePerSecond, ts);
        expect(Math.abs(modelRate(ts, scale) - ratePerSecond) / ratePerSecond).toBeLessThan(0.05);
      }
  });
});
