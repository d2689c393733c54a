import { describe, expect, it } from 'vitest';
import type { Compared } from './inputs.ts';
import { systemic } from './systemic.ts';
import { entities, fig, inputsFor, links } from './testing/build-inputs.ts';

const broken = (): Compared => ({ now: fig(600, 120), before: fig(600, 3) });
const judge = (members: ReturnType<typeof entities>) =>
  systemic({ inputs: inputsFor({ members }), links });

describe('systemic', () => {
  it('says so when half or more of the active entities are affected', () => {
    const verdict = judge(entities(8, { 1: broken(), 2: broken(), 3: broken(), 4: broken() }));
    expect(verdict.systemic).toBe(true);
    expect(verdict.findings[0]).toMatchObject({
      interesting: true,
      subject: { kind: 'segment', id: 'checkout-eu' },
    });
  });

  it('is not systemic for three of eight', () => {
    const verdict = judge(entities(8, { 1: broken(), 2: broken(), 3: broken() }));
    expect(verdict.systemic).toBe(false);
    expect(verdict.findings[0]?.interesting).toBe(false);
  });

  it('needs two affected entities: one of one is a culprit, not a system', () => {
    expect(judge(entities(1, { 1: broken() })).systemic).toBe(false);
  });

  it('counts only entities with volume as active', () => {
    const quiet = { now: fig(10, 0), before: fig(10, 0) };
    const verdict = judge(
      entities(6, { 1: broken(), 2: broken(), 3: quiet, 4: quiet, 5: quiet, 6: quiet }),
    );
    expect(verdict.active).toHaveLength(2);
    expect(verdict.systemic).toBe(true);
  });

  it('counts a latency rise as affected', () => {
    const slow = (): Compared => ({ now: fig(600, 3, 300), before: fig(600, 3, 100) });
    expect(judge(entities(4, { 1: slow(), 2: slow() })).systemic).toBe(true);
  });
});
