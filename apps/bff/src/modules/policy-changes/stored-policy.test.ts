import { DEFAULT_ACTION_POLICY } from '@watchfloor/shared/actions/policy';
import { describe, expect, it } from 'vitest';
import { snapshotOf } from './database-policy-source.ts';

describe('a stored policy version', () => {
  it('keeps its hash and disables a catalogue type it predates, rather than failing the boot', () => {
    const { flush_queue: _omitted, ...types } = DEFAULT_ACTION_POLICY.types;
    const stored = JSON.stringify({ ...DEFAULT_ACTION_POLICY, types });
    const snapshot = snapshotOf('ab'.repeat(32), stored);
    expect(snapshot.version).toBe('ab'.repeat(32));
    expect(snapshot.policy.types.flush_queue?.enabled).toBe(false);
    expect(snapshot.policy.types.drain_entity?.enabled).toBe(true);
  });

  it('still refuses a stored policy that is invalid in what it does say', () => {
    const stored = JSON.stringify({ ...DEFAULT_ACTION_POLICY, expirySeconds: -1 });
    expect(() => snapshotOf('cd'.repeat(32), stored)).toThrow(/no longer validates/);
  });
});
