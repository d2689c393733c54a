import { describe, expect, it } from 'vitest';
import {
  findIncidents,
  INCIDENT_RULES,
  isBreachMinute,
  isBurningHour,
  meanTimeToRecover,
  type MinuteCounts,
} from './incidents.ts';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const SLO = 0.995;
const T0 = Date.UTC(2025, 0, 10, 8);

function quietMinutes(fromTs: number, toTs: number): MinuteCounts[] {
  const out: MinuteCounts[] = [];
  for (let ts = fromTs; ts < toTs; ts += MINUTE) out.push({ ts, requests: 200, errors: 0 });
  return out;
}

function withBreaches(
  series: MinuteCounts[],
  breachMinutes: number[],
  errors = 40,
): MinuteCounts[] {
  const set = new Set(breachMinutes);
  return series.map((m) => (set.has(m.ts) ? { ...m, errors } : m));
}

const range = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => from + i * MINUTE);
const hoursOf = (series: MinuteCounts[]) => {
  const hours = new Map<number, { requests: number; errors: number }>();
  for (const m of series) {
    const h = Math.floor(m.ts / HOUR) * HOUR;
    const agg = hours.get(h) ?? { requests: 0, errors: 0 };
    agg.requests += m.requests;
    agg.errors += m.errors;
    hours.set(h, agg);
  }
  return new Set([...hours].filter(([, c]) => isBurningHour(c, SLO)).map(([h]) => h));
};

describe('incidents', () => {
  it('classifies a minute by burn rate and a floor of failures', () => {
    expect(isBreachMinute({ requests: 200, errors: 6 }, SLO)).toBe(true); // 3 % = 6× the 0.5 % budget
    expect(isBreachMinute({ requests: 200, errors: 5 }, SLO)).toBe(false);
    expect(isBreachMinute({ requests: 3, errors: 1 }, SLO)).toBe(false);
  });

  it('merges breach minutes across gaps up to the merge gap into one incident', () => {
    const first = range(T0 + 10 * MINUTE, 10);
    const second = range(T0 + 19 * MINUTE + INCIDENT_RULES.mergeGapMs, 10);
    const series = withBreaches(quietMinutes(T0, T0 + 2 * HOUR), [...first, ...second]);
    const incidents = findIncidents(series, hoursOf(series), SLO, T0 + 2 * HOUR);
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({
      start: first[0],
      end: second[9]! + MINUTE,
      breachMinutes: 20,
      ongoing: false,
      errors: 800,
    });
  });

  it('splits breach minutes further apart than the merge gap into two incidents', () => {
    const first = range(T0 + 5 * MINUTE, 10);
    const second = range(T0 + 15 * MINUTE + INCIDENT_RULES.mergeGapMs + MINUTE, 10);
    const series = withBreaches(quietMinutes(T0, T0 + 2 * HOUR), [...first, ...second]);
    expect(findIncidents(series, hoursOf(series), SLO, T0 + 2 * HOUR).map((i) => i.start)).toEqual([
      first[0],
      second[0],
    ]);
  });

  it('ignores a blip of fewer breach minutes than the minimum', () => {
    const series = withBreaches(
      quietMinutes(T0, T0 + HOUR),
      range(T0 + 30 * MINUTE, INCIDENT_RULES.minBreachMinutes - 1),
      200,
    );
    expect(findIncidents(series, new Set([T0]), SLO, T0 + HOUR)).toEqual([]);
  });

  it('needs a burning hour: scattered breach minutes in a busy hour are not an incident', () => {
    const series = withBreaches(quietMinutes(T0, T0 + HOUR), range(T0, 4), 7);
    expect(hoursOf(series).size).toBe(0);
    expect(findIncidents(series, hoursOf(series), SLO, T0 + HOUR)).toEqual([]);
  });

  it('marks an incident ongoing while the latest data is within the merge gap, and leaves it out of MTTR', () => {
    const series = withBreaches(quietMinutes(T0, T0 + HOUR), range(T0 + 50 * MINUTE, 10));
    const [incident] = findIncidents(series, hoursOf(series), SLO, T0 + HOUR);
    expect(incident).toMatchObject({ ongoing: true });
    expect(meanTimeToRecover([incident!])).toBeNull();
    expect(
      meanTimeToRecover([
        { start: 0, end: 10 * MINUTE, ongoing: false },
        { start: 0, end: 30 * MINUTE, ongoing: false },
        incident!,
      ]),
    ).toBe(20 * MINUTE);
  });
});
