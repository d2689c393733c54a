import { DEFAULT_ACTION_POLICY } from '@watchfloor/shared/actions/policy';
import { describe, expect, it } from 'vitest';
import { policyDiff } from './policy-diff.ts';

describe('policy diff', () => {
  it('is empty for equal policies, whatever the key order', () => {
    expect(policyDiff(DEFAULT_ACTION_POLICY, structuredClone(DEFAULT_ACTION_POLICY))).toEqual([]);
    expect(policyDiff({ a: 1, b: { c: 2 } }, { b: { c: 2 }, a: 1 })).toEqual([]);
  });

  it('names each changed leaf by its dotted path with before and after', () => {
    const after = structuredClone(DEFAULT_ACTION_POLICY);
    after.caps.maxEntitiesPerAction = 5;
    after.types.flush_queue.enabled = false;
    expect(policyDiff(DEFAULT_ACTION_POLICY, after)).toEqual([
      { path: 'caps.maxEntitiesPerAction', before: 10, after: 5 },
      { path: 'types.flush_queue.enabled', before: true, after: false },
    ]);
  });

  it('shows added and removed keys with null on the missing side', () => {
    expect(policyDiff({ a: 1, t: { x: 1 } }, { t: { x: 1, y: [1] } })).toEqual([
      { path: 'a', before: 1, after: null },
      { path: 't.y', before: null, after: [1] },
    ]);
  });

  it('compares arrays as whole values, order included', () => {
    expect(policyDiff({ roles: ['a', 'b'] }, { roles: ['a', 'b'] })).toEqual([]);
    expect(policyDiff({ roles: ['a', 'b'] }, { roles: ['b', 'a'] })).toEqual([
      { path: 'roles', before: ['a', 'b'], after: ['b', 'a'] },
    ]);
  });
});
