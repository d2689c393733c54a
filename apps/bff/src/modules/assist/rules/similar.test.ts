import { ASSIST_RULES } from '@watchfloor/shared/assist';
import { describe, expect, it } from 'vitest';
import { explain } from './explain.ts';
import { jaccard, overlap, similarIncidents, type Signature } from './similar.ts';
import { entities, inputsFor, links, pastIncident, SEGMENT, T0 } from './testing/build-inputs.ts';
import { SHAPE_INPUTS } from './testing/shape-inputs.ts';

const DAY = 86_400_000;
const current: Signature = {
  segments: [SEGMENT],
  entities: ['e3'],
  errorClasses: ['Reset'],
  shape: 'errors',
};
const same = (start: number) => pastIncident({ start, entities: ['e3'], errorClasses: ['Reset'] });
const other = (start: number) =>
  pastIncident({ start, entities: ['e9'], errorClasses: ['Slow'], shape: 'latency' });
const verdict = (past: ReturnType<typeof same>[], incidents: number) =>
  similarIncidents(
    {
      inputs: inputsFor({
        members: entities(2),
        pastIncidents: past,
        incidentsLast30Days: incidents,
      }),
      links,
    },
    current,
  );

describe('similar incidents and novelty', () => {
  it('weighs segment, entities, error classes and shape', () => {
    expect(jaccard([], [])).toBe(1);
    expect(jaccard(['a', 'b'], ['b', 'c'])).toBeCloseTo(1 / 3);
    expect(overlap(current, same(T0 - DAY))).toBe(1);
    expect(overlap(current, other(T0 - DAY))).toBeCloseTo(0.15);
    expect(
      overlap(current, pastIncident({ start: 0, entities: ['e3'], errorClasses: [] })),
    ).toBeCloseTo(0.65);
  });

  it('lists similar incidents newest first, at most similarMax, with their actions and duration', () => {
    const past = Array.from({ length: 7 }, (_, i) => same(T0 - (i + 1) * DAY));
    const { similar } = verdict([...past].reverse(), 7);
    expect(similar).toHaveLength(ASSIST_RULES.similarMax);
    expect(similar.map((s) => s.start)).toEqual(
      past.slice(0, ASSIST_RULES.similarMax).map((p) => p.start),
    );
    expect(similar[0]?.durationMinutes).toBe(40);
  });

  it('labels novelty new, rare or frequent by the share of similar incidents in 30 days', () => {
    expect(verdict([other(T0 - DAY)], 1).novelty).toMatchObject({ label: 'new', share: 0 });
    expect(
      verdict([same(T0 - DAY), ...[2, 3, 4, 5].map((d) => other(T0 - d * DAY))], 5).novelty,
    ).toMatchObject({ label: 'rare', share: 0.2 });
    expect(
      verdict([same(T0 - DAY), same(T0 - 2 * DAY), other(T0 - 3 * DAY)], 3).novelty?.label,
    ).toBe('frequent');
    expect(verdict([same(T0 - 40 * DAY)], 0).novelty).toMatchObject({ label: 'new', incidents: 0 });
  });

  it('finds the recurrence of a recovered incident with what was done about it', () => {
    const answer = explain(SHAPE_INPUTS.recovered_incident_recurs(), links);
    expect(answer.similar[0]?.actions[0]).toMatchObject({
      type: 'restart_entity',
      state: 'executed',
    });
    expect(answer.novelty?.label).toBe('frequent');
  });

  it('gives no novelty and no similar incidents when there is no excess', () => {
    const answer = explain(
      {
        ...SHAPE_INPUTS.traffic_surge_without_errors(),
        pastIncidents: [same(T0 - DAY)],
        incidentsLast30Days: 1,
      },
      links,
    );
    expect(answer.novelty).toBeUndefined();
    expect(answer.similar).toEqual([]);
  });
});
