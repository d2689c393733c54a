import { describe, expect, it } from 'vitest';
import { contribution } from './contribution.ts';
import type { CheckContext } from './evidence.ts';
import type { AssistInputs } from './inputs.ts';
import { systemic, type SystemicVerdict } from './systemic.ts';
import { entities, fig, inputsFor, links, SEGMENT } from './testing/build-inputs.ts';
import { SHAPE_INPUTS } from './testing/shape-inputs.ts';

const ctxOf = (inputs: AssistInputs): CheckContext => ({ inputs, links });
const notSystemic: SystemicVerdict = { systemic: false, active: [], affected: [], findings: [] };
const figure = (evidence: { figure: string; value: number | null }[], name: string) =>
  evidence.find((e) => e.figure === name)?.value;

describe('contribution', () => {
  it('names the one bad instance with its share of excess, lift and z, and offers a restart', () => {
    const ctx = ctxOf(SHAPE_INPUTS.one_bad_instance());
    const [top] = contribution(ctx, systemic(ctx)).filter((f) => f.interesting);
    expect(top?.subject).toEqual({ kind: 'entity', id: `${SEGMENT}-3` });
    expect(top?.title).toBe(
      'checkout-eu-3 carries 100 % of the extra errors on 13 % of the traffic',
    );
    expect(figure(top?.evidence ?? [], 'share of traffic')).toBe(0.125);
    expect(figure(top?.evidence ?? [], 'lift')).toBeCloseTo(8, 5);
    expect(figure(top?.evidence ?? [], 'two-proportion z')).toBeGreaterThan(10);
    expect(top?.propose).toMatchObject({
      type: 'restart_entity',
      target: { kind: 'entity', id: `${SEGMENT}-3` },
    });
  });

  it('says plainly that there is no excess, and finds nothing interesting, when there is none', () => {
    const ctx = ctxOf(SHAPE_INPUTS.traffic_surge_without_errors());
    const findings = contribution(ctx, notSystemic);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      interesting: false,
      title: 'No excess errors or latency against the baseline',
    });
  });

  it('does not count ten errors short of the threshold as an excess', () => {
    const ctx = ctxOf(
      inputsFor({ members: entities(4, { 1: { now: fig(600, 12), before: fig(600, 3) } }) }),
    );
    expect(contribution(ctx, notSystemic).every((f) => !f.interesting)).toBe(true);
  });

  it('names no culprit and proposes nothing when the failure is systemic', () => {
    const bad = (errors: number) => ({ now: fig(600, errors), before: fig(600, 3) });
    const inputs = inputsFor({
      members: entities(8, { 1: bad(300), 2: bad(40), 3: bad(40), 4: bad(40), 5: bad(40) }),
    });
    const ctx = ctxOf(inputs);
    const verdict = systemic(ctx);
    expect(verdict.systemic).toBe(true);
    const worst = (v: SystemicVerdict) =>
      contribution(ctx, v).find((f) => f.subject?.id === `${SEGMENT}-1`);
    expect(worst(notSystemic)).toMatchObject({ interesting: true });
    expect(worst(verdict)?.interesting).toBe(false);
    expect(worst(verdict)?.propose).toBeUndefined();
    expect(worst(verdict)?.message).toContain('systemic');
  });

  it('gives the share to the entity that changed, not to one that was just as bad before', () => {
    const inputs = inputsFor({
      members: entities(8, {
        2: { now: fig(600, 120), before: fig(600, 120) },
        6: { now: fig(600, 60), before: fig(600, 3) },
      }),
    });
    const findings = contribution(ctxOf(inputs), notSystemic);
    const named = findings.filter((f) => f.interesting && f.subject?.kind === 'entity');
    expect(named.map((f) => f.subject?.id)).toEqual([`${SEGMENT}-6`]);
    expect(named[0]?.title).toContain('100 % of the extra errors');
  });

  it('ranks the slow entity for a latency-only degradation', () => {
    const ctx = ctxOf(SHAPE_INPUTS.latency_only_degradation());
    const [top] = contribution(ctx, notSystemic).filter((f) => f.interesting);
    expect(top?.subject?.id).toBe(`${SEGMENT}-5`);
    expect(top?.title).toContain('added latency');
  });

  it('ranks error classes of an entity when asked about the entity', () => {
    const ctx = ctxOf(SHAPE_INPUTS.entity_scope_error_class());
    const findings = contribution(ctx, notSystemic);
    expect(findings.some((f) => f.subject?.kind === 'entity')).toBe(false);
    expect(findings.find((f) => f.interesting)?.subject).toEqual({
      kind: 'error_class',
      id: 'ConnectionReset',
    });
  });
});
