import { describe, expect, it } from 'vitest';
import type { Minute } from './inputs.ts';
import { onset } from './onset.ts';
import { entities, fig, inputsFor, links, minutes, MINUTE, T0 } from './testing/build-inputs.ts';

/** Baseline: 0.5 % errors at 100 ms. */
const judge = (mins: Minute[]) =>
  onset({ inputs: inputsFor({ members: entities(8), minutes: mins }), links });
const withErrors = (mins: Minute[], at: number[], errors: number) =>
  mins.map((m, i) => (at.includes(i) ? { ...m, errors } : m));

describe('onset', () => {
  it('finds the first minute of the first run of three above the band', () => {
    const verdict = judge(minutes({ requests: 80, errors: 0, badErrors: 8, onsetMinute: 25 }));
    expect(verdict.onsetTs).toBe(T0 + 25 * MINUTE);
    expect(verdict.findings[0]).toMatchObject({
      interesting: true,
      title: 'It began at 12:25 UTC (errors)',
    });
    expect(verdict.findings[0]?.evidence[0]?.window).toEqual({
      from: T0 + 25 * MINUTE,
      to: T0 + 26 * MINUTE,
    });
  });

  it('ignores a two-minute blip before the run', () => {
    const mins = withErrors(
      minutes({ requests: 80, errors: 0, badErrors: 8, onsetMinute: 40 }),
      [10, 11],
      8,
    );
    expect(judge(mins).onsetTs).toBe(T0 + 40 * MINUTE);
  });

  it('breaks a run at a missing minute', () => {
    const mins = withErrors(
      minutes({ requests: 80, errors: 0 }),
      [10, 11, 13, 30, 31, 32],
      8,
    ).filter((_, i) => i !== 12);
    expect(judge(mins).onsetTs).toBe(T0 + 30 * MINUTE);
  });

  it('keeps a floor above a baseline of no errors: one error a minute is not an onset', () => {
    const inputs = inputsFor({
      members: entities(2, {
        1: { now: fig(600, 60), before: fig(600, 0) },
        2: { now: fig(600, 0), before: fig(600, 0) },
      }),
      minutes: minutes({ requests: 20, errors: 1 }),
    });
    expect(onset({ inputs, links }).onsetTs).toBeUndefined();
  });

  it('finds a latency onset', () => {
    const verdict = judge(minutes({ requests: 80, errors: 0, badMeanMs: 400, onsetMinute: 5 }));
    expect(verdict.onsetTs).toBe(T0 + 5 * MINUTE);
    expect(verdict.findings[0]?.title).toContain('(latency)');
  });

  it('finds nothing in a quiet window', () => {
    const verdict = judge(minutes({ requests: 80, errors: 0 }));
    expect(verdict.onsetTs).toBeUndefined();
    expect(verdict.findings[0]?.interesting).toBe(false);
  });
});
