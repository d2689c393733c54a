import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { canonicalJson } from '@watchfloor/shared/actions/canonical-json';
import {
  ActionPolicySchema,
  DEFAULT_ACTION_POLICY,
  type ActionPolicy,
} from '@watchfloor/shared/actions/policy';
import { fieldIssues } from '@watchfloor/shared/errors';

export interface PolicySnapshot {
  policy: ActionPolicy;
  /** SHA-256 of the policy's canonical JSON: any change to the data is a new version. */
  version: string;
}

/** Where the current policy comes from; asked afresh at every evaluation. */
export interface PolicySource {
  current(): PolicySnapshot;
}

export function policyVersion(policy: ActionPolicy): string {
  return createHash('sha256').update(canonicalJson(policy)).digest('hex');
}

/** A policy held in memory; `replace` validates and swaps it (a reload, or a test changing policy). */
export class InMemoryPolicySource implements PolicySource {
  private snapshot: PolicySnapshot;

  constructor(policy: ActionPolicy = DEFAULT_ACTION_POLICY) {
    this.snapshot = toSnapshot(policy);
  }

  current(): PolicySnapshot {
    return this.snapshot;
  }

  replace(policy: unknown): PolicySnapshot {
    this.snapshot = toSnapshot(policy);
    return this.snapshot;
  }
}

function toSnapshot(policy: unknown): PolicySnapshot {
  const parsed = ActionPolicySchema.safeParse(policy);
  if (!parsed.success) {
    throw new Error(
      `Invalid action policy: ${fieldIssues(parsed.error.issues)
        .map((i) => `${i.field}: ${i.message}`)
        .join('; ')}`,
    );
  }
  return { policy: parsed.data, version: policyVersion(parsed.data) };
}

/** Reads and validates a policy JSON file (WATCHFLOOR_ACTION_POLICY_FILE); throws naming every invalid field. */
export async function loadPolicyFile(path: string): Promise<InMemoryPolicySource> {
  const text = await readFile(path, 'utf8');
  return new InMemoryPolicySource(ActionPolicySchema.parse(JSON.parse(text)));
}
