import { describe, expect, it } from 'vitest';
import type { Compared } from './inputs.ts';
import { peerOutliers } from './peer-outliers.ts';
import type { SystemicVerdict } from './systemic.ts';
import { entities, fig, inputsFor, links, SEGMENT } from './testing/build-inputs.ts';

const notSystemic: SystemicVerdict = { systemic: false, active: [], affected: [], findings: [] };
const steady = (errors: number, meanMs = 100): Compared => ({
  now: fig(600, errors, meanMs),
  before: fig(600, errors, meanMs),
});
const run = (members: ReturnType<typeof entities>, verdict = notSystemic) =>
  peerOutliers({ inputs: inputsFor({ members }), links }, verdict);

describe('peer outliers', () => {
  it('catches an entity whose error ratio is far above its varied peers', () => {
    const members = entities(8, {
      1: steady(2),
      2: steady(4),
      3: steady(90),
      4: steady(3),
      5: steady(5),
      6: steady(3),
      7: steady(4),
      8: steady(2),
    });
    const outlier = run(members).find((f) => f.interesting);
    expect(outlier?.subject).toEqual({ kind: 'entity', id: `${SEGMENT}-3` });
    expect(outlier?.evidence.find((e) => e.figure === 'robust score')?.value).toBeGreaterThan(3.5);
    expect(outlier?.propose?.type).toBe('restart_entity');
  });

  it('never makes an outlier of four events', () => {
    const members = entities(8, { 4: { now: fig(4, 4), before: fig(4, 0) } });
    const findings = run(members);
    expect(findings.some((f) => f.subject?.id === `${SEGMENT}-4`)).toBe(false);
    expect(findings.every((f) => !f.interesting)).toBe(true);
  });

  it('does not judge an entity below the minimum volume, however bad its ratio', () => {
    const members = entities(8, { 4: { now: fig(40, 40), before: fig(40, 0) } });
    expect(run(members).some((f) => f.interesting)).toBe(false);
  });

  it('says there is too little to compare with fewer than five members of volume', () => {
    const findings = run(entities(4, { 2: steady(200) }));
    expect(findings.every((f) => !f.interesting && f.title.startsWith('Too little volume'))).toBe(
      true,
    );
  });

  it('falls back to the mean absolute deviation when most peers are identical', () => {
    const outlier = run(entities(8, { 6: steady(120) })).find((f) => f.interesting);
    expect(outlier?.subject?.id).toBe(`${SEGMENT}-6`);
    expect(outlier?.message).toContain('mean absolute deviation');
  });

  it('says there is no spread when every peer is the same', () => {
    const findings = run(entities(8));
    expect(findings.every((f) => !f.interesting)).toBe(true);
    expect(findings[0]?.message).toContain('no spread');
  });

  it('does not flag an entity for doing better than its peers', () => {
    const members = entities(8, {
      1: steady(30),
      2: steady(28),
      3: steady(0),
      4: steady(31),
      5: steady(29),
      6: steady(30),
      7: steady(32),
      8: steady(30),
    });
    expect(run(members).some((f) => f.interesting)).toBe(false);
  });

  it('catches a p95 outlier', () => {
    const outlier = run(entities(8, { 2: steady(3, 500) })).find((f) => f.interesting);
    expect(outlier?.title).toContain('outlier on p95');
  });

  it('proposes nothing when the failure is systemic', () => {
    const systemicVerdict = { ...notSystemic, systemic: true };
    const outlier = run(entities(8, { 6: steady(120) }), systemicVerdict).find(
      (f) => f.interesting,
    );
    expect(outlier).toBeDefined();
    expect(outlier?.propose).toBeUndefined();
  });

  it('answers about the asked entity alone on an entity scope', () => {
    const members = entities(8, { 6: steady(120) });
    const inputs = inputsFor({
      scope: { kind: 'entity', id: `${SEGMENT}-2` },
      segmentOfEntity: SEGMENT,
      members,
      self: steady(3),
    });
    const findings = peerOutliers({ inputs, links }, notSystemic);
    expect(findings.every((f) => f.subject === undefined || f.subject.id === `${SEGMENT}-2`)).toBe(
      true,
    );
    expect(findings.some((f) => f.interesting)).toBe(false);
  });
});
