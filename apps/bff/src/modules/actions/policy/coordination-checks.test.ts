import { DEFAULT_ACTION_POLICY } from '@watchfloor/shared/actions/policy';
import { describe, expect, it } from 'vitest';
import { evaluatePolicy, type EvaluationInputs } from './policy-evaluation.ts';
import { InMemoryPolicySource } from './policy-source.ts';

const AT = Date.parse('2026-11-27T12:00:00Z');

function inputs(override: EvaluationInputs['action']['freezeOverride'] = null): EvaluationInputs {
  return {
    stage: 'execution',
    actor: { username: 'system', roles: [], teams: ['*'] },
    action: {
      id: 7,
      type: 'drain_entity',
      target: { kind: 'entity', id: 'web-1' },
      params: {},
      proposer: 'operator',
      approvers: ['approver'],
      policyVersion: null,
      freezeOverride: override,
    },
    targets: [{ slug: 'web-1', kind: 'service', state: 'active' }],
    shortfall: null,
    quality: { state: 'ok', reasons: [] },
    conflicts: [],
    segmentActions: [],
    segment: { slug: 'web', owner: null, entities: 10, notActive: 0, heldByOthers: 0 },
  };
}

const frozen = () => {
  const policy = structuredClone(DEFAULT_ACTION_POLICY);
  policy.coordination!.freezes = [
    {
      id: 'peak',
      kind: 'freeze',
      from: '2026-11-27T00:00:00Z',
      to: '2026-11-28T00:00:00Z',
      reason: 'peak',
    },
  ];
  return new InMemoryPolicySource(policy).current();
};
const freezeResult = (overrideFreezes: string[] | null, at = AT) =>
  evaluatePolicy(
    frozen(),
    inputs(overrideFreezes && { by: 'admin', reason: 'because', freezes: overrideFreezes }),
    at,
  ).results.find((r) => r.code === 'change_freeze')!;

describe('change freezes at execution', () => {
  it('refuses inside the window, passes outside it (the window ends exclusive)', () => {
    expect(freezeResult(null).passed).toBe(false);
    expect(freezeResult(null, Date.parse('2026-11-28T00:00:00Z')).passed).toBe(true);
  });

  it('honours an override only for the freezes it named at proposal', () => {
    expect(freezeResult(['peak']).passed).toBe(true);
    expect(freezeResult(['peak']).message).toContain('overridden by admin');
    expect(freezeResult(['another']).passed).toBe(false);
  });

  it('refuses a freeze whose end is not after its start', () => {
    const policy = structuredClone(DEFAULT_ACTION_POLICY);
    policy.coordination!.freezes = [
      {
        id: 'x',
        kind: 'freeze',
        from: '2026-11-28T00:00:00Z',
        to: '2026-11-27T00:00:00Z',
        reason: 'r',
      },
    ];
    expect(() => new InMemoryPolicySource(policy)).toThrow(/coordination\.freezes\.0\.to/);
  });
});
